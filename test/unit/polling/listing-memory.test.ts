import type { Experience } from '../../../src/contract/published';
import { answeringCache, SET_ANSWERS, type SetAnswer } from '../../helpers/answering-cache';
import { RATE_LIMIT_RESERVE } from '../../../src/polling/budget';
import {
  confirmDeletions,
  deletedByDetail,
  GONE_KEPT_MS,
  MAX_DELETION_CHECKS_PER_POLL,
  missingFromListing,
  listingMemoryKey,
  loadListingMemory,
  nextListingMemory,
  readListingMemory,
  saveListingMemory,
  storedListingMemory,
} from '../../../src/polling/listing-memory';

const T = 1_764_400_000_000;
const exp = (id: string, extra: Partial<Experience> = {}): Experience => ({
  id,
  name: `Test ${id}`,
  type: 'pricing',
  category: 'experiment',
  status: 'started',
  organizationId: 'org_1',
  lastUpdateTs: 7,
  history: [{ action: 'saveExperience', createdAtTs: 7 }],
  ...extra,
});
const full = (...experiences: Experience[]) => ({ experiences, complete: true });
const partial = (...experiences: Experience[]) => ({ experiences, complete: false });
const NONE: ReadonlySet<string> = new Set();
const B: ReadonlySet<string> = new Set(['b']);
const goneIds = (memory: ReturnType<typeof nextListingMemory>) => [...memory.gone.keys()];

describe('nextListingMemory', () => {
  it('the first poll only remembers what it listed', () => {
    const memory = nextListingMemory(null, full(exp('a'), exp('b')), T, NONE);
    expect([...memory.listed.keys()]).toEqual(['a', 'b']);
    expect(goneIds(memory)).toEqual([]);
  });

  it('an experience listed before and missing from a full reading is gone, with what fills its item', () => {
    const first = nextListingMemory(null, full(exp('a'), exp('b')), T, NONE);
    const second = nextListingMemory(first, full(exp('a')), T + 1000, B);
    expect(goneIds(second)).toEqual(['b']);
    expect(second.gone.get('b')).toEqual({
      experience: { id: 'b', name: 'Test b', type: 'pricing', category: 'experiment', status: 'started', organizationId: 'org_1' },
      lastKnownChange: 7,
      noticedAt: T + 1000,
    });
  });

  it('infers nothing from a partial reading, and keeps what it listed before for the next full one', () => {
    const first = nextListingMemory(null, full(exp('a'), exp('b')), T, NONE);
    const second = nextListingMemory(first, partial(exp('a')), T + 1000, B);
    expect(goneIds(second)).toEqual([]);
    expect(goneIds(nextListingMemory(second, full(exp('a')), T + 2000, B))).toEqual(['b']);
  });

  it('keeps a disappearance for later polls, with the time it was first noticed, then forgets it', () => {
    const gone = nextListingMemory(nextListingMemory(null, full(exp('a'), exp('b')), T, NONE), full(exp('a')), T + 1000, B);
    const later = nextListingMemory(gone, full(exp('a')), T + 5000, NONE);
    expect(later.gone.get('b')?.noticedAt).toBe(T + 1000);
    expect(goneIds(nextListingMemory(later, full(exp('a')), T + 1000 + GONE_KEPT_MS, NONE))).toEqual([]);
  });

  it('an absence not confirmed as a deletion stays listed, to be looked up again', () => {
    const first = nextListingMemory(null, full(exp('a'), exp('b')), T, NONE);
    expect(missingFromListing(first, full(exp('a')))).toEqual(['b']);
    const second = nextListingMemory(first, full(exp('a')), T + 1000, NONE);
    expect(goneIds(second)).toEqual([]);
    expect([...second.listed.keys()]).toEqual(['a', 'b']);
    expect(missingFromListing(second, full(exp('a')))).toEqual(['b']);
    expect(missingFromListing(second, partial(exp('a')))).toEqual([]);
  });

  it('forgets a disappearance when the experience is listed again', () => {
    const gone = nextListingMemory(nextListingMemory(null, full(exp('a'), exp('b')), T, NONE), full(exp('a')), T + 1000, B);
    expect(goneIds(nextListingMemory(gone, full(exp('a'), exp('b')), T + 2000, NONE))).toEqual([]);
  });
});

