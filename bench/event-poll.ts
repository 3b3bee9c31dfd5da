/**
 * The polling event trigger on a large account: the real `experience_event_poll` perform (app tester) against the
 * sandbox holding 1,000 experiences (the seeds, plus running experiments up to 1,000), with the published rate limit.
 * Counts the list calls one poll makes, and times the poll against the bare cost of the same pages, fetched and
 * `JSON.parse`d with nothing else, interleaved in the same run. Two more figures, for reading the ratio: the same pages
 * read through zapier-platform-core alone (the app tester running a function that only `z.request`s and parses them),
 * once as the app reads them (`raw`, the body parsed once: the floor no app code can go under), and once letting core
 * read each body (core then parses it three times and scrubs it for its HTTP log).
 */
import { createAppTester } from 'zapier-platform-core';
import App from '../src/index';
import { MAX_PAGE_SIZE } from '../src/api/client';
import { ACCESS_TOKEN_HEADER, paths } from '../src/contract/published';
import { seedExperiences } from '../sandbox/state/seed-data';
import { startSandbox } from '../sandbox/start-sandbox';
import { median } from './stats';
import { pointAppAt } from '../sandbox/zapier/point-app-at';

/** The app's own page size, as the poll asks for it. */
const PAGE_SIZE = MAX_PAGE_SIZE;
/** Far more than the bucket needs to refill between two measured runs (the limiter runs on its own clock). */
const LIMITER_STEP_MS = 10 * 60 * 1000;

export interface EventPollResult {
  /** List calls one poll made. */
  calls: number;
  /** Pages the bare fetch read (the same pages). */
  pages: number;
  experiences: number;
  items: number;
  pollMs: number;
  bareMs: number;
  /** The same pages through core's app tester and raw z.request, parsed once, with no app code. */
  coreMs: number;
  /** The same, letting core read and log each body. */
  coreParsedMs: number;
  ratio: number;
  rounds: number;
}

export async function eventPoll(experiences = 1000, rounds = 15): Promise<EventPollResult> {
  const seeds = seedExperiences(Date.now()).filter((e) => !e.isDeleted).length;
  let limiterClock = Date.now();
  let listCalls = 0;
  const sandbox = await startSandbox({
    port: 0,
    runningExperiments: experiences - seeds,
    rateLimitNow: () => limiterClock,
    log: (line) => {
      if (line.startsWith(`GET ${paths.experiencesList()}`)) listCalls++;
    },
  });
  const restoreApiUrl = pointAppAt(sandbox.url);
  try {
    const listed = sandbox.store.listExperiences().length;
    if (listed !== experiences) throw new Error(`the sandbox lists ${listed} experiences, not ${experiences}`);
    const appTester = createAppTester(App);
    const trigger = (App.triggers as Record<string, any>).experience_event_poll;
    if (!trigger) throw new Error('the app has no experience_event_poll trigger');
    const bundle = { authData: { apiKey: sandbox.apiKey }, inputData: {} };

    let items = 0;
    const poll = async () => {
      const found: unknown[] = await appTester(trigger.operation.perform, bundle as never);
      items = found.length;
    };
    let pages = 0;
    const bare = async () => {
      pages = 0;
      for (let page = 1; ; page++) {
        const response = await fetch(`${sandbox.url}${paths.experiencesList()}?limit=${PAGE_SIZE}&page=${page}`, {
          headers: { [ACCESS_TOKEN_HEADER]: sandbox.apiKey },
        });
        const body = JSON.parse(await response.text()) as { totalPages?: number; experiencesList: unknown[] };
        pages++;
        if (page >= (body.totalPages ?? 0) || body.experiencesList.length < PAGE_SIZE) break;
      }
    };
    const listUrl = `${sandbox.url}${paths.experiencesList()}`;
    type RequestingZ = { request: (options: object) => Promise<{ content: string; text(): Promise<string> }> };
    const coreRaw = async (z: RequestingZ) => {
      for (let page = 1; page <= pages; page++) JSON.parse(await (await z.request({ url: listUrl, params: { limit: PAGE_SIZE, page }, raw: true })).text());
      return [];
    };
    const coreParsing = async (z: RequestingZ) => {
      for (let page = 1; page <= pages; page++) JSON.parse((await z.request({ url: listUrl, params: { limit: PAGE_SIZE, page } })).content);
      return [];
    };
    const core = async () => {
      await appTester(coreRaw as never, bundle as never);
    };
    const coreParsed = async () => {
      await appTester(coreParsing as never, bundle as never);
    };
    /** One measured run, with a full rate-limit bucket, so neither side ever waits on the limiter. */
    const timed = async (fn: () => Promise<void>) => {
      limiterClock += LIMITER_STEP_MS;
      const started = process.hrtime.bigint();
      await fn();
      return Number(process.hrtime.bigint() - started) / 1e6;
    };

    // One poll alone counts its list calls (and warms the app tester up).
    listCalls = 0;
    await timed(poll);
    const calls = listCalls;
    await timed(bare);

    await timed(core);
    await timed(coreParsed);

    const pollTimes: number[] = [];
    const bareTimes: number[] = [];
    const coreTimes: number[] = [];
    const coreParsedTimes: number[] = [];
    for (let round = 0; round < rounds; round++) {
      // Alternate which goes first, so neither always runs on a warmer cache.
      if (round % 2 === 0) {
        bareTimes.push(await timed(bare));
        pollTimes.push(await timed(poll));
      } else {
        pollTimes.push(await timed(poll));
        bareTimes.push(await timed(bare));
      }
      coreTimes.push(await timed(core));
      coreParsedTimes.push(await timed(coreParsed));
    }
    const pollMs = median(pollTimes);
    const bareMs = median(bareTimes);
    return {
      calls,
      pages,
      experiences,
      items,
      pollMs,
      bareMs,
      coreMs: median(coreTimes),
      coreParsedMs: median(coreParsedTimes),
      ratio: pollMs / bareMs,
      rounds,
    };
  } finally {
    restoreApiUrl();
    await sandbox.close();
  }
}
