/**
 * `npm run bench`: the app's performance targets (cold load, delivery checks, polls), as ratios against a baseline measured in the same run where a
 * ratio makes sense (absolute times on these machines mean little). A readable table; with `--json`, one JSON object
 * on the last line. A script, not a test: a noisy run must not fail CI.
 */
import os from 'node:os';
import { coldLoadRatio } from './cold-load';
import { eventPoll } from './event-poll';
import { receiveLargeMs, receiveRatio } from './receive';
import { sandboxDeliveriesPerSecond } from './sandbox-deliveries';
import { significanceDeadlineMs, significanceSweepPolls } from './significance-budgets';
import { significancePollMs } from './significance-poll';
import { median } from './stats';
import { MAX_ANALYTICS_PER_POLL } from '../src/polling/budget';

interface Row {
  key: string;
  value: number;
  target: string;
  met: boolean;
  detail: string;
}

const KB = 1024;
const MB = 1024 * KB;
const fmt = (n: number, digits = 2) => n.toFixed(digits);

async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const rows: Row[] = [];

  log('cold load (fresh node processes, interleaved)…');
  const cold = coldLoadRatio(15);
  rows.push({
    key: 'cold_load_ratio',
    value: cold.ratio,
    target: '≤ 1.15',
    met: cold.ratio <= 1.15,
    detail: `app ${fmt(cold.appMs, 1)} ms vs core only ${fmt(cold.coreMs, 1)} ms, median of ${cold.runs} each`,
  });

  log('receive path, 2 KB…');
  const small = receiveRatio(2 * KB, { rounds: 21, iterations: 2000 });
  rows.push({
    key: 'receive_ratio_2kb',
    value: small.ratio,
    target: '≤ 2.0',
    met: small.ratio <= 2,
    detail: `${fmt(small.subjectMs * 1000, 1)} µs vs ${fmt(small.baselineMs * 1000, 1)} µs (HMAC + compare + JSON.parse), ${small.bytes} B`,
  });

  log('receive path, 1 MB…');
  const large = receiveRatio(1 * MB, { rounds: 15, iterations: 10 });
  rows.push({
    key: 'receive_ratio_1mb',
    value: large.ratio,
    target: '≤ 1.25',
    met: large.ratio <= 1.25,
    detail: `${fmt(large.subjectMs)} ms vs ${fmt(large.baselineMs)} ms, ${large.bytes} B`,
  });

  log('receive path, 10 MB…');
  const huge = receiveLargeMs(10 * MB, 5);
  rows.push({
    key: 'receive_10mb_ms',
    value: huge.ms,
    target: '< 3000 (a tenth of Zapier’s 30 s)',
    met: huge.ms < 3000,
    detail: `median of 5 single deliveries of ${huge.bytes} B`,
  });

  log('sandbox → local receiver deliveries…');
  const deliveryRuns = [];
  for (let i = 0; i < 3; i++) deliveryRuns.push(await sandboxDeliveriesPerSecond(20, 100));
  const perSecond = median(deliveryRuns.map((r) => r.perSecond));
  rows.push({
    key: 'sandbox_deliveries_per_s',
    value: perSecond,
    target: '≥ 1000',
    met: perSecond >= 1000,
    detail: `20 subscriptions × 100 updates = 2000 signed deliveries, all verified; median of 3`,
  });

  log('significance poll, 50 experiments × 300 ms…');
  const poll = await quietly(() => significancePollMs(50, 300, 3));
  rows.push({
    key: 'significance_poll_ms',
    value: poll.ms,
    target: '≤ 5000',
    met: poll.ms <= 5000,
    detail: `${poll.experiments} started experiments, ${poll.alerts} alerts (${MAX_ANALYTICS_PER_POLL} checked per poll), real perform via the app tester; median of 3`,
  });

  log('significance sweep, 200 running experiments, sandbox with the published rate limit…');
  const sweep = await quietly(() => significanceSweepPolls(200));
  rows.push({
    key: 'significance_sweep_polls',
    value: sweep.polls,
    target: '≤ 8, no failed poll',
    met: sweep.polls <= 8 && sweep.failedPolls === 0,
    detail: `polls 5 min apart (limiter clock) until all ${sweep.experiments} were checked; ${sweep.failedPolls} failed; the key never below ${sweep.leastRemaining} calls left`,
  });

  log('significance deadline, 50 running experiments of which 10 never answer (about 20 s)…');
  const deadline = await quietly(() => significanceDeadlineMs(50, 10));
  rows.push({
    key: 'significance_deadline_ms',
    value: deadline.ms,
    target: '≤ 21000, the other 40 all checked',
    met: deadline.slowestPollMs <= 21_000 && deadline.pollsUntilAllAnswering < Infinity && deadline.failedPolls === 0,
    detail:
      `first poll: ${MAX_ANALYTICS_PER_POLL} calls (the cap), ${deadline.checkedInFirstPoll} answered, the other ${MAX_ANALYTICS_PER_POLL - deadline.checkedInFirstPoll} never answered (8 s timeout each); ` +
      `all ${deadline.answering} answering checked after ${deadline.pollsUntilAllAnswering} polls, slowest ${fmt(deadline.slowestPollMs, 0)} ms, ${deadline.failedPolls} failed`,
  });

  log('event poll, 1,000 experiences, sandbox with the published rate limit…');
  const events = await quietly(() => eventPoll(1000));
  rows.push({
    key: 'event_poll_calls',
    value: events.calls,
    target: '≤ 10',
    met: events.calls <= 10,
    detail: `list calls of one experience_event_poll over ${events.experiences} experiences (${events.items} items)`,
  });
  rows.push({
    key: 'event_poll_ratio',
    value: events.ratio,
    target: '≤ 1.5',
    met: events.ratio <= 1.5,
    detail:
      `${fmt(events.pollMs, 1)} ms vs ${fmt(events.bareMs, 1)} ms to fetch and JSON.parse the same ${events.pages} pages; ` +
      `core alone (app tester + raw z.request of those pages, as the app reads them) ${fmt(events.coreMs, 1)} ms, ratio ${fmt(events.coreMs / events.bareMs)}; ` +
      `core reading and logging the bodies itself ${fmt(events.coreParsedMs, 1)} ms, ratio ${fmt(events.coreParsedMs / events.bareMs)}; medians of ${events.rounds}, interleaved`,
  });

  printTable(rows);
  if (json) {
    const result: Record<string, unknown> = Object.fromEntries(rows.map((r) => [r.key, Number(r.value.toFixed(r.key.includes('ratio') ? 3 : 1))]));
    result.targets_met = Object.fromEntries(rows.map((r) => [r.key, r.met]));
    result.machine = { cpus: os.cpus().length, memory_gib: Math.round(os.totalmem() / 1024 ** 3), node: process.version };
    console.log(JSON.stringify(result));
  }
}

/**
 * zapier-platform-core prints a memory line per invocation outside tests, and the poll's own log lines (what it
 * skipped, what waits for the next poll) go to console.log too: both are noise in a benchmark table.
 */
async function quietly<T>(fn: () => Promise<T>): Promise<T> {
  const original = console.log;
  console.log = () => undefined;
  try {
    return await fn();
  } finally {
    console.log = original;
  }
}

function printTable(rows: Row[]): void {
  const header = ['key', 'value', 'target', 'met', 'detail'];
  const cells = rows.map((r) => [r.key, r.key.includes('ratio') ? fmt(r.value) : fmt(r.value, 0), r.target, r.met ? 'yes' : 'NO', r.detail]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) =>
    c
      .map((v, i) => v.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  console.log(line(header));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const c of cells) console.log(line(c));
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
