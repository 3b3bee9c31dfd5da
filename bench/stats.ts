/** Small timing helpers shared by the benchmarks. Ratios, not absolute times: these machines are noisy. */

export function median(values: ReadonlyArray<number>): number {
  if (values.length === 0) throw new RangeError('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Milliseconds a synchronous function takes for `iterations` calls. */
export function timeSync(fn: () => void, iterations: number): number {
  const started = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) fn();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

export interface RatioResult {
  ratio: number;
  subjectMs: number;
  baselineMs: number;
  rounds: number;
}

/**
 * Runs baseline and subject in alternating rounds (so drift in machine load hits both alike), `iterations` calls per
 * round, and compares the medians of the per-round times.
 */
export function interleavedRatio(baseline: () => void, subject: () => void, options: { rounds: number; iterations: number; warmup?: number }): RatioResult {
  const warmup = options.warmup ?? Math.max(1, Math.floor(options.iterations / 2));
  timeSync(baseline, warmup);
  timeSync(subject, warmup);
  const baselineTimes: number[] = [];
  const subjectTimes: number[] = [];
  for (let round = 0; round < options.rounds; round++) {
    // Alternate which goes first, so neither always runs on a warmer cache.
    if (round % 2 === 0) {
      baselineTimes.push(timeSync(baseline, options.iterations));
      subjectTimes.push(timeSync(subject, options.iterations));
    } else {
      subjectTimes.push(timeSync(subject, options.iterations));
      baselineTimes.push(timeSync(baseline, options.iterations));
    }
  }
  const baselineMs = median(baselineTimes) / options.iterations;
  const subjectMs = median(subjectTimes) / options.iterations;
  return { ratio: subjectMs / baselineMs, subjectMs, baselineMs, rounds: options.rounds };
}