describe('confirmDeletions', () => {
  const budget = (remaining?: number) => ({
    deadline: Date.now() + 60_000,
    now: Date.now,
    rateLimit: () => (remaining === undefined ? undefined : { remaining, resetAt: null }),
    stopsTheRun: () => false,
  });

  it('tells deleted from still there, and leaves a failed look-up unsettled', async () => {
    const answers: Record<string, () => Promise<boolean>> = {
      gone: async () => true,
      there: async () => false,
      failing: async () => Promise.reject(new Error('HTTP 503')),
    };
    const checks = await confirmDeletions(['gone', 'there', 'failing'], (id) => (answers[id] ?? answers.failing)(), budget());
    expect(checks).toEqual({ deleted: new Set(['gone']), present: new Set(['there']), unsettled: 1 });
  });

  it(`looks up at most ${MAX_DELETION_CHECKS_PER_POLL} per poll`, async () => {
    const asked: string[] = [];
    const ids = Array.from({ length: MAX_DELETION_CHECKS_PER_POLL + 3 }, (_, n) => `x${n}`);
    const checks = await confirmDeletions(ids, async (id) => (asked.push(id), true), budget());
    expect(asked).toEqual(ids.slice(0, MAX_DELETION_CHECKS_PER_POLL));
    expect(checks.unsettled).toBe(3);
  });

  it('starts no look-up that would take the rate budget below the reserve', async () => {
    const asked: string[] = [];
    const checks = await confirmDeletions(['a', 'b'], async (id) => (asked.push(id), true), budget(RATE_LIMIT_RESERVE));
    expect(asked).toEqual([]);
    expect(checks.unsettled).toBe(2);
  });

  it.each([
    [{ isDeleted: true }, true],
    [{ archivedAtTs: T }, true],
    [{ isDeleted: false, archivedAtTs: null }, false],
    [{}, false],
  ])('a detail answer with %j says deleted: %s', (fields, deleted) => {
    expect(deletedByDetail(exp('a', fields as Partial<Experience>))).toBe(deleted);
  });
});

describe('the stored form', () => {
  it('round-trips, keeps only what fills an item (no history), and is compact', () => {
    const memory = nextListingMemory(nextListingMemory(null, full(exp('a'), exp('b')), T, NONE), full(exp('a')), T + 1000, B);
    const stored = storedListingMemory(memory);
    expect(JSON.stringify(stored)).not.toContain('saveExperience');
    expect(readListingMemory(JSON.parse(JSON.stringify(stored)))).toEqual(memory);
    const thousand = nextListingMemory(
      null,
      full(...Array.from({ length: 1000 }, (_, i) => exp(`8f14e45f-ceea-4e7a-9f6b-${String(i).padStart(12, '0')}`))),
      T,
      NONE,
    );
    expect(JSON.stringify(storedListingMemory(thousand)).length).toBeLessThan(150_000);
  });

  it('reads nothing stored, or anything foreign, as no memory', () => {
    for (const stored of [undefined, null, 'x', { v: 2 }, { v: 1, listed: { a: ['only a name'] }, gone: {} }]) expect(readListingMemory(stored)).toBeNull();
  });

  it('keys the memory by connection, never with the API key in clear', () => {
    expect(listingMemoryKey('key-1')).not.toContain('key-1');
    expect(listingMemoryKey('key-1')).not.toBe(listingMemoryKey('key-2'));
  });
});

describe('loading and saving through the cache', () => {
  const describe_ = (error: unknown) => (error instanceof Error ? error.message : String(error));

  it('without a cache: says deletions of that kind cannot be seen, and answers undefined', async () => {
    const lines: string[] = [];
    const cache = { get: () => Promise.reject(new Error('no cache here')), set: () => Promise.reject(new Error('no cache here')) };
    expect(await loadListingMemory(cache, 'k', (line) => lines.push(line), describe_)).toBeUndefined();
    expect(lines.join('\n')).toMatch(/cannot be seen/);
  });

  it('stores the memory as JSON text, reads it back, and still reads one an earlier version stored as an object', async () => {
    const memory = nextListingMemory(nextListingMemory(null, full(exp('a'), exp('b')), T, NONE), full(exp('a')), T + 1000, NONE);
    const { cache, stored: store } = answeringCache('true');
    await saveListingMemory(cache, 'k', memory, () => undefined, describe_);
    expect(typeof store.get('k')).toBe('string');
    expect(await loadListingMemory(cache, 'k', () => undefined, describe_)).toEqual(memory);
    store.set('k', storedListingMemory(memory));
    expect(await loadListingMemory(cache, 'k', () => undefined, describe_)).toEqual(memory);
    for (const foreign of ['{"v":1', JSON.stringify({ v: 1, listed: { a: ['n', 't', 'c', 's', 'o', 'not a number'] }, gone: {} })]) {
      store.set('k', foreign);
      expect(await loadListingMemory(cache, 'k', () => undefined, describe_)).toBeNull();
    }
  });

  const said: Record<SetAnswer, { memory: 'remembered' | 'forgotten'; logged: RegExp | null }> = {
    true: { memory: 'remembered', logged: null },
    'false, key present': { memory: 'forgotten', logged: /cache refused the write\): deletions by absence cannot be seen this time/ },
    'false, key absent': { memory: 'forgotten', logged: /cache refused the write\): deletions by absence cannot be seen this time/ },
    null: { memory: 'remembered', logged: null },
    throws: { memory: 'forgotten', logged: /\(rpc is not available\): deletions by absence cannot be seen this time/ },
  };

  it.each(SET_ANSWERS)('saving when set answers %s: kept only when the cache holds it, and a refusal logged, not thrown', async (answer) => {
    const { cache, stored } = answeringCache(answer);
    const lines: string[] = [];
    const memory = nextListingMemory(null, full(exp('a')), T, NONE);
    expect(await saveListingMemory(cache, 'k', memory, (line) => lines.push(line), describe_)).toBe(said[answer].memory);
    if (said[answer].memory === 'remembered') expect(readListingMemory(stored.get('k'))).toEqual(memory);
    const { logged } = said[answer];
    if (logged === null) expect(lines).toEqual([]);
    else expect(lines.join('\n')).toMatch(logged);
  });
});
