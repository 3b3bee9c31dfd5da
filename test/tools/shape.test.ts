/** How check-contract describes an answer that differs: key names and counts, never a value. */
import { experienceResponseSchema } from '../../src/contract/published';
import { checkShape, describeValue } from '../../tools/contract-check/shape';

describe('describeValue', () => {
  it('names keys, counts items and types, and never shows a value', () => {
    expect(describeValue({ token: 'ig_live_secret', nested: { a: 1 } })).toBe('keys token, nested');
    expect(describeValue(['ig_live_secret', 'x'])).toBe('an array of 2');
    expect(describeValue('ig_live_secret')).toBe('a string');
    expect(describeValue(null)).toBe('null');
    expect(describeValue(undefined)).toBe('nothing');
    expect(describeValue({})).toBe('an empty object');
  });

  it('shows a key’s control characters as escapes, shortens long keys and long key lists', () => {
    expect(describeValue({ 'a\nb': 1 })).toBe('keys a\\u000ab');
    expect(describeValue({ ['k'.repeat(100)]: 1 })).toBe(`keys ${'k'.repeat(60)}…`);
    const many = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`k${i}`, i]));
    expect(describeValue(many)).toMatch(/^keys k0, k1, .*, k24 and 5 more$/);
  });
});

describe('checkShape', () => {
  it('passes the parsed data through when the answer has the shape', () => {
    const answer = { experience: { id: 'e1', name: 'n', type: 'pricing', category: 'experiment', status: 'started', extra: 'kept' } };
    expect(checkShape(experienceResponseSchema, answer)).toEqual({ ok: true, data: answer });
  });

  it('names the problem and the keys it saw where the problem is, without the values', () => {
    const check = checkShape(experienceResponseSchema, { experience: { id: 'e1', name: 'ig_live_secret', type: 'pricing', status: 'started' } });
    expect(check).toEqual({ ok: false, detail: expect.stringMatching(/^experience\.category: .*\. Saw at experience: keys id, name, type, status$/) });
    expect(JSON.stringify(check)).not.toContain('ig_live_secret');
  });
});
