import { createHash } from 'node:crypto';
/** A repeat must be recognised for as long as the delivery could still pass the freshness check. */
import type { ZObject } from 'zapier-platform-core';
import { DEDUPE_MARGIN_MS, dedupeTtlSeconds, isFirstDelivery } from '../../../../src/triggers/experience-events/delivery-dedupe';
import { receiveDelivery } from '../../../../src/triggers/experience-events/receive-delivery';
import { freshness, MAX_DELIVERY_AGE_MS, MAX_FUTURE_SKEW_MS, UNDATED_REPEAT_MEMORY_MS } from '../../../../src/webhook/replay-window';
import { sign } from '../../../../src/webhook/signature';
import { answeringCache, SET_ANSWERS, type SetAnswer } from '../../../helpers/answering-cache';
import { hookBundle, signedRequest, SUBSCRIPTION_SECRET } from '../../../helpers/signed-delivery';

const NOW = 1_764_412_260_000;

/** A z whose cache records what it was asked to keep, and for how long. */
function recordingZ() {
  const stored = new Map<string, { value: unknown; ttl: number }>();
  const z = {
    console: { log: () => undefined },
    cache: {
      get: async (key: string) => stored.get(key)?.value ?? null,
      set: async (key: string, value: unknown, ttl: number) => {
        stored.set(key, { value, ttl });
        return true;
      },
    },
  };
  return { z: z as unknown as ZObject, stored };
}

describe('dedupeTtlSeconds', () => {
  it('covers the whole time a delivery stamped 5 minutes ahead stays fresh (24 h 5 min), plus the margin', () => {
    const stampedAhead = NOW + MAX_FUTURE_SKEW_MS;
    const ttlMs = dedupeTtlSeconds(stampedAhead, NOW) * 1000;
    // The last moment a replay of it still passes freshness, measured from when the entry is stored:
    const lastFreshMoment = stampedAhead + MAX_DELIVERY_AGE_MS;
    expect(freshness(stampedAhead, lastFreshMoment).ok).toBe(true);
    expect(ttlMs).toBeGreaterThanOrEqual(lastFreshMoment - NOW + DEDUPE_MARGIN_MS);
    expect(ttlMs).toBeGreaterThan(24 * 60 * 60 * 1000 + 5 * 60 * 1000);
  });

  it('is shorter for a delivery that is already old: only what is left of its window, plus the margin', () => {
    expect(dedupeTtlSeconds(NOW - 23 * 60 * 60 * 1000, NOW)).toBe((60 * 60 * 1000 + DEDUPE_MARGIN_MS) / 1000);
  });

  it('is a whole number of seconds (z.cache refuses anything else)', () => {
    expect(Number.isInteger(dedupeTtlSeconds(NOW - 1234.5, NOW))).toBe(true);
  });

  it('an undated delivery, which freshness cannot bound, is remembered for the longer undated period', () => {
    expect(dedupeTtlSeconds(null, NOW) * 1000).toBe(UNDATED_REPEAT_MEMORY_MS + DEDUPE_MARGIN_MS);
  });
});

describe('isFirstDelivery', () => {
  it('stores the key with the TTL it is given, and recognises the repeat', async () => {
    const { z, stored } = recordingZ();
    expect(await isFirstDelivery(z, 'k', 4242)).toBe(true);
    expect(stored.get('k')).toEqual({ value: expect.stringMatching(/^[0-9a-f]{32}$/), ttl: 4242 });
    expect(await isFirstDelivery(z, 'k', 4242)).toBe(false);
  });

  it('stores a value of its own for each delivery, so a read-back can tell whose write it was', async () => {
    const { z, stored } = recordingZ();
    await isFirstDelivery(z, 'a', 60);
    await isFirstDelivery(z, 'b', 60);
    expect(stored.get('a')?.value).not.toEqual(stored.get('b')?.value);
  });

  /** A cache that keeps nx but answers every write with null, as Zapier's can: only the read-back tells. */
  function nullAnsweringZ() {
    const stored = new Map<string, unknown>();
    const cache = {
      get: async (key: string) => stored.get(key) ?? null,
      set: async (key: string, value: unknown, _ttl: number, _scope?: string[], nx?: boolean) => {
        if (!(nx === true && stored.has(key))) stored.set(key, value);
        return null;
      },
    };
    return { z: { cache, console: { log: () => undefined } } as unknown as ZObject, stored };
  }

  it('when set answers null and a concurrent delivery wrote the key first, runs the Zap once', async () => {
    const { z } = nullAnsweringZ();
    // Both read the key before either writes it; the first write wins nx, the second answers null over the winner's entry.
    const firsts = await Promise.all([isFirstDelivery(z, 'k', 60), isFirstDelivery(z, 'k', 60)]);
    expect(firsts).toEqual([true, false]);
  });

  it('when set answers null and the key holds what this delivery wrote, runs the Zap', async () => {
    const { z, stored } = nullAnsweringZ();
    expect(await isFirstDelivery(z, 'k', 60)).toBe(true);
    expect(stored.get('k')).toEqual(expect.any(String));
  });

  // Only a key that is really there makes a repeat: a refused write must not drop a first delivery (nothing retries it).
  const expected: Record<SetAnswer, { first: boolean; logged: RegExp | null }> = {
    true: { first: true, logged: null },
    'false, key present': { first: false, logged: null },
    'false, key absent': { first: true, logged: /cache refused to remember this delivery.*without deduplication/ },
    null: { first: true, logged: null },
    throws: { first: true, logged: /deduplication is not available here \(rpc is not available\); going on without it/ },
  };

  it.each(SET_ANSWERS)('when set answers %s', async (answer) => {
    const { cache } = answeringCache(answer);
    const logs: string[] = [];
    const z = { cache, console: { log: (line: string) => void logs.push(line) } } as unknown as ZObject;
    expect(await isFirstDelivery(z, 'k', 60)).toBe(expected[answer].first);
    expect(cache.sets).toBe(1);
    const { logged } = expected[answer];
    if (logged === null) expect(logs).toEqual([]);
    else expect(logs.join('\n')).toMatch(logged);
  });
});

describe('perform remembers each delivery for its own window', () => {
  it.each([
    ['stamped 5 minutes ahead', MAX_FUTURE_SKEW_MS],
    ['stamped now', 0],
    ['stamped 20 hours ago', -20 * 60 * 60 * 1000],
  ])('%s', async (_name, offset) => {
    const { z, stored } = recordingZ();
    const before = Date.now();
    const request = signedRequest({ timestamp: before + offset });
    const items = await receiveDelivery(z, hookBundle(request) as never, ['startExperience']);
    expect(items).toHaveLength(1);
    const [[key, entry]] = [...stored.entries()];
    const signature = sign(SUBSCRIPTION_SECRET, request.content);
    // A digest of the signature, never the signature itself: cache keys can show up in Zapier's own logs.
    expect(key).toBe(`intelligems:delivery:wh_123:${createHash('sha256').update(Buffer.from(signature, 'hex')).digest('hex')}`);
    expect(key).not.toContain(signature);
    const window = before + offset + MAX_DELIVERY_AGE_MS - before;
    expect(entry.ttl * 1000).toBeGreaterThanOrEqual(window + DEDUPE_MARGIN_MS - 1000);
    expect(entry.ttl * 1000).toBeLessThanOrEqual(window + DEDUPE_MARGIN_MS + 1000);
  });
});
