/**
 * What a once-a-day poll made today, remembered in z.cache (through a CachePort) under one key per connection, inputs
 * and UTC day. Every poll of that day returns all of it, plus what it reads anew: two Zaps on one connection, or the
 * editor's "Test trigger" and the live Zap, each get every row, while each experiment is read once a day. Values are
 * opaque here (the trigger packs its items); the stored value stays under MAX_DAY_MEMORY_CHARS of JSON.
 */
import * as z from 'zod';
import { confirmedSet, connectionDigest, type CachePort } from './cache-port';
import { pollExperiments, type ExperiencePoll, type PollPorts } from './poll-experiments';

/** Past the end of the day, from any time in it. */
export const DAY_MEMORY_TTL_SECONDS = 25 * 60 * 60;
/** Zapier's cache values should stay well under 1 MB. */
export const MAX_DAY_MEMORY_CHARS = 500_000;

/** What was made today, by experience id, in the order it was made. */
export type DayEntries = Record<string, unknown>;

const storedSchema = z.object({ entries: z.record(z.string(), z.unknown()) });

/** The key for one kind of daily poll, one connection, these inputs and this day; the API key only hashed. */
export function dayMemoryKey(kind: string, apiKey: string, inputs: ReadonlyArray<unknown>, day: string): string {
  return `intelligems:${kind}-day:${day}:${connectionDigest(apiKey, inputs)}`;
}

/** Today's entries; empty for nothing stored or anything else; null where there is no cache (`zapier-platform invoke`). */
export async function loadDayMemory(cache: CachePort, key: string): Promise<DayEntries | null> {
  try {
    const parsed = storedSchema.safeParse(await cache.get(key));
    return parsed.success ? parsed.data.entries : {};
  } catch {
    return null; // the rotation (./rotation.ts) already says in the log that there is no cache here
  }
}

/**
 * Stores the entries that fit (in order: the first made are kept); the rest are not remembered, so the poll reads them
 * again, and the log says why. Returns the ids that were not kept.
 */
export async function saveDayMemory(
  cache: CachePort,
  key: string,
  entries: DayEntries,
  log: (line: string) => void,
  describe: (error: unknown) => string,
): Promise<string[]> {
  const kept: DayEntries = {};
  const left: string[] = [];
  let size = 20;
  for (const [id, entry] of Object.entries(entries)) {
    const length = JSON.stringify([id, entry]).length;
    if (size + length > MAX_DAY_MEMORY_CHARS) left.push(id);
    else {
      kept[id] = entry;
      size += length;
    }
  }
  if (left.length > 0)
    log(
      `Today's results of ${left.length} more experiment(s) do not fit in Zapier's cache (${MAX_DAY_MEMORY_CHARS.toLocaleString('en-US')} characters), so later polls today read them again: use the Experience Type or Experience filter to split them over several Zaps.`,
    );
  const outcome = await confirmedSet(cache, key, { entries: kept }, DAY_MEMORY_TTL_SECONDS);
  if (outcome.status !== 'stored') {
    const why = outcome.status === 'unavailable' ? describe(outcome.error) : "Zapier's cache refused the write";
    log(`Could not remember today's results (${why}): later polls today read them again.`);
  }
  return left;
}

export interface DailyPoll<R> extends Omit<ExperiencePoll<R>, 'due'> {
  /** Where today's results are remembered (dayMemoryKey). */
  memoryKey: string;
  /** What to store of one result (keep it small), and the result again from it: null for a foreign or stale value. */
  pack: (result: R) => unknown;
  unpack: (experienceId: string, stored: unknown) => R | null;
}

/**
 * Reads the experiments not read yet today (within ./poll-experiments.ts's budgets and rotation), remembers what it
 * read, and returns all of today's results: the running experiments' in list order, then those of experiments that
 * have stopped since they were read today.
 */
export async function pollOncePerDay<R>(poll: DailyPoll<R>, ports: PollPorts): Promise<R[]> {
  const memory = await loadDayMemory(ports.cache, poll.memoryKey);
  const today = new Map<string, R>();
  for (const [id, stored] of Object.entries(memory ?? {})) {
    const result = poll.unpack(id, stored);
    if (result !== null) today.set(id, result);
  }
  const read = await pollExperiments({ ...poll, due: (experience) => !today.has(experience.id) }, ports);
  for (const [id, result] of read) today.set(id, result);
  if (memory !== null && read.size > 0) {
    const entries = Object.fromEntries([...today].map(([id, result]) => [id, poll.pack(result)]));
    await saveDayMemory(ports.cache, poll.memoryKey, entries, ports.log, ports.describe);
  }
  const running = new Set(poll.experiments.map((e) => e.id));
  const stopped = [...today].filter(([id]) => !running.has(id)).map(([, result]) => result);
  return [...poll.experiments.flatMap((e) => today.get(e.id) ?? []), ...stopped];
}
