/**
 * `npm run capture-delivery` against its own sandbox: the capture is a file inspect-delivery accepts, a second run
 * leaves nothing else behind, and with no delivery it gives up with exit 1. The give-up case causes no event, so no
 * delivery can come: its short wait cannot race anything.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import nock from 'nock';
import { CAPTURE_FILE, captureDelivery, EXIT, SECRET_FILE } from '../../tools/capture-delivery';
import { EXIT as INSPECT_EXIT, inspectDelivery } from '../../tools/inspect-delivery';

let root: string;
beforeAll(() => nock.restore());
beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'capture-delivery-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** Every file under a folder, relative to it. */
const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(path.join(dir, entry.name)).map((f) => path.join(entry.name, f)) : [entry.name],
  );

it('captures one signed delivery that inspect-delivery accepts, and prints the command that inspects it', async () => {
  const lines: string[] = [];
  const result = await captureDelivery({ root, out: (line) => lines.push(line) });
  expect(result).toMatchObject({ exitCode: EXIT.captured, file: CAPTURE_FILE, unsubscribed: true });
  const capture = JSON.parse(readFileSync(path.join(root, CAPTURE_FILE), 'utf8'));
  expect(Object.keys(capture).sort()).toEqual(['body', 'headers']);
  expect(typeof capture.body).toBe('string');
  expect(JSON.parse(capture.body).action).toBe('updateExperience');
  expect(lines.join('\n')).toContain(`INTELLIGEMS_SIGNING_SECRET="$(cat ${SECRET_FILE})" npm run -s inspect-delivery -- ${CAPTURE_FILE}`);
  expect(lines.join('\n')).not.toContain(result.secret);
  expect(readFileSync(path.join(root, SECRET_FILE), 'utf8').trim()).toBe(result.secret);

  let out = '';
  const code = inspectDelivery(['--secret', result.secret!, path.join(root, CAPTURE_FILE)], {
    readFile: (file) => readFileSync(file, 'utf8'),
    out: (text) => (out += text),
    err: (text) => (out += text),
    env: {},
  });
  expect({ code, out: code === INSPECT_EXIT.runs ? '' : out }).toEqual({ code: INSPECT_EXIT.runs, out: '' });
}, 30_000);

it('run twice, leaves nothing behind but the capture and its secret, both git-ignored', async () => {
  for (let run = 0; run < 2; run++)
    expect(await captureDelivery({ root, out: () => undefined })).toMatchObject({ exitCode: EXIT.captured, unsubscribed: true });
  expect(filesUnder(root).sort()).toEqual([CAPTURE_FILE, SECRET_FILE].sort());
}, 30_000);

it('gives up with exit 1 and a clear message when no delivery comes, writing nothing and still removing the webhook', async () => {
  const lines: string[] = [];
  const result = await captureDelivery({ root, timeoutMs: 200, causeNoEvent: true, out: (line) => lines.push(line) });
  expect(result).toMatchObject({ exitCode: EXIT.noDelivery, unsubscribed: true });
  expect(lines.join('\n')).toMatch(/No delivery came within 0\.2 s, so nothing was written/);
  expect(filesUnder(root)).toEqual([]);
}, 30_000);
