import { describeHttpFailure, describeNetworkFailure, intelligemsSaid, retryAfterSeconds } from '../../../src/api/failure';
import { redact } from '../../../src/api/secrets';
import { MAX_RETRY_AFTER_SECONDS } from '../../../src/util/wait-cap';

describe('retryAfterSeconds', () => {
  const now = Date.parse('2026-11-29T10:00:00Z');
  it('prefers the Retry-After header in seconds', () => {
    expect(retryAfterSeconds('17', 99, now)).toBe(17);
  });
  it('reads an HTTP-date Retry-After', () => {
    expect(retryAfterSeconds('Sun, 29 Nov 2026 10:00:30 GMT', undefined, now)).toBe(30);
  });
  it('falls back to the body retryAfter, then to a minute', () => {
    expect(retryAfterSeconds(null, 12.2, now)).toBe(13);
    expect(retryAfterSeconds('soon', '8', now)).toBe(8);
    expect(retryAfterSeconds(undefined, undefined, now)).toBe(60);
  });
  it('never reads a negative or malformed number as a date (“-5” is not the year −5)', () => {
    expect(retryAfterSeconds('-5', undefined, now)).toBe(60);
    expect(retryAfterSeconds('-5', 7, now)).toBe(7);
    expect(retryAfterSeconds('1e3', undefined, now)).toBe(60);
    expect(retryAfterSeconds('12', '-3', now)).toBe(12);
    expect(retryAfterSeconds(null, '-3', now)).toBe(60);
    expect(retryAfterSeconds(null, -3, now)).toBe(60);
  });
  it('reads the obsolete HTTP-date forms too, and a date in the past as now', () => {
    expect(retryAfterSeconds('Sunday, 29-Nov-26 10:01:00 GMT', undefined, now)).toBe(60);
    expect(retryAfterSeconds('Sun Nov 29 10:00:45 2026', undefined, now)).toBe(45);
    expect(retryAfterSeconds('Sun, 29 Nov 2026 09:00:00 GMT', undefined, now)).toBe(0);
  });
  it(`caps the wait at ${MAX_RETRY_AFTER_SECONDS} seconds, however it is given`, () => {
    expect(retryAfterSeconds('99999999', undefined, now)).toBe(MAX_RETRY_AFTER_SECONDS);
    expect(retryAfterSeconds('Fri, 31 Dec 9999 23:59:59 GMT', undefined, now)).toBe(MAX_RETRY_AFTER_SECONDS);
    expect(retryAfterSeconds(null, 1e12, now)).toBe(MAX_RETRY_AFTER_SECONDS);
    expect(retryAfterSeconds(String(MAX_RETRY_AFTER_SECONDS), undefined, now)).toBe(MAX_RETRY_AFTER_SECONDS);
  });
});

describe('describeHttpFailure', () => {
  const call = 'turning on the Zap';
  it('names the step, the status and what to do for each class of status', () => {
    expect(describeHttpFailure({ call, status: 401 })).toMatchObject({
      kind: 'auth',
      message: expect.stringMatching(/rejected the API key while turning on the Zap \(HTTP 401\).*Integrations → Intelligems External API/),
    });
    expect(describeHttpFailure({ call, status: 403 })).toMatchObject({ kind: 'forbidden', message: expect.stringMatching(/not allowed.*permission/) });
    expect(describeHttpFailure({ call, status: 404, subject: 'experience “x”' })).toMatchObject({
      kind: 'not_found',
      message: expect.stringMatching(/could not find experience “x”/),
    });
    expect(describeHttpFailure({ call, status: 429, retryAfterHeader: '5' })).toMatchObject({ kind: 'throttled', retryAfterSeconds: 5 });
    expect(describeHttpFailure({ call, status: 503 })).toMatchObject({ kind: 'server', message: expect.stringMatching(/having trouble.*try again/) });
    expect(describeHttpFailure({ call, status: 409, apiMessage: 'Experience already ended' })).toMatchObject({
      kind: 'rejected',
      message: expect.stringContaining('“Experience already ended”'),
    });
  });
});

describe('intelligemsSaid', () => {
  it('quotes the API reason without doubling its closing stop', () => {
    expect(intelligemsSaid('Experience already ended')).toBe(' Intelligems said: “Experience already ended”.');
    expect(intelligemsSaid('Experience already ended.')).toBe(' Intelligems said: “Experience already ended”.');
    expect(intelligemsSaid('Is it running?')).toBe(' Intelligems said: “Is it running?”');
    expect(intelligemsSaid('  ')).toBe('');
    expect(intelligemsSaid(undefined)).toBe('');
  });
  it('keeps a whole failure message free of doubled punctuation', () => {
    const { message } = describeHttpFailure({ call: 'starting experience “x”', status: 409, apiMessage: 'Cannot start an ended experience.' });
    expect(message).toContain('“Cannot start an ended experience”. Check the values');
    expect(message).not.toMatch(/[.!?]”\./);
  });
});

describe('redact', () => {
  it('removes every occurrence of each secret', () => {
    expect(redact('key ig_abc123 and ig_abc123 again', ['ig_abc123', undefined])).toBe('key [redacted] and [redacted] again');
  });
  it('leaves text alone when there is nothing to hide', () => {
    expect(redact('plain', [null, ''])).toBe('plain');
  });
});

describe('describeNetworkFailure', () => {
  const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4999'), { code: 'ECONNREFUSED' });
  const timedOut = Object.assign(new Error('network timeout at: http://127.0.0.1:4999/'), { code: 'ETIMEDOUT' });

  it('against the real API, says it is usually temporary', () => {
    const failure = describeNetworkFailure('testing the connection', refused);
    expect(failure).toEqual({
      kind: 'network',
      message:
        'Could not reach Intelligems while testing the connection: the connection failed or was dropped. This is usually temporary: try again in a few minutes.',
    });
  });

  it('against an INTELLIGEMS_API_URL, names the address it tried and suggests `npm run sandbox` instead', () => {
    const failure = describeNetworkFailure('testing the connection', refused, 'http://127.0.0.1:4999');
    expect(failure.kind).toBe('network');
    expect(failure.message).toBe(
      'Could not reach Intelligems at http://127.0.0.1:4999 (set by INTELLIGEMS_API_URL) while testing the connection: the connection failed or was dropped. ' +
        'If that is the local sandbox, start it with `npm run sandbox` and check the port; otherwise correct INTELLIGEMS_API_URL, or unset it to use the real Intelligems API.',
    );
    expect(failure.message).not.toMatch(/usually temporary/);
    expect(describeNetworkFailure('listing experiences', timedOut, 'https://staging.example.com').message).toMatch(
      /^Could not reach Intelligems at https:\/\/staging\.example\.com \(set by INTELLIGEMS_API_URL\) while listing experiences: the request timed out\./,
    );
  });
});
