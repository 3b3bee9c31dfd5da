/** The layout's rules (docs/architecture.md), read off every source file's import lines. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.join(__dirname, '../..');
const OPERATIONS = ['src/triggers', 'src/creates', 'src/searches'];
const PURE = ['src/contract', 'src/webhook', 'src/items', 'src/inputs', 'src/polling', 'src/util'];
const TOP_OF_SRC = ['index.ts', 'authentication.ts', 'middleware.ts', 'errors.ts'];
const within = (file: string, folders: string[]) => folders.find((folder) => file.startsWith(`${folder}/`));
const sources = ['src', 'sandbox', 'bench', 'tools']
  .filter((dir) => existsSync(path.join(ROOT, dir)))
  .flatMap((dir) =>
    readdirSync(path.join(ROOT, dir), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts'))
      .map((f) => `${dir}/${f}`),
  );
const imports = sources.flatMap((file) =>
  [...readFileSync(path.join(ROOT, file), 'utf8').matchAll(/^import[^']*'([^']+)'/gm)].map(([, spec]) => ({
    file,
    spec,
    target: spec.startsWith('.') ? path.posix.join(path.posix.dirname(file), spec) : spec,
  })),
);

it('1. Zapier operations are leaves: only src/index.ts and their own folder import them', () => {
  const offending = imports.filter(
    ({ file, target }) => within(target, OPERATIONS) && file !== 'src/index.ts' && within(file, OPERATIONS) !== within(target, OPERATIONS),
  );
  expect(offending.map(({ file, spec }) => `${file} imports ${spec}`)).toEqual([]);
});

it('2. pure folders import only pure folders: never zapier-platform-core, an operation or the Zapier edge', () => {
  const offending = imports.filter(
    ({ file, target }) => within(file, PURE) && (target.startsWith('zapier-platform-core') || (target.startsWith('src/') && !within(target, PURE))),
  );
  expect(offending.map(({ file, spec }) => `${file} imports ${spec}`)).toEqual([]);
});

it('4. the top of src/ holds only the app-wide Zapier wiring', () => {
  const loose = readdirSync(path.join(ROOT, 'src'), { withFileTypes: true }).filter((entry) => entry.isFile() && !TOP_OF_SRC.includes(entry.name));
  expect(loose.map((entry) => `src/${entry.name}`)).toEqual([]);
});

it('5. an item is made from facts: nothing under src/items/event reads a delivery (the reader of the assumed body)', () => {
  const offending = imports.filter(
    ({ file, target }) => file.startsWith('src/items/event/') && (target === 'src/contract/read-delivery' || within(target, ['src/webhook'])),
  );
  expect(offending.map(({ file, spec }) => `${file} imports ${spec}`)).toEqual([]);
});

it('6. src/items holds items only: no poll machinery there, and src/polling knows no item', () => {
  const offending = imports.filter(
    ({ file, target }) => (within(file, ['src/items']) && within(target, ['src/polling'])) || (within(file, ['src/polling']) && within(target, ['src/items'])),
  );
  const machinery = sources.filter((file) => file.startsWith('src/items/') && /(budget|rotation|outcome|deadline|poll)/.test(path.basename(file)));
  expect([...offending.map(({ file, spec }) => `${file} imports ${spec}`), ...machinery]).toEqual([]);
});
