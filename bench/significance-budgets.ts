/**
 * The significance poll against the sandbox with the published rate limit (burst 50, 25 more every 30 s), through the
 * real perform and the app tester (so z.cache carries the rotation from poll to poll, as on Zapier):
 * - the sweep: how many polls, spaced by 5 minutes of the limiter's clock, until each of 200 running experiments has
 *   been checked at least once;
 * - the deadline: the wall time of one poll over 50 running experiments, 10 of which never answer, and how many polls
 *   it takes until the other 40 have all been checked.
 */
import { createAppTester } from 'zapier-platform-core';
import App from '../src/index';
import { sandboxClient } from '../sandbox/client';
import { startSandbox, type RunningSandbox } from '../sandbox/start-sandbox';
import { pointAppAt } from '../sandbox/zapier/point-app-at';

const FIVE_MINUTES = 5 * 60_000;
const ANALYTICS_ANSWER = /^POST \/v25-10-beta\/analytics\/resource\/([\w-]+) → 200 /;

interface Polling {
  sandbox: RunningSandbox;
  /** One poll of the first Zap; the experiments whose analytics the sandbox answered during it, and its wall time. */
  poll(): Promise<{ answered: string[]; ms: number; failed: boolean }>;
  /** Five minutes pass for the rate limiter. */
  wait(): void;
  close(): Promise<void>;
}

async function pollingAgainst(runningExperiments: number, hanging: number): Promise<Polling> {
  let limiterClock = Date.now();
  let answered: string[] = [];
  const sandbox = await startSandbox({
    port: 0,
    seed: false,
    runningExperiments,
    rateLimitNow: () => limiterClock,
    log: (line) => {
      const match = ANALYTICS_ANSWER.exec(line);
      if (match) answered.push(match[1]);
    },
  });
  // The first in list order hang: the worst place for them, since they take the first slots.
  for (const experience of sandbox.store.listExperiences().slice(0, hanging)) sandbox.store.setAnalyticsHanging(experience.id, true);
  const restoreApiUrl = pointAppAt(sandbox.url);
  const appTester = createAppTester(App);
  const perform = (App.triggers as Record<string, any>).experiment_significant.operation.perform;
  return {
    sandbox,
    async poll() {
      answered = [];
      const started = process.hrtime.bigint();
      let failed = false;
      try {
        await appTester(perform, { authData: { apiKey: sandbox.apiKey }, inputData: {} } as never);
      } catch {
        failed = true;
      }
      return { answered, ms: Number(process.hrtime.bigint() - started) / 1e6, failed };
    },
    wait() {
      limiterClock += FIVE_MINUTES;
    },
    async close() {
      restoreApiUrl();
      await sandbox.close();
    },
  };
}

export interface SweepResult {
  polls: number;
  failedPolls: number;
  experiments: number;
  /** Calls left in the key's budget after each poll (one probe call per poll, not counted). */
  leastRemaining: number;
}

export async function significanceSweepPolls(experiments: number, maxPolls = 20): Promise<SweepResult> {
  const polling = await pollingAgainst(experiments, 0);
  const probe = sandboxClient(polling.sandbox);
  const seen = new Set<string>();
  let failedPolls = 0;
  let leastRemaining = Infinity;
  let polls = 0;
  try {
    while (seen.size < experiments && polls < maxPolls) {
      if (polls > 0) polling.wait();
      const result = await polling.poll();
      polls++;
      if (result.failed) failedPolls++;
      for (const id of result.answered) seen.add(id);
      const remaining = Number((await probe('GET', '/experiences-list?limit=1')).headers.get('x-ratelimit-remaining')) + 1;
      leastRemaining = Math.min(leastRemaining, remaining);
    }
    if (seen.size < experiments) throw new Error(`only ${seen.size} of ${experiments} experiments checked after ${maxPolls} polls`);
    return { polls, failedPolls, experiments, leastRemaining };
  } finally {
    await polling.close();
  }
}

export interface DeadlineResult {
  /** The first poll's wall time: the hanging experiments take the first slots. */
  ms: number;
  /** Answering experiments the first poll checked, and how many polls until all of them were. */
  checkedInFirstPoll: number;
  answering: number;
  pollsUntilAllAnswering: number;
  /** The longest of those polls. */
  slowestPollMs: number;
  failedPolls: number;
}

export async function significanceDeadlineMs(experiments: number, hanging: number): Promise<DeadlineResult> {
  const polling = await pollingAgainst(experiments, hanging);
  const answering = experiments - hanging;
  const seen = new Set<string>();
  let failedPolls = 0;
  let slowestPollMs = 0;
  let ms = 0;
  let checkedInFirstPoll = 0;
  let polls = 0;
  try {
    while (seen.size < answering && polls < 5) {
      if (polls > 0) polling.wait();
      const result = await polling.poll();
      polls++;
      if (polls === 1) {
        ms = result.ms;
        checkedInFirstPoll = result.answered.length;
      }
      if (result.failed) failedPolls++;
      slowestPollMs = Math.max(slowestPollMs, result.ms);
      for (const id of result.answered) seen.add(id);
    }
    return { ms, checkedInFirstPoll, answering, pollsUntilAllAnswering: seen.size === answering ? polls : Infinity, slowestPollMs, failedPolls };
  } finally {
    await polling.close();
  }
}
