/**
 * A stand-in for z.cache whose `set` answers one way, as Zapier's can: `true` (stored), `false` with the key present
 * (nx met another writer's entry), `false` with the key absent (the write was refused), `null` (stored, no verdict),
 * or a throw (no cache here).
 */
export const SET_ANSWERS = ['true', 'false, key present', 'false, key absent', 'null', 'throws'] as const;
export type SetAnswer = (typeof SET_ANSWERS)[number];

/** The value another writer put there first, for `false, key present`. */
const OTHER_WRITERS_VALUE = { checkedAt: { other: 1 } };

export function answeringCache(answer: SetAnswer) {
  const stored = new Map<string, unknown>();
  const cache = {
    sets: 0,
    get: async (key: string): Promise<unknown> => stored.get(key) ?? null,
    set: async (key: string, value: unknown): Promise<boolean | null> => {
      cache.sets++;
      switch (answer) {
        case 'true':
          stored.set(key, value);
          return true;
        case 'false, key present':
          stored.set(key, OTHER_WRITERS_VALUE);
          return false;
        case 'false, key absent':
          return false;
        case 'null':
          stored.set(key, value);
          return null;
        case 'throws':
          throw new Error('rpc is not available');
      }
    },
  };
  return { cache, stored };
}
