/**
 * Reading every page of a paged list, a few pages at a time once the first page says how many there are, with the
 * result of a sequential reading: pages are taken in page order, each item kept once by id where it was first read,
 * and the reading ends at the first page that was the last, failed, or was not allowed to start. Pure: the caller
 * lends the call that reads one page.
 */

/** What one page's answer says, as the reader needs it. */
export interface PageAnswer<T> {
  items: ReadonlyArray<T>;
  /** This page was the last (by the answer's `totalPages`, or a page shorter than asked). */
  last: boolean;
  /** How many pages the answer says there are, when it says. */
  totalPages?: number;
}

export interface ReadPagesOptions {
  /** No page above this one is read. */
  maxPages: number;
  /** Why the reading stopped when the list has more than maxPages pages. */
  pageCapReason: string;
  /** Pages read at once, once an answer has said how many pages there are. */
  maxInFlight: number;
  /**
   * Asked before each page after the first starts, with the calls still in flight (which may or may not be counted
   * yet in what the API last said of the rate budget): a reason not to start it, or null to go on.
   */
  beforePage?: (page: number, inFlight: number) => string | null;
  /** A later page's failure that returns what was read before it instead of failing the reading. */
  keepsWhatWasRead?: (error: unknown) => boolean;
  /** A failure's message, for `stoppedBecause`. */
  describe: (error: unknown) => string;
}

export interface PagesReading<T> {
  items: T[];
  /** Every page up to the last was read. */
  complete: boolean;
  /** Pages read, in order from the first. */
  pages: number;
  stoppedBecause?: string;
}

type Settled<T> = { ok: true; answer: PageAnswer<T> } | { ok: false; error: unknown };

/**
 * Page 1 alone (its failure always fails the reading), then the pages the latest answer read in order says exist,
 * up to `maxInFlight` at once (one at a time when answers do not say `totalPages`). A page that fails stops further
 * pages from starting; the reading returns, in page order, what was read up to the first page that is missing. Every
 * call started has ended when this returns.
 */
export async function readPagesInOrder<T extends { id: string }>(
  readPage: (page: number) => Promise<PageAnswer<T>>,
  options: ReadPagesOptions,
): Promise<PagesReading<T>> {
  const items: T[] = [];
  const seen = new Set<string>();
  const keep = (answer: PageAnswer<T>) => {
    // A loop, not push(...items): never spread a long array into a call.
    for (const item of answer.items) {
      if (seen.has(item.id)) continue;
      seen.add(item.id);
      items.push(item);
    }
  };

  const first = await readPage(1);
  keep(first);
  if (first.last) return { items, complete: true, pages: 1 };

  const started = new Map<number, Promise<Settled<T>>>();
  let inFlight = 0;
  let nextPage = 2;
  /** The highest page known to exist: the latest in-order answer's `totalPages`, else the page after it. */
  let horizon = Math.max(first.totalPages ?? 0, 2);
  /** A page failed or the reading ended: no further page starts. */
  let halted = false;
  /** The latest reason `beforePage` gave not to start a page. */
  let refusal = '';

  const settle = (outcome: Settled<T>): Settled<T> => {
    inFlight--;
    if (!outcome.ok) halted = true;
    // A freed slot goes to the next page at once, whichever page the reading waits for.
    fill();
    return outcome;
  };
  function fill(): void {
    while (!halted && nextPage <= horizon && nextPage <= options.maxPages && inFlight < options.maxInFlight) {
      const stop = options.beforePage?.(nextPage, inFlight) ?? null;
      if (stop !== null) {
        refusal = stop;
        return;
      }
      inFlight++;
      started.set(
        nextPage,
        readPage(nextPage).then(
          (answer) => settle({ ok: true, answer }),
          (error: unknown) => settle({ ok: false, error }),
        ),
      );
      nextPage++;
    }
  }
  const end = async (reading: PagesReading<T>): Promise<PagesReading<T>> => {
    halted = true;
    await Promise.all(started.values());
    return reading;
  };

  for (let page = 2; ; page++) {
    if (page > options.maxPages) return end({ items, complete: false, pages: options.maxPages, stoppedBecause: options.pageCapReason });
    fill();
    const pending = started.get(page);
    if (pending === undefined) {
      // Not started although every page before it has ended (nothing is in flight): `beforePage` refused it.
      return end({ items, complete: false, pages: page - 1, stoppedBecause: refusal });
    }
    const outcome = await pending;
    started.delete(page);
    if (!outcome.ok) {
      if (options.keepsWhatWasRead?.(outcome.error)) {
        return end({ items, complete: false, pages: page - 1, stoppedBecause: options.describe(outcome.error) });
      }
      await end({ items, complete: false, pages: page - 1 });
      throw outcome.error;
    }
    keep(outcome.answer);
    if (outcome.answer.last) return end({ items, complete: true, pages: page });
    // Not the last, so the next page exists whatever the answer says of the total.
    horizon = Math.max(outcome.answer.totalPages ?? 0, page + 1);
  }
}
