/** What a poll needs of a cache: `z.cache` on Zapier, which throws where it does not exist (`zapier-platform invoke`). */
export interface CachePort {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown, ttl?: number): Promise<unknown>;
}
