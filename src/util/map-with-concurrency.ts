/**
 * `Promise.all(items.map(fn))` with at most `limit` calls in flight, results in input order. The first failure
 * stops new calls from starting, so a rate limit or a rejected key does not set off a burst of further doomed
 * calls; the returned promise rejects with it only once the calls already in flight have settled, so nothing is
 * left running (or logging) after the Zapier invocation that started it has ended.
 */
export async function mapWithConcurrency<T, R>(items: ReadonlyArray<T>, limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer, got ${limit}`);
  const results = new Array<R>(items.length);
  let next = 0;
  let failure: { error: unknown } | null = null;
  async function worker(): Promise<void> {
    while (failure === null && next < items.length) {
      const index = next++;
      try {
        results[index] = await fn(items[index], index);
      } catch (error) {
        failure ??= { error };
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, () => worker()));
  if (failure !== null) throw (failure as { error: unknown }).error;
  return results;
}
