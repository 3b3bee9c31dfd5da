/**
 * What the previous poll listed, remembered between polls in z.cache (through a CachePort), so that an experience
 * gone from the list can be seen as deleted: Intelligems leaves soft-deleted experiences out of the default list, and
 * nothing else may say they went. Only what fills the deletion's item is kept per experience (id, name, type,
 * category, status, organization and its last known change), in a compact form.
 *
 * One memory per connection, shared by every polling event trigger and Zap on it. A disappearance is kept as "gone"
 * for GONE_KEPT_MS, so each poll (of any Zap) still sees it after another poll noticed it first, and its id depends
 * on the experience alone, so racing polls agree on it. An absence counts only when every page was read, and only
 * once a look-up of the experience confirms it is deleted (`confirmDeletions`).
 */
import { createHash } from 'node:crypto';
import type { Experience, RateLimitReading } from '../contract/published';
import { pollCallBudget } from './budget';
import { confirmedSet, type CachePort } from './cache-port';
import { runWithinBudget } from './run-within-budget';

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
 * Who the previous poll listed that this reading lacks, and that is not known gone yet: each one deleted, or only
 * moved past a page boundary while the pages were read (the list is newest first, so a deletion between two page
 * reads shifts the later experiences up one place, and one of them is never read). A look-up tells the two apart
 * (`confirmDeletions`). None from a reading in part, or with no previous memory.
 */
export function missingFromListing(previous: ListingMemory | null, reading: { experiences: ReadonlyArray<Experience>; complete: boolean }): string[] {
  if (!reading.complete || previous === null) return [];
  const read = new Set(reading.experiences.map((experience) => experience.id));
  return [...previous.listed.keys()].filter((id) => !read.has(id) && !previous.gone.has(id));
}

/**
 * The memory after this poll's reading. Read in full, the list replaces what was listed; of what the previous poll
 * listed and this one did not, the ids in `deleted` (confirmed by a look-up) are gone as of `now`, and the others
 * stay listed, to be looked up again by the next poll. Read in part, nothing is inferred: what was read is merged
 * into what was listed, so the next full reading can still notice an absence. A disappearance is kept GONE_KEPT_MS,
 * and forgotten at once if the experience is listed again.
 */
export function nextListingMemory(
  previous: ListingMemory | null,
  reading: { experiences: ReadonlyArray<Experience>; complete: boolean },
  now: number,
  deleted: ReadonlySet<string>,
): ListingMemory {
  const listed = new Map(reading.complete ? [] : (previous?.listed ?? []));
  for (const experience of reading.experiences) listed.set(experience.id, remembered(experience));
  const gone = new Map<string, GoneExperience>();
  for (const [id, value] of previous?.gone ?? []) if (now - value.noticedAt < GONE_KEPT_MS && !listed.has(id)) gone.set(id, value);
  for (const id of missingFromListing(previous, reading)) {
    const value = previous?.listed.get(id);
    if (value === undefined) continue;
    if (deleted.has(id)) gone.set(id, { ...value, noticedAt: now });
    else listed.set(id, value);
  }
  return { listed, gone };
}

/** Look-ups of missing experiences one poll makes at most; the others wait, still listed, for the next poll. */
export const MAX_DELETION_CHECKS_PER_POLL = 10;

/** What a detail answer says of an experience missing from the list: deleted (`isDeleted`, or archived), or still there. */
export function deletedByDetail(experience: Experience): boolean {
  return experience.isDeleted === true || (typeof experience.archivedAtTs === 'number' && Number.isFinite(experience.archivedAtTs));
}

export interface DeletionChecks {
  /** Confirmed deleted. */
  deleted: Set<string>;
  /** Confirmed still there. */
  present: Set<string>;
  /** Not settled this poll (the cap, the rate reserve, the deadline, or a failed look-up): looked up again next time. */
  unsettled: number;
}

/**
 * Looks up the missing experiences (at most MAX_DELETION_CHECKS_PER_POLL, a few at once, within the poll's rate
 * reserve and deadline). `isDeleted` answers true (deleted: a 404, `isDeleted`, an archive), false (still there), or
 * fails: then nothing is concluded about that one this time.
 */
export async function confirmDeletions(
  missing: ReadonlyArray<string>,
  isDeleted: (id: string) => Promise<boolean>,
  budget: { deadline: number; now: () => number; rateLimit: () => RateLimitReading | undefined; stopsTheRun: (error: unknown) => boolean },
): Promise<DeletionChecks> {
  const chosen = missing.slice(0, MAX_DELETION_CHECKS_PER_POLL);
  const outcomes = await runWithinBudget(chosen, pollCallBudget(budget), isDeleted);
  const checks: DeletionChecks = { deleted: new Set(), present: new Set(), unsettled: missing.length - chosen.length };
  outcomes.forEach((outcome, index) => {
    const id = chosen[index] as string;
    if (outcome.status !== 'fulfilled') checks.unsettled++;
    else (outcome.value ? checks.deleted : checks.present).add(id);
  });
  return checks;
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

/**
 * Stores the memory, and says whether it was kept. A refused write (Zapier's `set` answers false) or a failed one is
 * logged: the next poll then compares with an older listing, or with none.
 */
export async function saveListingMemory(
  cache: CachePort,
  key: string,
  memory: ListingMemory,
  log: (line: string) => void,
  describe: (error: unknown) => string,
): Promise<'remembered' | 'forgotten'> {
  // As JSON text: core walks an object value key by key before storing it, which for 1,000 entries cost more than the
  // rest of the poll's own work; a string it checks at once.
  const outcome = await confirmedSet(cache, key, JSON.stringify(storedListingMemory(memory)), LISTING_MEMORY_TTL_SECONDS);
  if (outcome.status === 'stored') return 'remembered';
  const why = outcome.status === 'unavailable' ? describe(outcome.error) : "Zapier's cache refused the write";
  log(
    `Could not remember which experiences were listed (${why}): deletions by absence cannot be seen this time, so an experience deleted ` +
      'before the next poll may not be reported.',
  );
  return 'forgotten';
}
