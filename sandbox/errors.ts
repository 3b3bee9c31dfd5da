/**
 * Every failure the sandbox answers is one of these, sent as the contract's `{"error", "message"}` body.
 * Route handlers throw; the server turns the throw into the answer, so no handler writes an error by hand.
 */
import type { ZodError } from 'zod';
import { describeIssues } from '../src/contract/describe-issues';

export type SandboxErrorCode =
  | 'bad_request'
  | 'unauthorized'
  | 'not_found'
  | 'route_not_found'
  | 'method_not_allowed'
  | 'invalid_json'
  | 'payload_too_large'
  | 'validation_failed'
  | 'invalid_transition'
  | 'experience_deleted'
  | 'conflict'
  | 'rate_limited'
  | 'internal_error';

export class SandboxError extends Error {
  constructor(
    readonly status: number,
    readonly code: SandboxErrorCode,
    message: string,
    /** Extra top-level fields of the body (`retryAfter` on a 429) and headers (`Retry-After`, `Allow`). */
    readonly extra: { body?: Record<string, unknown>; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.name = 'SandboxError';
  }

  body(): Record<string, unknown> {
    return { error: this.code, message: this.message, ...this.extra.body };
  }
}

export function notFound(what: string): SandboxError {
  return new SandboxError(404, 'not_found', `${what} was not found.`);
}

/** A failed zod check, with every problem named by its field ("variations.0.percentage: …"). */
export function validationFailed(where: string, error: ZodError): SandboxError {
  return new SandboxError(400, 'validation_failed', `Invalid ${where}: ${describeIssues(error, 5)}.`);
}
