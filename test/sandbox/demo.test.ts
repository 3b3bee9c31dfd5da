/**
 * `npm start` as a process (the built demo, as npm runs it after building): it exits 0 and shows the whole product,
 * first on an account without the webhook API (polling triggers), then on one with it (instant triggers and beyond).
 * Output is checked for what each part must print, never for how long it took.
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

/** The lines that hold every part (words, names, numbers), whatever the spacing and order between them. */
const linesWith = (...parts: Array<string | RegExp>) =>
  output.split('\n').filter((line) => parts.every((part) => (typeof part === 'string' ? line.includes(part) : part.test(line))));
/** The line right after the first line that holds every part, in part 2 (the account with the webhook API). */
const lineAfter = (...parts: Array<string | RegExp>) => {
  const lines = output.slice(Math.max(0, output.indexOf('Part 2.'))).split('\n');
  const at = lines.findIndex((line) => parts.every((part) => (typeof part === 'string' ? line.includes(part) : part.test(line))));
  return at < 0 ? undefined : lines[at + 1];
};
const SHIPPING = '“Free shipping threshold: $75 vs $100”';

describe('part 1: an account without the webhook API', () => {
  const part = () => {
    const start = output.indexOf('Part 1.');
    const end = output.indexOf('Part 2.');
    return start >= 0 && end > start ? output.slice(start, end).split('\n') : [];
  };
  /** The lines after the first line of part 1 that holds every part, up to the next blank line. */
  const blockAfter = (...parts: string[]) => {
    const lines = part();
    const at = lines.findIndex((line) => parts.every((p) => line.includes(p)));
    if (at < 0) return [];
    const end = lines.findIndex((line, i) => i > at && line.trim() === '');
    return lines.slice(at + 1, end < 0 ? undefined : end);
  };

  it('comes first, on a sandbox whose /webhooks answers 404', () => {
    expect(output.indexOf('Part 1.')).toBeGreaterThan(0);
    expect(output.indexOf('Part 2.')).toBeGreaterThan(output.indexOf('Part 1.'));
    expect(part().filter((line) => line.includes('GET /webhooks answers 404'))).toHaveLength(1);
  });

  it('shows the instant Zap’s refusal, naming the polling trigger to use by its label', () => {
    const [reason] = blockAfter('✗', 'cannot turn the Zap on');
    expect(reason).toMatch(/Reason.*does not offer webhook subscriptions.*Use “Experience Started” instead/);
  });

  it('turns on one Zap per polling trigger, whose first check fires nothing', () => {
    expect(part().filter((line) => /✓ .* recorded, none fired$/.test(line))).toHaveLength(7);
  });

  it.each([
    ['Create Experience', 'POST /experiences', 'New Experience', null],
    ['Update Experience', 'PUT /experiences/{id}', 'Experience Updated', 'updated'],
    ['Start Experience', '/actions/start', 'Experience Started', 'started'],
    ['Pause Experience', '/actions/pause', 'Experience Paused', 'paused'],
    ['End Experience', '/actions/end', 'Experience Ended', 'ended'],
    ['Delete Experience', 'DELETE /experiences/{id}', 'Experience Deleted', null],
  ])('catches %s (%s) on %s and Any Experience Event, with who did it, the Slack line and the Sheets row', (actionType, call, zap, verb) => {
    const [zaps, who, slack, sheets] = blockAfter(actionType, call);
    expect(zaps).toMatch(new RegExp(`Zaps +${zap}, Any Experience Event$`));
    if (verb === null) {
      expect(who).toMatch(/Who +— /);
      expect(slack).toMatch(/Slack +The Content Test “Free gift wrap over \$\d+” was (created|deleted)\.$/);
    } else {
      expect(who).toMatch(/Who +Jane Doe <jane@acme\.example>$/);
      expect(slack).toMatch(new RegExp(`Slack +Jane Doe ${verb} the Content Test “Free gift wrap over \\$50”\\.$`));
    }
    expect(sheets).toContain(`Sheets  Free gift wrap over $`);
    expect(sheets).toContain(` │ ${actionType} │ Content Test │ 20`);
  });
});

