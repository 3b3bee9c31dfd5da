import { createHash } from 'node:crypto';
import { EVENT_NAMES } from '../../../src/contract/assumed';
import { checkDelivery, type DeliveryCheck, type DeliveryInput, type DeliveryReport } from '../../../src/webhook/check-delivery';
import { MAX_DELIVERY_AGE_MS, MAX_FUTURE_SKEW_MS } from '../../../src/webhook/replay-window';
import { sign } from '../../../src/webhook/signature';
import { ACCOUNT_SECRET, SUBSCRIPTION_SECRET, deliveryBody, signedRequest } from '../../helpers/signed-delivery';

const SIGNATURE = 'X-Intelligems-Signature';
const NOW = 1_764_412_260_000;

function check(overrides: Partial<DeliveryInput> & Pick<DeliveryInput, 'rawBody' | 'signature'>): DeliveryReport {
  return checkDelivery({ secrets: [SUBSCRIPTION_SECRET], listensTo: EVENT_NAMES, now: NOW, ...overrides });
}

function signedCheck(content: string, overrides: Partial<DeliveryInput> = {}): DeliveryReport {
  return check({ rawBody: content, signature: sign(SUBSCRIPTION_SECRET, content), ...overrides });
}

function expectRejected(report: DeliveryReport, reason: DeliveryCheck): string {
  expect(report.outcome).toMatchObject({ status: 'rejected', check: reason });
  expect(report.item).toBeUndefined();
  const { message } = report.outcome as { message: string };
  expect(message).not.toContain(SUBSCRIPTION_SECRET);
  expect(message).not.toContain(ACCOUNT_SECRET);
  // The failed check is the last one reported, and carries the same reason.
  expect(report.checks.at(-1)).toEqual({ name: expect.any(String), ok: false, detail: message });
  return message;
}

describe('checkDelivery: a valid delivery', () => {
  it('returns the item, a digest of the signature (never the signature) and every check passed', () => {
    const request = signedRequest({ timestamp: NOW - 1000 });
    const report = check({ rawBody: request.content, signature: request.headers[SIGNATURE] });
    expect(report.outcome).toEqual({ status: 'accepted' });
    expect(report.item?.action).toBe('startExperience');
    expect(report.item?.experience_id).toBe('8f14e45f-ceea-4e7a-9f6b-2c3d4e5f6a7b');
    expect(report.digest).toBe(createHash('sha256').update(Buffer.from(request.headers[SIGNATURE], 'hex')).digest('hex'));
    expect(JSON.stringify(report)).not.toContain(request.headers[SIGNATURE]);
    expect(report.timestampMs).toBe(NOW - 1000);
    expect(report.notes).toEqual([]);
    expect(report.checks.map((c) => [c.name, c.ok])).toEqual([
      ['body', true],
      ['secret', true],
      ['signature', true],
      ['json', true],
      ['fields', true],
      ['timestamp', true],
      ['event', true],
      ['test', true],
    ]);
  });

  it('takes the signature in upper-case hex too', () => {
    const request = signedRequest({ timestamp: NOW });
    expect(check({ rawBody: request.content, signature: request.headers[SIGNATURE].toUpperCase() }).outcome.status).toBe('accepted');
  });

  it('verifies the exact bytes received, not a re-serialisation of them', () => {
    // Escapes and spacing that JSON.stringify would not reproduce: re-serialising would break the signature.
    const content = `{ "action": "startExperience", "timestamp": ${NOW}, "experience": ${JSON.stringify({ ...(deliveryBody().experience as object), name: 'Caf\\u00e9 pricing' })}, "organization": {"id":"org_1","name":"Acme"} }`;
    expect(signedCheck(content).item?.experience_name).toBe('Caf\\u00e9 pricing');
  });

  it('accepts the account secret when the subscription secret does not match (rotation)', () => {
    const request = signedRequest({ timestamp: NOW, secret: ACCOUNT_SECRET });
    const report = check({ rawBody: request.content, signature: request.headers[SIGNATURE], secrets: [SUBSCRIPTION_SECRET, ACCOUNT_SECRET] });
    expect(report.outcome.status).toBe('accepted');
  });

  it('accepts a timestamp exactly at both tolerance limits', () => {
    for (const timestamp of [NOW - MAX_DELIVERY_AGE_MS, NOW + MAX_FUTURE_SKEW_MS]) {
      const request = signedRequest({ timestamp });
      expect(check({ rawBody: request.content, signature: request.headers[SIGNATURE] }).outcome.status).toBe('accepted');
    }
  });
});

