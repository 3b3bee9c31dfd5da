/** `npm run sandbox` as a process: one line once listening, a working API behind it, a clean stop on SIGINT/SIGTERM. */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import nock from 'nock';

const MAIN = path.join(__dirname, '../../dist/sandbox/main.js');

beforeAll(() => nock.restore()); // real HTTP on loopback: nothing in between

// A failed assertion must not leave a sandbox running: its open pipes would keep jest from exiting.
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

function startMain(env: Record<string, string>): Promise<{ child: ChildProcess; firstLine: string }> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` first (npm test does).`);
  const child = spawn(process.execPath, [MAIN], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes('\n')) resolve({ child, firstLine: stdout.split('\n')[0] });
    });
    child.once('exit', (code) => reject(new Error(`main exited with ${code} before listening`)));
  });
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

it.each(['SIGINT', 'SIGTERM'] as const)('prints one line with the bound port, serves the API, and exits 0 on %s', async (signal) => {
  const { child, firstLine } = await startMain({ PORT: '0', HOST: '127.0.0.1', SANDBOX_API_KEY: 'ig_main_test' });
  const match = /^Intelligems sandbox listening on (http:\/\/127\.0\.0\.1:(\d+))$/.exec(firstLine);
  expect(match).not.toBeNull();
  expect(Number(match![2])).toBeGreaterThan(0);
  const answer = await fetch(`${match![1]}/v25-10-beta/experiences-list?limit=1`, { headers: { 'intelligems-access-token': 'ig_main_test' } });
  expect(answer.status).toBe(200);
  const exited = exitOf(child);
  child.kill(signal);
  expect(await exited).toBe(0);
});

it('SANDBOX_WEBHOOK_API=off: says so on its line, and every /webhooks path answers 404', async () => {
  const { child, firstLine } = await startMain({ PORT: '0', HOST: '127.0.0.1', SANDBOX_API_KEY: 'ig_main_test', SANDBOX_WEBHOOK_API: 'off' });
  const match = /^Intelligems sandbox listening on (http:\/\/127\.0\.0\.1:\d+) \(published API only: \/webhooks answers 404\)$/.exec(firstLine);
  expect(match).not.toBeNull();
  const headers = { 'intelligems-access-token': 'ig_main_test' };
  expect((await fetch(`${match![1]}/v25-10-beta/webhooks`, { headers })).status).toBe(404);
  expect((await fetch(`${match![1]}/v25-10-beta/experiences-list?limit=1`, { headers })).status).toBe(200);
  const exited = exitOf(child);
  child.kill('SIGTERM');
  expect(await exited).toBe(0);
});

it('refuses a malformed setting with a message naming the variable, and exit code 1', async () => {
  const child = spawn(process.execPath, [MAIN], { env: { ...process.env, PORT: '0', SANDBOX_RETRY_DELAYS_MS: '100,soon' }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  expect(await exitOf(child)).toBe(1);
  expect(stderr).toContain('SANDBOX_RETRY_DELAYS_MS must be a comma list of whole milliseconds');
});
