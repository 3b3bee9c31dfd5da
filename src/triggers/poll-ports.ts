/** What Zapier lends every poll that reads experiments' results (src/polling/poll-experiments.ts). */
import type { ZObject } from 'zapier-platform-core';
import { failureOf, readableMessage } from '../api/client';
import type { PollPorts } from '../polling/poll-experiments';

/** Failures that concern the whole account, not one experiment: they fail the poll instead of being skipped. */
export function failsThePoll(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  // 403: the key lacks the analytics permission, so every experiment would be skipped, silently, forever.
  return error.name === 'ExpiredAuthError' || failureOf(error)?.status === 403;
}

/** A 429: stop starting calls, keep what was found. */
export function isThrottled(error: unknown): boolean {
  return error instanceof Error && error.name === 'ThrottledError';
}

export function pollPorts(z: ZObject): PollPorts {
  return {
    cache: z.cache,
    log: (line) => z.console.log(line),
    describe: readableMessage,
    throttled: (message, seconds) => new z.errors.ThrottledError(message, seconds),
    isThrottled,
    failsThePoll,
  };
}
