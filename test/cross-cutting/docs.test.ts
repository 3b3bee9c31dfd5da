/** The docs stand alone: every link stays inside this repository and leads somewhere; the contract doc says what the code does. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.join(__dirname, '../..');
const DOCS = ['README.md', ...readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

describe.each(DOCS)('%s', (file) => {
  it('links only to files inside the repository that exist', () => {
    const broken: string[] = [];
    for (const [, target] of read(file).matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^(https?:|mailto:|#)/.test(target)) continue;
      const resolved = path.resolve(path.dirname(path.join(ROOT, file)), target.split('#')[0]);
      if (!resolved.startsWith(`${ROOT}${path.sep}`) || !existsSync(resolved)) broken.push(target);
    }
    expect(broken).toEqual([]);
  });
});

describe('docs/assumed-contract.md', () => {
  const doc = read('docs/assumed-contract.md');

  it('deduplication is keyed on signed content, never on the unsigned X-Intelligems-Delivery header', () => {
    expect(doc).not.toMatch(/key(ed)? (deduplication )?on `X-Intelligems-Delivery`/i);
    expect(doc).toMatch(/## Deduplication: on signed content only/);
    expect(doc).toMatch(/`X-Intelligems-Delivery` header is \*\*not\*\* used, and must not be: it is unsigned/);
  });

  it('states the whole assumed contract itself: the webhook API, the headers, the body, the accepted variants, the test flag', () => {
    for (const part of ['POST /webhooks', 'GET /webhooks', 'DELETE /webhooks/{id}', 'X-Intelligems-Signature', 'X-Intelligems-Event', 'X-Intelligems-Delivery', '"triggeredBy"', '"test": true', 'snake_case', '`data` or `payload`', 'ISO 8601', '`raw`']) {
      expect(doc).toContain(part);
    }
  });
});
