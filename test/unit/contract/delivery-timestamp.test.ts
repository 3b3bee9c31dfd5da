import { readTimestamp, SECONDS_BELOW } from '../../../src/contract/delivery-timestamp';

const MS = 1_764_412_200_000;

describe('readTimestamp', () => {
  it.each<[string, unknown, string]>([
    ['milliseconds', MS, 'milliseconds'],
    ['seconds', MS / 1000, 'seconds'],
    ['seconds with a fraction', MS / 1000 + 0.25, 'seconds'],
    ['milliseconds as a numeric string', String(MS), 'milliseconds'],
    ['seconds as a numeric string', String(MS / 1000), 'seconds'],
    ['ISO 8601 in UTC', '2025-11-29T10:30:00.000Z', 'ISO 8601'],
    ['ISO 8601 with an offset', '2025-11-29T11:30:00+01:00', 'ISO 8601'],
    ['ISO 8601 with a compact offset', '2025-11-29T11:30:00+0100', 'ISO 8601'],
    ['ISO 8601 with microseconds', '2025-11-29T10:30:00.000000Z', 'ISO 8601'],
    ['ISO 8601 without a zone (read as UTC)', '2025-11-29T10:30:00', 'ISO 8601'],
    ['ISO 8601 with a space and lower case z', '2025-11-29 10:30:00z', 'ISO 8601'],
  ])('%s', (_name, value, form) => {
    expect(readTimestamp(value)).toEqual({
      kind: 'time',
      ms: Math.round(MS + (form === 'seconds' && typeof value === 'number' && !Number.isInteger(value) ? 250 : 0)),
      form,
    });
  });

  it('below 10¹¹ is seconds, from 10¹¹ on milliseconds', () => {
    expect(readTimestamp(SECONDS_BELOW - 1)).toMatchObject({ form: 'seconds', ms: (SECONDS_BELOW - 1) * 1000 });
    expect(readTimestamp(SECONDS_BELOW)).toMatchObject({ form: 'milliseconds', ms: SECONDS_BELOW });
  });

  it.each([undefined, null, '', '   '])('absent: %p', (value) => {
    expect(readTimestamp(value)).toEqual({ kind: 'absent' });
  });

  it.each<[string, unknown, RegExp]>([
    ['nanoseconds', 1.7e18, /outside the dates a timestamp can hold/],
    ['microseconds', 1.7e15 * 1000, /outside the dates/],
    ['infinity (JSON -1e999)', -Infinity, /not a finite number/],
    ['a date beyond what Date holds', '+275760-09-14T00:00:00Z', /outside the dates a timestamp can hold/],
  ])('unusable (beyond what a date can hold): %s', (_name, value, reason) => {
    const reading = readTimestamp(value);
    expect(reading.kind).toBe('unusable');
    expect((reading as { reason: string }).reason).toMatch(reason);
  });

  it.each<[string, unknown, RegExp]>([
    ['a word', 'yesterday', /is not milliseconds, seconds or an ISO 8601 date/],
    ['an RFC 2822 date', 'Sat, 29 Nov 2026 10:30:00 GMT', /is not milliseconds, seconds or an ISO 8601 date/],
    ['an impossible date', '2025-13-45T99:00:00Z', /is not a real date/],
    ['an object', { ms: MS }, /an object/],
    ['a list', [MS], /a list/],
    ['a boolean', true, /a boolean/],
  ])('unreadable (a form this app does not read): %s', (_name, value, reason) => {
    const reading = readTimestamp(value);
    expect(reading.kind).toBe('unreadable');
    expect((reading as { reason: string }).reason).toMatch(reason);
  });
});
