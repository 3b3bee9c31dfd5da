/**
 * `npm start` as a process (the built demo, as npm runs it after building): it exits 0 and shows the whole product,
 * beyond the instant triggers too. Output is checked for what each part must print, never for how long it took.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

const DEMO = path.join(__dirname, '../../dist/sandbox/demo/demo.js');
/** A generous ceiling for a busy machine; the demo itself takes a few seconds. */
const EXIT_WITHIN_MS = 90_000;

let output = '';
let exitCode: number | null = null;

beforeAll(async () => {
  if (!existsSync(DEMO)) throw new Error(`${DEMO} is missing: run \`npm run build\` first (npm test does).`);
  const child = spawn(process.execPath, [DEMO], { env: { ...process.env, NO_COLOR: '1', INTELLIGEMS_API_URL: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  exitCode = await new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
}, EXIT_WITHIN_MS);

it('exits 0', () => {
  expect({ exitCode, output: exitCode === 0 ? '' : output }).toEqual({ exitCode: 0, output: '' });
});

it('connects with the organization as the label, and says why it is not the name', () => {
  expect(output).toContain('Connected: Intelligems (organization org_4c1b9a)');
  expect(output).toContain('no published Intelligems call names the organization');
});

it('polls for significance and shows the winner’s and the loser’s Slack sentences', () => {
  expect(output).toMatch(/Winner {2}\$75 threshold {2}in “Free shipping threshold: \$75 vs \$100”\n\s+Slack {3}“Free shipping threshold: \$75 vs \$100”: \$75 threshold beats control on revenue per visitor with \d+\.\d % probability \(\+\d+\.\d %\) after \d+ days\./);
  expect(output).toMatch(/Loser {3}Flat \$4\.99 {2}in “Free shipping threshold: \$75 vs \$100”\n\s+Slack {3}“Free shipping threshold: \$75 vs \$100”: Flat \$4\.99 trails control on revenue per visitor with/);
  expect(output).toContain('The next poll finds the same 2 result IDs');
});

it('pauses and ends through the actions, the instant Zaps run on each change, and one action is refused with its reason', () => {
  expect(output).toMatch(/Pause Experience {2}“Free shipping threshold: \$75 vs \$100”, from the loser’s alert\n\s+✓ Intelligems: paused at \d{4}-/);
  expect(output).toMatch(/End Experience {2}“Free shipping threshold: \$75 vs \$100”, from the winner’s alert\n\s+✓ Intelligems: ended at \d{4}-/);
  expect(output).toMatch(/Zaps {4}Experience Paused, Any Experience Event\n\s+Slack {3}Jane Doe paused the Shipping Test “Free shipping threshold/);
  expect(output).toMatch(/Zaps {4}Experience Ended, Any Experience Event\n\s+Slack {3}Jane Doe ended the Shipping Test “Free shipping threshold/);
  expect(output).toMatch(/✗ The step stops, and the Zap’s history says why:\n\s+Reason {2}Intelligems refused to pause the Shipping Test “Free shipping threshold: \$75 vs \$100” .* while it is ended \(HTTP 400\)\..* duplicate it in the Intelligems app\./);
});

it('finds an experience by name', () => {
  expect(output).toMatch(/Find Experience: Name “free shipping threshold”, Name Contains\)\n\s+✓ Found 1: “Free shipping threshold: \$75 vs \$100”\n\s+Fields {2}Shipping Test │ ended │/);
});

it('explains the retries in words, without arrows or an "n of n" count', () => {
  expect(output).toContain('Intelligems makes up to 5 attempts');
  expect(output).toMatch(/ran once, on attempt 3: the refused attempts never reached it/);
  expect(output).not.toContain('←');
  expect(output).not.toMatch(/attempt \d of \d/);
  expect(output).toMatch(/✓ 7 webhooks removed; Intelligems lists 0 now/);
});