describe('checkDelivery: each hard check, broken one at a time', () => {
  const valid = signedRequest({ timestamp: NOW - 1000 });
  const verify = (overrides: Partial<DeliveryInput>) => check({ rawBody: valid.content, signature: valid.headers[SIGNATURE], ...overrides });

  it('no secret to check with', () => {
    expect(expectRejected(verify({ secrets: [] }), 'no_secret')).toMatch(/turn the Zap off and on again/i);
  });

  it('empty or missing body', () => {
    expectRejected(verify({ rawBody: '' }), 'no_body');
    expectRejected(verify({ rawBody: undefined }), 'no_body');
  });

  it('missing signature header', () => {
    expect(expectRejected(verify({ signature: undefined }), 'signature_missing')).toMatch(/without an X-Intelligems-Signature header/);
  });

  it('truncated signature', () => {
    expectRejected(verify({ signature: valid.headers[SIGNATURE].slice(0, 40) }), 'signature_malformed');
  });

  it('wrong secret, and the expected signature is never told', () => {
    const other = signedRequest({ timestamp: NOW - 1000, secret: 'someone-else' });
    const report = verify({ signature: other.headers[SIGNATURE] });
    expectRejected(report, 'signature_mismatch');
    expect(JSON.stringify([report.outcome, report.checks])).not.toContain(sign(SUBSCRIPTION_SECRET, valid.content));
  });

  it('altered body', () => {
    expectRejected(verify({ rawBody: valid.content.replace('Spring pricing', 'Spring pricinG') }), 'signature_mismatch');
  });

  it('stale timestamp (more than 24 hours old)', () => {
    const stale = signedRequest({ timestamp: NOW - MAX_DELIVERY_AGE_MS - 1 });
    expect(expectRejected(check({ rawBody: stale.content, signature: stale.headers[SIGNATURE] }), 'timestamp_too_old')).toMatch(/24 hours/);
  });

  it('future timestamp (more than 5 minutes ahead)', () => {
    const future = signedRequest({ timestamp: NOW + MAX_FUTURE_SKEW_MS + 1 });
    expect(expectRejected(check({ rawBody: future.content, signature: future.headers[SIGNATURE] }), 'timestamp_in_future')).toMatch(/5 minutes/);
  });

  it('signed but not JSON', () => {
    expectRejected(signedCheck('action=startExperience'), 'not_json');
  });

  it.each([
    ['a list', '[{"action":"startExperience"}]'],
    ['a string', '"startExperience"'],
    ['a number', '42'],
    ['null', 'null'],
  ])('signed JSON that is %s, not an object', (what, content) => {
    expect(expectRejected(signedCheck(content), 'not_object')).toContain(`is ${what}, not a JSON object`);
  });

  it.each([
    ['nanoseconds (1.7e18), beyond what a date can hold', 1.7e18],
    ['an ISO string beyond what a date can hold', '+275760-09-14T00:00:00Z'],
  ])('signed JSON whose timestamp is %s is refused with a readable “timestamp” message, never a RangeError', (_what, timestamp) => {
    const report = signedCheck(JSON.stringify({ ...deliveryBody(), timestamp }));
    expect(expectRejected(report, 'invalid_timestamp')).toMatch(/^Ignored a signed delivery whose timestamp \(at “timestamp”\) cannot be used: /);
  });

  it.each([
    ['a word', 'yesterday'],
    ['an RFC 2822 date', 'Sat, 29 Nov 2026 10:30:00 GMT'],
    ['an object', { ms: NOW }],
    ['a boolean', true],
  ])('signed JSON whose timestamp is %s, a form this app cannot read, still runs, like one without a timestamp', (_what, timestamp) => {
    const report = signedCheck(JSON.stringify({ ...deliveryBody(), timestamp }));
    expect(report.outcome).toEqual({ status: 'accepted' });
    expect(report.item?.timestamp).toBe('');
    expect(report.timestampMs).toBeNull();
    expect(report.notes.join('\n')).toMatch(/carries a timestamp it cannot read \(at “timestamp”: .*\), so it could not be checked for being a replay/);
  });
});

