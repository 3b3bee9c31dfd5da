import type { Experience } from '../../../src/contract/published';
import {
  GONE_KEPT_MS,
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
const goneIds = (memory: ReturnType<typeof nextListingMemory>) => [...memory.gone.keys()];

describe('nextListingMemory', () => {
  it('the first poll only remembers what it listed', () => {
    const memory = nextListingMemory(null, full(exp('a'), exp('b')), T);
    expect([...memory.listed.keys()]).toEqual(['a', 'b']);
    expect(goneIds(memory)).toEqual([]);
  });

  it('an experience listed before and missing from a full reading is gone, with what fills its item', () => {
    const first = nextListingMemory(null, full(exp('a'), exp('b')), T);
    const second = nextListingMemory(first, full(exp('a')), T + 1000);
    expect(goneIds(second)).toEqual(['b']);
    expect(second.gone.get('b')).toEqual({
      experience: { id: 'b', name: 'Test b', type: 'pricing', category: 'experiment', status: 'started', organizationId: 'org_1' },
      lastKnownChange: 7,
      noticedAt: T + 1000,
    });
  });

  it('infers nothing from a partial reading, and keeps what it listed before for the next full one', () => {
    const first = nextListingMemory(null, full(exp('a'), exp('b')), T);
    const second = nextListingMemory(first, partial(exp('a')), T + 1000);
    expect(goneIds(second)).toEqual([]);
    expect(goneIds(nextListingMemory(second, full(exp('a')), T + 2000))).toEqual(['b']);
  });

  it('keeps a disappearance for later polls, with the time it was first noticed, then forgets it', () => {
    const gone = nextListingMemory(nextListingMemory(null, full(exp('a'), exp('b')), T), full(exp('a')), T + 1000);
    const later = nextListingMemory(gone, full(exp('a')), T + 5000);
    expect(later.gone.get('b')?.noticedAt).toBe(T + 1000);
    expect(goneIds(nextListingMemory(later, full(exp('a')), T + 1000 + GONE_KEPT_MS))).toEqual([]);
  });

  it('forgets a disappearance when the experience is listed again', () => {
    const gone = nextListingMemory(nextListingMemory(null, full(exp('a'), exp('b')), T), full(exp('a')), T + 1000);
    expect(goneIds(nextListingMemory(gone, full(exp('a'), exp('b')), T + 2000))).toEqual([]);
  });
});

describe('the stored form', () => {
  it('round-trips, keeps only what fills an item (no history), and is compact', () => {
    const memory = nextListingMemory(nextListingMemory(null, full(exp('a'), exp('b')), T), full(exp('a')), T + 1000);
    const stored = storedListingMemory(memory);
    expect(JSON.stringify(stored)).not.toContain('saveExperience');
    expect(readListingMemory(JSON.parse(JSON.stringify(stored)))).toEqual(memory);
    const thousand = nextListingMemory(null, full(...Array.from({ length: 1000 }, (_, i) => exp(`8f14e45f-ceea-4e7a-9f6b-${String(i).padStart(12, '0')}`))), T);
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
    const memory = nextListingMemory(nextListingMemory(null, full(exp('a'), exp('b')), T), full(exp('a')), T + 1000);
    const store = new Map<string, unknown>();
    const cache = {
      get: (key: string) => Promise.resolve(store.get(key) ?? null),
      set: (key: string, value: unknown) => (store.set(key, value), Promise.resolve(true)),
    };
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

  it('a failed save is logged, not thrown', async () => {
    const lines: string[] = [];
    const cache = { get: () => Promise.resolve(null), set: () => Promise.reject(new Error('refused')) };
    await saveListingMemory(cache, 'k', nextListingMemory(null, full(exp('a')), T), (line) => lines.push(line), describe_);
    expect(lines).toHaveLength(1);
  });
});
