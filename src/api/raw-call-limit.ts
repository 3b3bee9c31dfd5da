/**
 * The time limit of a call whose body the client reads itself (`rawBody` in client.ts), over its headers and its body
 * alike. node-fetch's own `timeout` does not do this: it clears its timer once the headers arrive, waits for the first
 * byte of a deflate body before it answers at all, and would start a whole new timer for the body.
 */

export interface RawCallLimit {
  /** Passed with the request: aborting it closes the connection. */
  readonly signal: AbortSignal;
  /** The limit ran out before the answer came, and the call was aborted. */
  readonly expired: boolean;
  /** The answer came: the guard stops, and the body gets `remainingMs()`. */
  answered(): void;
  /** What is left of the limit (at least 1 ms, so a reading always gets a timer). */
  remainingMs(): number;
  /** Closes the connection: a body that failed or stalled, an answer never read. */
  abandon(): void;
}

export function startRawCallLimit(timeoutMs: number, now: () => number = Date.now): RawCallLimit {
  const controller = new AbortController();
  const endsAt = now() + timeoutMs;
  let expired = false;
  const guard = setTimeout(() => {
    expired = true;
    controller.abort();
  }, timeoutMs);
  return {
    signal: controller.signal,
    get expired() {
      return expired;
    },
    answered: () => clearTimeout(guard),
    remainingMs: () => Math.max(1, endsAt - now()),
    abandon: () => {
      clearTimeout(guard);
      controller.abort();
    },
  };
}
