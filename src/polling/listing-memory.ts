/**
 * What the previous poll listed, remembered between polls in z.cache (through a CachePort), so that an experience
 * gone from the list can be seen as deleted: Intelligems leaves soft-deleted experiences out of the default list, and
 * nothing else may say they went. Only what fills the deletion's item is kept per experience (id, name, type,
 * category, status, organization and its last known change), in a compact form.
 *
 * One memory per connection, shared by every polling event trigger and Zap on it. A disappearance is kept as "gone"
 * for GONE_KEPT_MS, so each poll (of any Zap) still sees it after another poll noticed it first, and its id depends
 * on the experience alone, so racing polls agree on it. An absence counts only when every page was read.
 */
import { createHash } from 'node:crypto';
import type { Experience } from '../contract/published';
import type { CachePort } from './cache-port';

/** Kept a few days: long after Zapier's slowest polling interval, short enough to fade once the Zaps are off. */
export const LISTING_MEMORY_TTL_SECONDS = 3 * 24 * 60 * 60;
/** How long a disappearance stays visible to later polls (of this Zap or another on the same connection). */
export const GONE_KEPT_MS = 24 * 60 * 60 * 1000;

/** What fills the item of a deletion seen by absence. */
export interface GoneExperience {
  /** The experience as last listed, reduced to the fields an item shows. */
  experience: Experience;
  /** Its last known change (Unix ms, or 0): keys the deletion's id. */
  lastKnownChange: number;
  /** When a poll first found it gone (Unix ms). */
  noticedAt: number;
}

export interface ListingMemory {
  listed: Map<string, Omit<GoneExperience, 'noticedAt'>>;
  gone: Map<string, GoneExperience>;
}

// Stored as [name, type, category, status, organizationId, lastKnownChange] (and noticedAt for a gone one).
type Entry = [string, string, string, string, string, number];
type GoneEntry = [...Entry, number];
interface Stored {
  v: 1;
  listed: Record<string, Entry>;
  gone: Record<string, GoneEntry>;
}

/** The cache key for one connection (the key as sent, hashed: cache keys are not secrets and may show up in logs). */
export function listingMemoryKey(apiKey: string): string {
  return `intelligems:experience-listing:${createHash('sha256').update(apiKey).digest('hex')}`;
}

function remembered(experience: Experience): Omit<GoneExperience, 'noticedAt'> {
  const { id, name, type, category, status, organizationId } = experience;
  const change = [experience.lastUpdateTs, experience.createdAtTs].find((ms) => typeof ms === 'number' && Number.isFinite(ms));
  return {
    experience: { id, name, type, category, status, ...(organizationId ? { organizationId } : {}) },
    lastKnownChange: typeof change === 'number' ? change : 0,
  };
}

function fromEntry(id: string, [name, type, category, status, organizationId, lastKnownChange]: Readonly<Entry | GoneEntry>) {
  return { experience: { id, name, type, category, status, ...(organizationId ? { organizationId } : {}) }, lastKnownChange };
}

/** Five strings then `numbers` finite numbers, and nothing more: one stored entry. */
function isEntry(value: unknown, numbers: 1 | 2): value is Entry | GoneEntry {
  if (!Array.isArray(value) || value.length !== 5 + numbers) return false;
  for (let i = 0; i < value.length; i++) {
    if (i < 5 ? typeof value[i] !== 'string' : !Number.isFinite(value[i])) return false;
  }
  return true;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A stored memory, or null for nothing stored or anything else (a lost or foreign value starts afresh). It is stored
 * as JSON text (see saveListingMemory); a memory stored as an object by an earlier version is read as well.
 */
export function readListingMemory(stored: unknown): ListingMemory | null {
  let value = stored;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return null;
    }
  }
  if (!isRecord(value) || value.v !== 1 || !isRecord(value.listed) || !isRecord(value.gone)) return null;
  const listed: ListingMemory['listed'] = new Map();
  for (const [id, entry] of Object.entries(value.listed)) {
    if (!isEntry(entry, 1)) return null;
    listed.set(id, fromEntry(id, entry));
  }
  const gone: ListingMemory['gone'] = new Map();
  for (const [id, entry] of Object.entries(value.gone)) {
    if (!isEntry(entry, 2)) return null;
    gone.set(id, { ...fromEntry(id, entry), noticedAt: entry[6] as number });
  }
  return { listed, gone };
}

export function storedListingMemory(memory: ListingMemory): Stored {
  const entry = ({ experience: e, lastKnownChange }: Omit<GoneExperience, 'noticedAt'>) =>
    [e.name, e.type, e.category, e.status, e.organizationId ?? '', lastKnownChange] as Entry;
  const listed: Stored['listed'] = {};
  for (const [id, value] of memory.listed) listed[id] = entry(value);
  const gone: Stored['gone'] = {};
  for (const [id, value] of memory.gone) gone[id] = [...entry(value), value.noticedAt];
  return { v: 1, listed, gone };
}

/**
 * The memory after this poll's reading. Read in full, the list replaces what was listed, and what the previous
 * poll listed and this one did not is gone as of `now`. Read in part, nothing is inferred: what was read is merged
 * into what was listed, so the next full reading can still notice an absence. A disappearance is kept GONE_KEPT_MS,
 * and forgotten at once if the experience is listed again.
 */
export function nextListingMemory(
  previous: ListingMemory | null,
  reading: { experiences: ReadonlyArray<Experience>; complete: boolean },
  now: number,
): ListingMemory {
  const listed = new Map(reading.complete ? [] : (previous?.listed ?? []));
  for (const experience of reading.experiences) listed.set(experience.id, remembered(experience));
  const gone = new Map<string, GoneExperience>();
  for (const [id, value] of previous?.gone ?? []) if (now - value.noticedAt < GONE_KEPT_MS && !listed.has(id)) gone.set(id, value);
  if (reading.complete && previous !== null) {
    for (const [id, value] of previous.listed) if (!listed.has(id) && !gone.has(id)) gone.set(id, { ...value, noticedAt: now });
  }
  return { listed, gone };
}

/** The memory of this connection's listing: null when nothing usable is stored; undefined where the cache is unavailable. */
export async function loadListingMemory(
  cache: CachePort,
  key: string,
  log: (line: string) => void,
  describe: (error: unknown) => string,
): Promise<ListingMemory | null | undefined> {
  try {
    return readListingMemory(await cache.get(key));
  } catch (error) {
    log(
      `Seeing that an experience left the list needs z.cache, which is not available here (${describe(error)}): deletions of that kind cannot be seen, ` +
        'only those Intelligems records (a history entry, archivedAtTs or isDeleted).',
    );
    return undefined;
  }
}

export async function saveListingMemory(
  cache: CachePort,
  key: string,
  memory: ListingMemory,
  log: (line: string) => void,
  describe: (error: unknown) => string,
): Promise<void> {
  try {
    // As JSON text: core walks an object value key by key before storing it, which for 1,000 entries cost more
    // than the rest of the poll's own work; a string it checks at once.
    await cache.set(key, JSON.stringify(storedListingMemory(memory)), LISTING_MEMORY_TTL_SECONDS);
  } catch (error) {
    log(`Could not remember which experiences were listed (${describe(error)}); an experience deleted before the next poll may not be seen.`);
  }
}
