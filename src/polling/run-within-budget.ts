/**
 * Runs a task over items in order, a few at once, while the budgets allow: a gate asked before every start (a rate
 * budget that in-flight answers may raise or lower), a failure that stops any further start (a 429, a rejected key),
 * and a deadline after which nothing starts and whatever is unfinished is given up on. Every item gets an outcome,
 * in input order, so the caller can say exactly what was checked, what failed and what waits for next time.
 */
export type RunOutcome<R> =
  | { status: 'fulfilled'; value: R }
  | { status: 'rejected'; reason: unknown }
  /** Started, but not settled by the deadline. */
  | { status: 'abandoned' }
  /** Never started: the gate said no (`budget`), a failure stopped the run (`stopped`), or time ran out (`deadline`). */
  | { status: 'not_started'; why: 'budget' | 'stopped' | 'deadline' };

export interface RunBudget {
  /** Tasks in flight at once (≥ 1). */
  concurrency: number;
  /** Unix ms. */
  deadline: number;
  /** No task starts with less time than this left. */
  minTimeToStart: number;
  /** Asked before every start, with the number in flight. A no waits for an in-flight task to settle, then asks again. */
  mayStart: (inFlight: number) => boolean;
  /** A failure after which no further task starts (the ones in flight still settle). */
  stopsTheRun: (reason: unknown) => boolean;
  now?: () => number;
}

export function runWithinBudget<T, R>(items: ReadonlyArray<T>, budget: RunBudget, task: (item: T) => Promise<R>): Promise<Array<RunOutcome<R>>> {
  if (!Number.isInteger(budget.concurrency) || budget.concurrency < 1)
    throw new RangeError(`concurrency must be a positive integer, got ${budget.concurrency}`);
  const now = budget.now ?? Date.now;
  const outcomes: Array<RunOutcome<R> | 'running' | undefined> = Array.from({ length: items.length }, () => undefined);
  let next = 0;
  let inFlight = 0;
  let stopped = false;

  return new Promise((resolve) => {
    let finished = false;
    const timer = setTimeout(() => finish('deadline'), Math.max(0, budget.deadline - now()));

    function finish(why: 'budget' | 'stopped' | 'deadline'): void {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      resolve(outcomes.map((outcome) => (outcome === 'running' ? { status: 'abandoned' } : (outcome ?? { status: 'not_started', why }))));
    }

    function settle(index: number, outcome: RunOutcome<R>): void {
      if (finished) return; // given up on at the deadline: a late answer changes nothing
      outcomes[index] = outcome;
      inFlight--;
      if (outcome.status === 'rejected' && budget.stopsTheRun(outcome.reason)) stopped = true;
      pump();
    }

    function pump(): void {
      let blockedBy: 'budget' | 'stopped' | 'deadline' | null = stopped ? 'stopped' : null;
      while (blockedBy === null && inFlight < budget.concurrency && next < items.length) {
        if (budget.deadline - now() < budget.minTimeToStart) blockedBy = 'deadline';
        else if (!budget.mayStart(inFlight)) blockedBy = 'budget';
        else {
          const index = next++;
          outcomes[index] = 'running';
          inFlight++;
          // Through a promise, so a task that throws before its first await settles like any other failure.
          new Promise<R>((run) => run(task(items[index] as T))).then(
            (value) => settle(index, { status: 'fulfilled', value }),
            (reason: unknown) => settle(index, { status: 'rejected', reason }),
          );
        }
      }
      if (inFlight === 0) finish(blockedBy ?? 'budget');
    }

    pump();
  });
}
