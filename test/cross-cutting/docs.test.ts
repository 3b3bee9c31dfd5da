/**
 * The docs stand alone and state the code's facts: every link stays inside this repository and leads somewhere; the
 * README stays a short front page that links every docs page; every npm script the docs name exists; every
 * operation's key is in the user guide and the README; the assumed contract's doc names every assumed event and
 * header. Facts, never sentences: rewording a page never fails a test, a doc that drifts from the code does.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DELIVERY_HEADERS, EVENT_NAMES } from '../../src/contract/assumed';
import { App } from '../helpers/app-tester';

const ROOT = path.join(__dirname, '../..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
const DOCS_PAGES = readdirSync(path.join(ROOT, 'docs'))
  .filter((f) => f.endsWith('.md'))
  .map((f) => `docs/${f}`);
const DOCS = ['README.md', 'CONTRIBUTING.md', 'CHANGELOG.md', ...DOCS_PAGES];
const packageJson = JSON.parse(read('package.json')) as { scripts: Record<string, string> };

/** Markdown link targets in a text (`[text](target)`), anchors and all. */
const linkTargets = (text: string) => [...text.matchAll(/\]\(([^)\s]+)\)/g)].map(([, target]) => target);

/** Every npm script a text tells someone to run: `npm start`, `npm test`, `npm run [-s|--silent] NAME`. */
function scriptsNamed(text: string): string[] {
  const lifecycle = [...text.matchAll(/\bnpm (start|test)\b/g)].map(([, name]) => name);
  const run = [...text.matchAll(/\bnpm run (?:(?:-s|--silent) )?([A-Za-z_][\w:-]*)/g)].map(([, name]) => name);
  return [...new Set([...lifecycle, ...run])];
}

describe.each(DOCS)('%s', (file) => {
  it('links only to files inside the repository that exist', () => {
    const broken: string[] = [];
    for (const target of linkTargets(read(file))) {
      if (/^(https?:|mailto:|#)/.test(target)) continue;
      const resolved = path.resolve(path.dirname(path.join(ROOT, file)), target.split('#')[0]);
      if (!resolved.startsWith(`${ROOT}${path.sep}`) || !existsSync(resolved)) broken.push(target);
    }
    expect(broken).toEqual([]);
  });

  it('names only npm scripts that package.json has (or that are listed as coming)', () => {
    const unknown = scriptsNamed(read(file)).filter((name) => !(name in packageJson.scripts));
    expect(unknown).toEqual([]);
  });
});

describe('the README, a newcomer’s front page', () => {
  const readme = read('README.md');

  it('is at most about 150 lines (160 allowed)', () => {
    expect(readme.split('\n').length).toBeLessThanOrEqual(160);
  });

  it('links every docs page, and CONTRIBUTING.md', () => {
    const linked = new Set(linkTargets(readme).map((target) => path.posix.normalize(target.split('#')[0])));
    expect(['CONTRIBUTING.md', ...DOCS_PAGES].filter((page) => !linked.has(page))).toEqual([]);
  });

  it('names every npm script package.json has', () => {
    const named = scriptsNamed(readme);
    expect(Object.keys(packageJson.scripts).filter((name) => !named.includes(name))).toEqual([]);
  });

  it('names the key of every visible trigger, action and search', () => {
    const visible = [App.triggers, App.creates, App.searches].flatMap((operations) =>
      Object.entries(operations ?? {})
        .filter(([, operation]) => !(operation as { display?: { hidden?: boolean } }).display?.hidden)
        .map(([key]) => key),
    );
    expect(visible.length).toBeGreaterThan(0);
    expect(visible.filter((key) => !readme.includes(`\`${key}\``))).toEqual([]);
  });
});

describe('docs/user-guide.md', () => {
  it('names the key of every trigger, action and search the app defines, hidden ones included', () => {
    const guide = read('docs/user-guide.md');
    const keys = [App.triggers, App.creates, App.searches].flatMap((operations) => Object.keys(operations ?? {}));
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.filter((key) => !guide.includes(`\`${key}\``))).toEqual([]);
  });
});

describe('docs/assumed-contract.md', () => {
  it('names every event name and delivery header the code assumes (src/contract/assumed.ts)', () => {
    const doc = read('docs/assumed-contract.md');
    const assumed = [...EVENT_NAMES, ...Object.values(DELIVERY_HEADERS)];
    expect(assumed.filter((name) => !doc.includes(name))).toEqual([]);
  });
});