describe('checkDelivery: ignored, not refused', () => {
  it('another event: ignored with a line that says which events the Zap runs for', () => {
    const report = signedCheck(JSON.stringify(deliveryBody({ action: 'pauseExperience', timestamp: NOW })), { listensTo: ['startExperience'] });
    expect(report.outcome).toEqual({
      status: 'ignored',
      reason: 'other_event',
      message: 'Ignored pauseExperience for experience 8f14e45f-ceea-4e7a-9f6b-2c3d4e5f6a7b: this Zap runs for startExperience.',
    });
    expect(report.item).toBeUndefined();
  });

  it('an event this app does not know is another event, never mistaken for the subscription’s own', () => {
    const report = signedCheck(JSON.stringify(deliveryBody({ action: 'archiveExperience', timestamp: NOW })), { listensTo: ['startExperience'] });
    expect(report.outcome).toMatchObject({
      status: 'ignored',
      reason: 'other_event',
      message: expect.stringContaining('“archiveExperience”, which is not one of the six experience events'),
    });
  });

  it('an unknown event named in the signed body is not overridden by the unsigned event header (a replay with a forged header)', () => {
    const content = JSON.stringify(deliveryBody({ action: 'archiveExperience', timestamp: NOW }));
    const report = signedCheck(content, { listensTo: ['startExperience'], eventHeader: 'startExperience' });
    expect(report.outcome).toMatchObject({ status: 'ignored', reason: 'other_event' });
    expect(report.item).toBeUndefined();
  });

  it('a test delivery: ignored, and reported as one, with the item it would have made', () => {
    const report = signedCheck(JSON.stringify({ ...deliveryBody({ timestamp: NOW }), test: true }));
    expect(report.outcome).toMatchObject({
      status: 'ignored',
      reason: 'test',
      message: expect.stringMatching(/^Ignored a test delivery \(“test”: true\) for experience 8f14e45f-/),
    });
    expect(report.checks.at(-1)).toEqual({ name: 'test', ok: false, detail: 'a test delivery (“test”: true): a live Zap ignores it' });
    expect(report.item?.experience_name).toBe('Spring pricing');
  });

  it('`test: false` is an ordinary delivery', () => {
    expect(signedCheck(JSON.stringify({ ...deliveryBody({ timestamp: NOW }), test: false })).outcome.status).toBe('accepted');
  });
});

describe('checkDelivery: notes for the Zap history', () => {
  it('an undated delivery runs, with one line saying freshness could not be checked', () => {
    const { timestamp: _none, ...undated } = deliveryBody();
    const report = signedCheck(JSON.stringify(undated));
    expect(report.outcome.status).toBe('accepted');
    expect(report.timestampMs).toBeNull();
    expect(report.notes).toEqual([
      'This delivery carries no timestamp, so it could not be checked for being a replay; a repeat of it is still recognised for 30 days.',
    ]);
    expect(report.item?.timestamp).toBe('');
    // The id still tells one delivery from another: a digest of its signature stands in for the time.
    expect(report.item?.id).toBe(`8f14e45f-ceea-4e7a-9f6b-2c3d4e5f6a7b:startExperience:sig-${report.digest!.slice(0, 16)}`);
  });

  it('one line names the standard fields that were missing', () => {
    const report = signedCheck(JSON.stringify({ action: 'startExperience', timestamp: NOW, experience: { id: 'exp_1', name: 'Spring pricing' } }));
    expect(report.outcome.status).toBe('accepted');
    expect(report.notes).toEqual([
      "This delivery did not carry experience_type_code, experience_category, experience_status, organization_id, organization_name, shop, triggered_by_email, triggered_by_name: they are empty in the item. The whole delivery is in the item's Raw fields.",
    ]);
  });

  it('a delivery that does not say its event, to a subscription of several, runs with the event left empty', () => {
    const { action: _none, ...silent } = deliveryBody({ timestamp: NOW });
    const report = signedCheck(JSON.stringify(silent), { listensTo: ['startExperience', 'pauseExperience'] });
    expect(report.outcome.status).toBe('accepted');
    expect(report.item).toMatchObject({
      action: '',
      action_type: '',
      summary: 'Jane Doe changed the Price Test “Spring pricing” on acme-outdoors.myshopify.com.',
    });
    expect(report.notes).toEqual([expect.stringMatching(/^This delivery does not say which event it is/)]);
  });
});
