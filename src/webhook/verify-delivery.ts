/**
 * From raw bytes and a signature value to a trusted, parsed delivery body. Pure: no Zapier and no request headers
 * (each runtime reads the signature header its own way, as octokit's webhooks.js does), so it is tested and
 * benchmarked on its own. Order matters: nothing is parsed before the signature is proven, so unsigned input costs
 * one HMAC.
 */
import { DELIVERY_HEADERS, deliveryBodySchema, type DeliveryBody } from '../contract/assumed';
import { describeIssues } from '../contract/describe-issues';
import { verifySignature } from './signature';
import { exceedsDepth } from './json-depth';

/** A replayed delivery older than this is refused (Intelligems retries within minutes, never a day later). */
export const MAX_DELIVERY_AGE_MS = 24 * 60 * 60 * 1000;
/** Clocks drift; a timestamp further ahead than this was not made by Intelligems' clock. */
export const MAX_FUTURE_SKEW_MS = 5 * 60 * 1000;
/** An experience nests a handful of levels; thousands overflow Zapier's recursive handling of the trigger output. */
export const MAX_BODY_DEPTH = 64;

export type DeliveryCheck =
  | 'no_secret'
  | 'no_body'
  | 'signature_missing'
  | 'signature_malformed'
  | 'signature_mismatch'
  | 'not_json'
  | 'too_deep'
  | 'invalid_body'
  | 'timestamp_too_old'
  | 'timestamp_in_future';

/** A delivery that failed one named check. Its message never holds a secret or an expected signature. */
export class DeliveryRejectedError extends Error {
  override readonly name = 'DeliveryRejectedError';
  constructor(
    readonly check: DeliveryCheck,
    message: string,
  ) {
    super(message);
  }
}

export interface VerifiedDelivery {
  body: DeliveryBody;
  /** Lowercase hex of the verified signature: identical on every retry of one event, so it keys deduplication. */
  signature: string;
}

export interface DeliveryInput {
  rawBody: unknown;
  /** The `X-Intelligems-Signature` header's value as received; missing when the delivery had none. */
  signature: string | undefined | null;
  secrets: ReadonlyArray<string | undefined | null>;
  now?: number;
}

export function verifyDelivery({ rawBody, signature, secrets, now = Date.now() }: DeliveryInput): VerifiedDelivery {
  // First: is there a delivery at all? (`zapier-platform invoke` runs a hook's perform without one.)
  if (typeof rawBody !== 'string' || rawBody.length === 0) {
    throw new DeliveryRejectedError('no_body', 'Ignored a delivery with an empty body: there is nothing to check or use.');
  }
  const usableSecrets = secrets.filter((s): s is string => typeof s === 'string' && s.length > 0);
  if (usableSecrets.length === 0) {
    throw new DeliveryRejectedError(
      'no_secret',
      'Ignored a delivery: this Zap has no signing secret to check it with. Turn the Zap off and on again so it subscribes afresh, or enter the Webhook Signing Secret in the Intelligems connection.',
    );
  }

  const signatureCheck = verifySignature(rawBody, signature, usableSecrets);
  if (!signatureCheck.ok) {
    switch (signatureCheck.problem) {
      case 'missing':
        throw new DeliveryRejectedError(
          'signature_missing',
          `Ignored a delivery without an ${DELIVERY_HEADERS.signature} header: it cannot be proven to come from Intelligems.`,
        );
      case 'malformed':
        throw new DeliveryRejectedError(
          'signature_malformed',
          `Ignored a delivery whose ${DELIVERY_HEADERS.signature} header is not a SHA-256 signature (64 hex characters): it cannot be proven to come from Intelligems.`,
        );
      case 'mismatch':
        throw new DeliveryRejectedError(
          'signature_mismatch',
          `Ignored a delivery whose ${DELIVERY_HEADERS.signature} does not match this Zap's signing secret: it was altered or did not come from Intelligems. If the secret was rotated in Intelligems, enter the new one as the Webhook Signing Secret in the connection, or turn the Zap off and on again.`,
        );
    }
  }

  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch {
    throw new DeliveryRejectedError('not_json', 'Ignored a signed delivery whose body is not valid JSON.');
  }
  if (exceedsDepth(json, MAX_BODY_DEPTH)) {
    throw new DeliveryRejectedError('too_deep', `Ignored a signed delivery nested more than ${MAX_BODY_DEPTH} levels deep: no Intelligems event is shaped like that, and Zapier could not pass it on.`);
  }
  const parsed = deliveryBodySchema.safeParse(json);
  if (!parsed.success) {
    throw new DeliveryRejectedError('invalid_body', `Ignored a signed delivery that lacks what this trigger needs: ${describeIssues(parsed.error)}.`);
  }
  const body = parsed.data;

  const age = now - body.timestamp;
  if (age > MAX_DELIVERY_AGE_MS) {
    throw new DeliveryRejectedError(
      'timestamp_too_old',
      `Ignored a delivery signed ${describeDuration(age)} ago: deliveries older than 24 hours are refused as possible replays.`,
    );
  }
  if (-age > MAX_FUTURE_SKEW_MS) {
    throw new DeliveryRejectedError(
      'timestamp_in_future',
      `Ignored a delivery whose timestamp is ${describeDuration(-age)} in the future: more than 5 minutes ahead cannot come from Intelligems' clock.`,
    );
  }

  return { body, signature: signatureCheck.received.toString('hex') };
}

function describeDuration(ms: number): string {
  const minutes = ms / 60_000;
  if (minutes < 120) return `${Math.round(minutes)} minutes`;
  const hours = minutes / 60;
  if (hours < 72) return `${Math.round(hours)} hours`;
  return `${Math.round(hours / 24)} days`;
}