it('connects with the organization as the label, and says why it is not the name', () => {
  expect(linesWith('Connected', 'org_4c1b9a')).not.toHaveLength(0);
  expect(output).toContain('no published Intelligems call names the organization');
});

it('polls for significance and shows the winner’s and the loser’s Slack sentences', () => {
  expect(linesWith('Winner', '$75 threshold', SHIPPING)).toHaveLength(1);
  expect(lineAfter('Winner', '$75 threshold', SHIPPING)).toEqual(
    expect.stringMatching(/Slack.*\$75 threshold.*beats control.*revenue per visitor.*\d+\.\d %.*\+\d+\.\d %.*\d+ days/),
  );
  expect(linesWith('Loser', 'Flat $4.99', SHIPPING)).toHaveLength(1);
  expect(lineAfter('Loser', 'Flat $4.99', SHIPPING)).toEqual(expect.stringMatching(/Slack.*Flat \$4\.99.*trails control.*revenue per visitor/));
  expect(linesWith('next poll', 'same 2 result IDs')).toHaveLength(1);
});

it('pauses and ends through the actions, the instant Zaps run on each change, and one action is refused with its reason', () => {
  expect(lineAfter('Pause Experience', SHIPPING)).toEqual(expect.stringMatching(/✓.*paused at \d{4}-/));
  expect(lineAfter('End Experience', SHIPPING)).toEqual(expect.stringMatching(/✓.*ended at \d{4}-/));
  expect(lineAfter('Zaps', 'Experience Paused', 'Any Experience Event')).toEqual(expect.stringMatching(/Slack.*Jane Doe paused the Shipping Test/));
  expect(lineAfter('Zaps', 'Experience Ended', 'Any Experience Event')).toEqual(expect.stringMatching(/Slack.*Jane Doe ended the Shipping Test/));
  expect(lineAfter('✗', 'history says why')).toEqual(expect.stringMatching(/Reason.*refused to pause.*Shipping Test.*ended.*HTTP 400/));
});

it('ends the winning test on its winner, asking for its prices', () => {
  expect(lineAfter('✓', 'ended at')).toEqual(expect.stringMatching(/Winner\s+\$75 threshold, price update requested/));
});

it('shows the winner’s results as the Slack summary and one Sheets row per variation, then one daily-results poll', () => {
  expect(linesWith('Slack', SHIPPING, '$75 threshold leads on revenue per visitor', 'probability to beat control')).toHaveLength(1);
  // Intelligems' verdict in words on the Slack line, never its key (strong_win).
  expect(linesWith('Slack', '$75 threshold leads', /Intelligems: [a-z]+ [a-z]+/)).toHaveLength(1);
  const header = output.split('\n').findIndex((line) => line.includes('Sheets') && line.includes('P(beat control)'));
  expect(header).toBeGreaterThan(0);
  const rows = output.split('\n').slice(header + 1, header + 4);
  expect(rows.map((row) => row.trim().split(' │ ')[0])).toEqual(['$100 threshold', '$75 threshold', 'Flat $4.99']);
  expect(linesWith(/\d+ rows for today, one per running experiment/)).toHaveLength(1);
  expect(linesWith('Row', /:\d{4}-\d\d-\d\d/).length).toBeGreaterThan(0);
  expect(linesWith('second poll the same day returns the same rows')).toHaveLength(1);
});

it('finds an experience by name', () => {
  expect(lineAfter('Find Experience', 'free shipping threshold')).toEqual(expect.stringMatching(/✓ Found 1:.*Free shipping threshold/));
  expect(linesWith('Fields', 'Shipping Test', 'ended')).not.toHaveLength(0);
});

it('explains the retries in words, without arrows or an "n of n" count', () => {
  expect(output).toMatch(/up to 5 attempts/);
  expect(output).toMatch(/ran once, on attempt 3/);
  expect(output).not.toContain('←');
  expect(output).not.toMatch(/attempt \d of \d/);
  expect(linesWith('7 webhooks removed', /lists 0/)).toHaveLength(1);
});
