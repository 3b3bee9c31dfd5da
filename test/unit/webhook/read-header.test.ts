import { readHeader } from '../../../src/webhook/read-header';

describe('readHeader', () => {
  it('finds the plain and the Zapier form, case-insensitively, and the first of a list', () => {
    expect(readHeader({ 'x-intelligems-signature': 'ABC' }, 'X-Intelligems-Signature')).toBe('ABC');
    expect(readHeader({ 'Http-X-Intelligems-Event': 'a' }, 'X-Intelligems-Event')).toBe('a');
    expect(readHeader({ 'x-intelligems-event': 'b' }, 'X-Intelligems-Event')).toBe('b');
    expect(readHeader({ 'X-Intelligems-Event': ['c', 'd'] }, 'x-intelligems-event')).toBe('c');
  });
  it('returns undefined for no headers or a non-string value', () => {
    expect(readHeader(undefined, 'X-A')).toBeUndefined();
    expect(readHeader({ 'X-A': undefined }, 'X-A')).toBeUndefined();
  });
});
