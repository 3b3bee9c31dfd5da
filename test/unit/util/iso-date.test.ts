import { isoDate, MAX_DATE_MS } from '../../../src/util/iso-date';

describe('isoDate: every date a user sees, and it never throws', () => {
  it('formats milliseconds as ISO 8601 UTC', () => {
    expect(isoDate(1_764_412_200_000)).toBe('2025-11-29T10:30:00.000Z');
    expect(isoDate(0)).toBe('1970-01-01T00:00:00.000Z');
    expect(isoDate(MAX_DATE_MS)).toBe('+275760-09-13T00:00:00.000Z');
  });

  it.each([1.7e18, MAX_DATE_MS + 1, -MAX_DATE_MS - 1, Infinity, NaN, null, undefined, '1764412200000', {}])(
    'null for %p, where new Date().toISOString() would throw or lie',
    (value) => {
      expect(isoDate(value)).toBeNull();
    },
  );
});
