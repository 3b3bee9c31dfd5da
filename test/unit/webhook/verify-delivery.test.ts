import {
  DeliveryRejectedError,
  MAX_DELIVERY_AGE_MS,
  MAX_FUTURE_SKEW_MS,
  verifyDelivery,
  type DeliveryCheck,
} from '../../../src/webhook/verify-delivery';
import { sign } from '../../../src/webhook/signature';
import { ACCOUNT_SECRET, SUBSCRIPTION_SECRET, deliveryBody, signedRequest } from '../../helpers/signed-delivery';

const SIGNATURE = 'X-Intelligems-Signature';

const NOW = 1_764_412_260_000;

function rejection(run: () => unknown): DeliveryRejectedError {
  try {
    run();
  } catch (error) {
    if (error instanceof DeliveryRejectedError) return error;
    throw new Error(`expected a DeliveryRejectedError, got ${String(error)}`);
  }
  throw new Error('expected the delivery to be rejected');
}

function expectRejected(run: () => unknown, check: DeliveryCheck): DeliveryRejectedError {
  const error = rejection(run);
  expect(error.check).toBe(check);
  expect(error.message).not.toContain(SUBSCRIPTION_SECRET);
  expect(error.message).not.toContain(ACCOUNT_SECRET);
  return error;
}

describe('verifyDelivery: a valid delivery', () => {
  it('returns the parsed body and the normalised signature', () => {
    const request = signedRequest({ timestamp: NOW - 1000 });
    const result = verifyDelivery({ rawBody: request.content, signature: request.headers[SIGNATURE], secrets: [SUBSCRIPTION_SECRET], now: NOW });
    expect(result.body.action).toBe('startExperience');
    expect(result.body.experience.id).toBe('8f14e45f-ceea-4e7a-9f6b-2c3d4e5f6a7b');
    expect(result.signature).toBe(request.headers['X-Intelligems-Signature']);
  });

  it('takes the signature in upper-case hex too', () => {
    const request = signedRequest({ timestamp: NOW });
    const signature = request.headers[SIGNATURE].toUpperCase();
    expect(verifyDelivery({ rawBody: request.content, signature, secrets: [SUBSCRIPTION_SECRET], now: NOW }).body.action).toBe('startExperience');
  });

  it('verifies the exact bytes received, not a re-serialisation of them', () => {
    // Escapes and spacing that JSON.stringify would not reproduce: re-serialising would break the signature.
    const content = `{ "action": "startExperience", "timestamp": ${NOW}, "experience": ${JSON.stringify({ ...deliveryBody().experience as object, name: 'Caf\\u00e9 pricing' })}, "organization": {"id":"org_1","name":"Acme"} }`;
    const result = verifyDelivery({ rawBody: content, signature: sign(SUBSCRIPTION_SECRET, content), secrets: [SUBSCRIPTION_SECRET], now: NOW });
    expect(result.body.experience.name).toBe('Caf\\u00e9 pricing');
  });

  it('accepts the account secret when the subscription secret does not match (rotation)', () => {
    const request = signedRequest({ timestamp: NOW, secret: ACCOUNT_SECRET });
    const result = verifyDelivery({ rawBody: request.content, signature: request.headers[SIGNATURE], secrets: [SUBSCRIPTION_SECRET, ACCOUNT_SECRET], now: NOW });
    expect(result.body.action).toBe('startExperience');
  });

  it('accepts a timestamp exactly at both tolerance limits', () => {
    for (const timestamp of [NOW - MAX_DELIVERY_AGE_MS, NOW + MAX_FUTURE_SKEW_MS]) {
      const request = signedRequest({ timestamp });
      expect(() => verifyDelivery({ rawBody: request.content, signature: request.headers[SIGNATURE], secrets: [SUBSCRIPTION_SECRET], now: NOW })).not.toThrow();
    }
  });
});

describe('verifyDelivery: each check, broken one at a time', () => {
  const valid = signedRequest({ timestamp: NOW - 1000 });
  const verify = (overrides: Partial<{ rawBody: unknown; signature: string | undefined; secrets: string[] }>) => () =>
    verifyDelivery({ rawBody: valid.content, signature: valid.headers[SIGNATURE], secrets: [SUBSCRIPTION_SECRET], now: NOW, ...overrides });

  it('no secret to check with', () => {
    expect(expectRejected(verify({ secrets: [] }), 'no_secret').message).toMatch(/turn the Zap off and on again/i);
  });

  it('empty or missing body', () => {
    expectRejected(verify({ rawBody: '' }), 'no_body');
    expectRejected(verify({ rawBody: undefined }), 'no_body');
  });

  it('missing signature header', () => {
    expect(expectRejected(verify({ signature: undefined }), 'signature_missing').message).toMatch(/without an X-Intelligems-Signature header/);
  });

  it('truncated signature', () => {
    expectRejected(verify({ signature: valid.headers[SIGNATURE].slice(0, 40) }), 'signature_malformed');
  });

  it('wrong secret', () => {
    const other = signedRequest({ timestamp: NOW - 1000, secret: 'someone-else' });
    const error = expectRejected(verify({ signature: other.headers[SIGNATURE] }), 'signature_mismatch');
    expect(error.message).not.toContain(sign(SUBSCRIPTION_SECRET, valid.content));
  });

  it('altered body', () => {
    expectRejected(verify({ rawBody: valid.content.replace('Spring pricing', 'Spring pricinG') }), 'signature_mismatch');
  });

  it('stale timestamp (more than 24 hours old)', () => {
    const stale = signedRequest({ timestamp: NOW - MAX_DELIVERY_AGE_MS - 1 });
    const error = expectRejected(() => verifyDelivery({ rawBody: stale.content, signature: stale.headers[SIGNATURE], secrets: [SUBSCRIPTION_SECRET], now: NOW }), 'timestamp_too_old');
    expect(error.message).toMatch(/24 hours/);
  });

  it('future timestamp (more than 5 minutes ahead)', () => {
    const future = signedRequest({ timestamp: NOW + MAX_FUTURE_SKEW_MS + 1 });
    const error = expectRejected(() => verifyDelivery({ rawBody: future.content, signature: future.headers[SIGNATURE], secrets: [SUBSCRIPTION_SECRET], now: NOW }), 'timestamp_in_future');
    expect(error.message).toMatch(/5 minutes/);
  });

  it('signed but not JSON', () => {
    const content = 'action=startExperience';
    expectRejected(() => verifyDelivery({ rawBody: content, signature: sign(SUBSCRIPTION_SECRET, content), secrets: [SUBSCRIPTION_SECRET], now: NOW }), 'not_json');
  });

  it('signed JSON without experience.id names the field', () => {
    const body = deliveryBody({ timestamp: NOW });
    const content = JSON.stringify({ ...body, experience: { ...(body.experience as object), id: undefined } });
    const error = expectRejected(
      () => verifyDelivery({ rawBody: content, signature: sign(SUBSCRIPTION_SECRET, content), secrets: [SUBSCRIPTION_SECRET], now: NOW }),
      'invalid_body',
    );
    expect(error.message).toContain('experience.id');
  });

  it('signed JSON without a timestamp names the field', () => {
    const content = JSON.stringify({ ...deliveryBody(), timestamp: 'yesterday' });
    const error = expectRejected(
      () => verifyDelivery({ rawBody: content, signature: sign(SUBSCRIPTION_SECRET, content), secrets: [SUBSCRIPTION_SECRET], now: NOW }),
      'invalid_body',
    );
    expect(error.message).toContain('timestamp');
  });
});
