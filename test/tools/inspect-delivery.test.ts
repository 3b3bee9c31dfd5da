/**
 * `npm run inspect-delivery`: deliveries captured from a real sandbox on loopback (what it sends to a receiver,
 * headers and bytes as they arrived), fed to the tool in-process and as the compiled script. It must agree with what
 * a Zap does, report test deliveries as such, and never print a secret.
 */
import { execFile, execFileSync } from 'node:child_process';
import { closeSync, existsSync, ftruncateSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import nock from 'nock';
import { NEW_EXPERIENCE, sandboxClient } from '../../sandbox/client';
import { startSandbox, type RunningSandbox } from '../../sandbox/start-sandbox';
import { sign } from '../../src/webhook/signature';
import { EXIT, inspectDelivery, SECRET_ENV } from '../../tools/inspect-delivery';
import { App, appTester } from '../helpers/app-tester';
import { hookBundle, signedRequest } from '../helpers/signed-delivery';
import { startScriptedReceiver, type ReceivedRequest, type ScriptedReceiver } from '../helpers/scripted-receiver';

const SECRET = 'inspect-delivery-secret-0123456789abcdef';
const OTHER_SECRET = 'some-other-secret-0123456789abcdef';
const ROOT = path.join(__dirname, '../..');

let sandbox: RunningSandbox;
let receiver: ScriptedReceiver;
let call: ReturnType<typeof sandboxClient>;
let webhookId: string;
let dir: string;
/** The sandbox's delivery of a real start, and of its "test the webhook" sample, as captured files. */
let startFile: string;
let testFile: string;
let startRequest: ReceivedRequest;

beforeAll(async () => {
  nock.restore();
  dir = mkdtempSync(path.join(tmpdir(), 'inspect-delivery-'));
  sandbox = await startSandbox({ port: 0, rateLimit: false, retryDelaysMs: [20], deliveryTimeoutMs: 2_000 });
  receiver = await startScriptedReceiver([200]);
  call = sandboxClient(sandbox);
  webhookId = (await call.ok('POST', '/webhooks', { url: receiver.url, events: ['startExperience'], secret: SECRET })).webhook.id;

  const created = (await call.ok('POST', '/experiences', NEW_EXPERIENCE)).experience;
  await call.ok('POST', `/experiences/${created.id}/actions/start`);
  [startRequest] = await receiver.waitForRequests(1);
  startFile = capture('start.json', startRequest);

  await call.ok('POST', `/webhooks/${webhookId}/test`);
  const [, testRequest] = await receiver.waitForRequests(2);
  testFile = capture('test.json', testRequest);
});
afterAll(async () => {
  await sandbox.close();
  await receiver.close();
  rmSync(dir, { recursive: true, force: true });
});

/** What someone who captured the request would save: its headers and the raw body string. */
function capture(name: string, request: ReceivedRequest): string {
  const file = path.join(dir, name);
  writeFileSync(file, JSON.stringify({ headers: request.headers, body: request.body }, null, 2));
  return file;
}

function run(args: string[], env: Record<string, string | undefined> = {}) {
  let out = '';
  let err = '';
  const code = inspectDelivery(args, { readFile: (file) => readFileSync(file, 'utf8'), out: (text) => (out += text), err: (text) => (err += text), env });
  // Whatever happened, no secret given is ever printed.
  for (const text of [out, err]) {
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(OTHER_SECRET);
  }
  return { code, out, err };
}

describe('a captured sandbox delivery', () => {
  it('would run: every check passes, the fields are found where the assumed contract puts them, and the item is shown', () => {
    const { code, out } = run(['--secret', SECRET, startFile]);
    expect(code).toBe(EXIT.runs);
    for (const check of ['body', 'secret', 'signature', 'json', 'fields', 'timestamp', 'event', 'test']) expect(out).toMatch(new RegExp(`✓ ${check} `));
    expect(out).toContain('experience_name       at experience.name');
    expect(out).toContain('shop                  at organization.shopId');
    expect(out).toContain('"summary": "Jane Doe started the Shipping Test “Free shipping over $50” on acme-outdoors.myshopify.com."');
    expect(out).toMatch(/Result: a Zap running for any experience event would run on this delivery \(exit 0\)/);
  });

  it('--json: accepted, the checks, and the item a Zap would get', () => {
    const { code, out } = run(['--json', '--secret', SECRET, startFile]);
    expect(code).toBe(EXIT.runs);
    const report = JSON.parse(out.trim().split('\n').at(-1)!);
    expect(Object.keys(report)).toEqual(['accepted', 'checks', 'item', 'notes']);
    expect(report.notes).toEqual([]);
    expect(report.accepted).toBe(true);
    expect(report.checks.every((check: { name: string; ok: boolean; detail: string }) => check.ok && typeof check.detail === 'string')).toBe(true);
    expect(report.item).toMatchObject({ action: 'startExperience', experience_name: 'Free shipping over $50', raw: JSON.parse(startRequest.body) });
  });

  it("text and --json give every check the same detail (the pipeline's own words)", () => {
    const text = run(['--secret', SECRET, startFile]).out;
    const { checks } = JSON.parse(run(['--json', '--secret', SECRET, startFile]).out);
    expect(checks.map((check: { name: string }) => check.name)).toContain('fields');
    for (const check of checks) expect(text).toContain(`✓ ${check.name.padEnd('signature'.length)}  ${check.detail}\n`);
  });

  it('with the wrong secret, would not run: the signature check fails, and neither secret is printed', () => {
    const { code, out } = run(['--secret', OTHER_SECRET, startFile]);
    expect(code).toBe(EXIT.doesNotRun);
    expect(out).toMatch(/✗ signature +Ignored a delivery whose X-Intelligems-Signature does not match/);
    expect(out).toContain('Result: no Zap would run on this delivery (exit 1): the signature check failed.');
    // The signature the given secret would have made is never told: it would let anyone forge with it.
    expect(out).not.toContain(sign(OTHER_SECRET, startRequest.body));
  });

  it('several secrets: one that matches is enough (a rotated secret)', () => {
    expect(run(['--secret', OTHER_SECRET, '--secret', SECRET, startFile]).code).toBe(EXIT.runs);
  });

  it('the secret may come from the environment instead', () => {
    expect(run([startFile], { [SECRET_ENV]: SECRET }).code).toBe(EXIT.runs);
  });

  it('a Zap for another event would not run on it', () => {
    const { code, out } = run(['--secret', SECRET, '--event', 'experience.paused', startFile]);
    expect(code).toBe(EXIT.doesNotRun);
    expect(out).toMatch(/✗ event +startExperience \(from action\): this Zap runs for pauseExperience/);
  });

  it('a body altered after capture would not run', () => {
    const captured = JSON.parse(readFileSync(startFile, 'utf8'));
    const altered = path.join(dir, 'altered.json');
    writeFileSync(altered, JSON.stringify({ ...captured, body: captured.body.replace('Jane Doe', 'Mallory') }));
    expect(run(['--secret', SECRET, altered]).code).toBe(EXIT.doesNotRun);
  });

  it('the raw body alone, with --signature, is the same delivery', () => {
    const raw = path.join(dir, 'raw.json');
    writeFileSync(raw, startRequest.body);
    const signature = startRequest.headers['x-intelligems-signature'] as string;
    const { code, out } = run(['--secret', SECRET, '--signature', signature, raw]);
    expect(code).toBe(EXIT.runs);
    expect(out).toContain('as the raw body, with the signature from --signature');
  });

  it('a raw body saved with an editor’s final newline: would not run as it stands, and the tool says why', () => {
    const raw = path.join(dir, 'raw-newline.json');
    writeFileSync(raw, `${startRequest.body}\n`);
    const { code, out } = run(['--secret', SECRET, '--signature', startRequest.headers['x-intelligems-signature'] as string, raw]);
    expect(code).toBe(EXIT.doesNotRun);
    expect(out).toContain('The signature matches the file without its final newline');
  });
});

describe('the sandbox’s test delivery (POST /webhooks/{id}/test)', () => {
  it('is reported as a test delivery: no Zap runs on it', () => {
    const { code, out } = run(['--secret', SECRET, testFile]);
    expect(code).toBe(EXIT.doesNotRun);
    expect(out).toMatch(/✗ test +a test delivery \(“test”: true\): a live Zap ignores it/);
    expect(out).toContain('This is a TEST delivery');
    expect(out).toContain('Result: no Zap runs on a test delivery (exit 1).');
  });

  it('--json: not accepted, the test check failed, no item', () => {
    const report = JSON.parse(run(['--json', '--secret', SECRET, testFile]).out);
    expect(report).toMatchObject({ accepted: false, item: null });
    expect(report.checks.at(-1)).toMatchObject({ name: 'test', ok: false });
  });
});

describe('usage errors (exit 2), each saying what to do', () => {
  it.each<[string, string[], RegExp]>([
    ['no file', ['--secret', SECRET], /Which file\?/],
    ['a missing file', ['--secret', SECRET, '/nonexistent/delivery.json'], /Cannot read \/nonexistent\/delivery\.json: there is no such file/],
    ['no secret', ['FILE'], /Give the signing secret: set INTELLIGEMS_SIGNING_SECRET or authData_webhookSecret \(environment or \.env\), or use --secret/],
    ['an option without its value', ['--secret'], /--secret needs a value/],
    ['an unknown option', ['--secret', SECRET, '--verbose', 'FILE'], /Unknown option --verbose/],
    ['an unknown event', ['--secret', SECRET, '--event', 'archiveExperience', 'FILE'], /The --event “archiveExperience” is not an experience event/],
  ])('%s', (_name, args, message) => {
    const { code, out, err } = run(args.map((arg) => (arg === 'FILE' ? startFile : arg)));
    expect(code).toBe(EXIT.usage);
    expect(out).toBe('');
    expect(err).toMatch(message);
    expect(err).toContain(`Usage: ${SECRET_ENV}=<the secret> npm run -s inspect-delivery -- `);
  });

  it('a raw body without --signature', () => {
    const raw = path.join(dir, 'unsigned-raw.json');
    writeFileSync(raw, startRequest.body);
    const { code, err } = run(['--secret', SECRET, raw]);
    expect(code).toBe(EXIT.usage);
    expect(err).toMatch(/it is read as the raw body: give its X-Intelligems-Signature value with --signature/);
  });
});

describe('a secret given the wrong way is never printed', () => {
  const TYPED = 'TOPSECRETVALUE1234';

  it.each<[string, string[], Record<string, string>, RegExp]>([
    ['as the value of an unknown option', [`--sekret=${TYPED}`, 'FILE'], { [SECRET_ENV]: SECRET }, /Unknown option --sekret\./],
    ['glued to a dash', [`-${TYPED}`, 'FILE'], { [SECRET_ENV]: SECRET }, /An argument this tool does not know \(not repeated here/],
    ['as an unknown option', [`--${TYPED}`, 'FILE'], { [SECRET_ENV]: SECRET }, /An argument this tool does not know \(not repeated here/],
    ['where the FILE goes', [TYPED], { [SECRET_ENV]: SECRET }, /Cannot read the FILE given: there is no such file\. Its name is not repeated here/],
    ['where the FILE goes, after --secret', ['--secret', TYPED], {}, /Which file\?/],
    ['as a second FILE', ['FILE', TYPED], { [SECRET_ENV]: SECRET }, /Give one FILE, not 2\./],
    ['as a value to --json', [`--json=${TYPED}`, 'FILE'], { [SECRET_ENV]: SECRET }, /--json takes no value\./],
  ])('%s: a usage error that names the mistake, not the value', (_how, args, env, message) => {
    const { code, out, err } = run(
      args.map((arg) => (arg === 'FILE' ? startFile : arg)),
      env,
    );
    expect(code).toBe(EXIT.usage);
    expect(err).toMatch(message);
    expect(out + err).not.toContain(TYPED);
    expect(out + err).not.toContain(TYPED.slice(3, 12));
    // The usage text leads with the form that keeps the secret off the command line.
    expect(err).toMatch(new RegExp(`Usage: ${SECRET_ENV}=<the secret> npm run -s inspect-delivery -- `));
  });

  it('--secret=VALUE and --signature=VALUE are read as values', () => {
    const raw = path.join(dir, 'raw-equals.json');
    writeFileSync(raw, startRequest.body);
    expect(run([`--secret=${SECRET}`, startFile]).code).toBe(EXIT.runs);
    expect(run([`--secret=${SECRET}`, `--signature=${String(startRequest.headers['x-intelligems-signature'])}`, raw]).code).toBe(EXIT.runs);
  });
});

describe('secrets are read as the trigger reads them', () => {
  const SHORT = 'short-secret-9'; // 14 characters: an account secret the trigger ignores
  const triggers = App.triggers as Record<string, any>;
  /** A delivery signed with `secret`, saved as a capture, and the same delivery as Zapier hands it to perform. */
  function signedWith(secret: string, name: string) {
    const request = signedRequest({ secret });
    const file = path.join(dir, name);
    writeFileSync(file, JSON.stringify({ headers: request.headers, body: request.content }));
    const perform = (overrides: Record<string, unknown>) =>
      appTester(triggers.experience_event.operation.perform, hookBundle(request, overrides), true) as Promise<unknown[]>;
    return { file, perform };
  }

  it('a secret pasted with spaces or a line break is trimmed, as the trigger trims the account secret', async () => {
    const padded = `  ${SECRET}\n`;
    const { file, perform } = signedWith(SECRET, 'padded.json');
    expect(await perform({ authData: { apiKey: 'ig_key', webhookSecret: padded }, subscribeData: { id: 'wh_1', events: ['startExperience'] } })).toHaveLength(
      1,
    );
    expect(run(['--secret', padded, file]).code).toBe(EXIT.runs);
    expect(run([file], { [SECRET_ENV]: padded }).code).toBe(EXIT.runs);
    expect(run(['--secret', '  \n', file]).err).toMatch(/The secret given is blank/);
  });

  it('a secret shorter than 16 characters: checked as a Zap’s own secret would be, and the report says a Zap ignores it as the account secret', async () => {
    jest.spyOn(console, 'log').mockImplementation(() => undefined);
    const { file, perform } = signedWith(SHORT, 'short.json');
    // The trigger: as the subscription secret it is used as stored; as the account secret it is ignored.
    expect(await perform({ subscribeData: { id: 'wh_1', secret: SHORT, events: ['startExperience'] } })).toHaveLength(1);
    await expect(perform({ authData: { apiKey: 'ig_key', webhookSecret: SHORT }, subscribeData: { id: 'wh_1', events: ['startExperience'] } })).rejects.toThrow(
      /no signing secret/,
    );

    const { code, out } = run(['--secret', SHORT, file]);
    expect(code).toBe(EXIT.runs);
    expect(out).toContain('A secret given has 14 characters, fewer than 16: a Zap ignores a Webhook Signing Secret that short');
    expect(out).toContain(
      'Only a secret shorter than 16 characters matches this delivery: a Zap runs on it only if that is the Zap’s own subscription secret.',
    );
    expect(out).not.toContain(SHORT);
    const json = JSON.parse(run(['--json', '--secret', SHORT, file]).out);
    expect(json.notes).toEqual([
      expect.stringContaining('A secret given has 14 characters'),
      expect.stringContaining('Only a secret shorter than 16 characters matches'),
    ]);
    // A long secret that matches needs no such warning about the result.
    const both = run(['--secret', SHORT, '--secret', SECRET, startFile]).out;
    expect(both).toContain('A secret given has 14 characters');
    expect(both).not.toContain('Only a secret shorter');
  });
});

describe('the compiled script (what npm run inspect-delivery runs)', () => {
  const script = path.join(ROOT, 'dist/tools/inspect-delivery.js');
  // From a folder without .env unless a test writes one: a developer's own .env must not change these runs.
  const cwd = mkdtempSync(path.join(tmpdir(), 'inspect-delivery-cwd-'));
  afterAll(() => rmSync(cwd, { recursive: true, force: true }));
  const exec = (args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, [script, ...args], { cwd, env: { ...process.env, [SECRET_ENV]: '', authData_webhookSecret: '' } }, (error, stdout, stderr) => {
        resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
      });
    });

  it('reads the secret from .env in the current directory (authData_webhookSecret, as zapier-platform invoke names it)', async () => {
    writeFileSync(path.join(cwd, '.env'), `authData_webhookSecret=${SECRET}\n`);
    try {
      expect((await exec([startFile])).code).toBe(0);
    } finally {
      rmSync(path.join(cwd, '.env'));
    }
  });

  it('refuses a FIFO at once (exit 2) instead of waiting for a writer that never comes', async () => {
    const fifo = path.join(cwd, 'delivery.json');
    execFileSync('mkfifo', [fifo]);
    try {
      const refused = await exec(['--secret', SECRET, fifo]);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain('is not a regular file');
    } finally {
      rmSync(fifo);
    }
  });

  it.each(['/dev/zero', '/dev/stdin'].filter((device) => existsSync(device)))('refuses an endless stream (%s) at once, exit 2', async (device) => {
    const refused = await exec(['--secret', SECRET, device]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('is not a regular file');
  });

  it('refuses a file over 10 MB without reading it (a sparse file of 11 MB), exit 2', async () => {
    const large = path.join(cwd, 'large.json');
    const fd = openSync(large, 'w');
    ftruncateSync(fd, 11 * 1024 * 1024);
    closeSync(fd);
    try {
      const refused = await exec(['--secret', SECRET, large]);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain('larger than 10 MB');
    } finally {
      rmSync(large);
    }
  });

  it('exits 0, 1 and 2 as it says, and --json is the last line', async () => {
    const ok = await exec(['--json', '--secret', SECRET, startFile]);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout.trim().split('\n').at(-1)!).accepted).toBe(true);
    expect((await exec(['--secret', SECRET, testFile])).code).toBe(1);
    const usage = await exec([startFile]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('Usage:');
  });
});
