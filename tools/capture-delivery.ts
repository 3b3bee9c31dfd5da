/**
 * `npm run capture-delivery`: one signed delivery from the sandbox, in the file `npm run inspect-delivery` reads.
 * It starts the sandbox on a free port, subscribes a webhook (a fresh secret) to a receiver of its own on another free
 * port, renames an experience (an `updateExperience` event), and writes what the receiver got, headers and raw body,
 * to captures/delivery.json (git-ignored). Then, whatever happened, it removes the webhook and stops the receiver and
 * the sandbox, so a second run starts clean and nothing is left but that file. It gives up, with exit status 1, when
 * no delivery comes within 15 s. At the end it prints the command that inspects the capture.
 *
 * A capture from Zapier itself: a "Catch Raw Hook" step shows the request's headers and its raw body; save them as
 * {"headers": {...}, "body": "<the raw body string>"} and give inspect-delivery the Zap's signing secret.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { sandboxClient } from '../sandbox/client';
import { startSandbox } from '../sandbox/start-sandbox';

export const CAPTURE_FILE = path.join('captures', 'delivery.json');
/** The capture's signing secret, beside it and never printed: a secret goes in no output, even a throwaway one. */
export const SECRET_FILE = path.join('captures', 'delivery.secret');
export const GIVE_UP_AFTER_MS = 15_000;
export const EXIT = { captured: 0, noDelivery: 1, failed: 2 } as const;

export interface CaptureOptions {
  /** The folder captures/ goes in (npm runs scripts from the project root). */
  root: string;
  /** How long to wait for the delivery. */
  timeoutMs?: number;
  out?: (line: string) => void;
  /** Tests only: subscribe but cause no event, so no delivery can come (the give-up path, without a race). */
  causeNoEvent?: boolean;
}

export interface CaptureResult {
  exitCode: number;
  /** The file written, relative to root. */
  file?: string;
  secret?: string;
  /** Whether the webhook was removed from the sandbox before it stopped. */
  unsubscribed: boolean;
}

interface Captured {
  headers: IncomingHttpHeaders;
  body: string;
}

function startReceiver(): Promise<{ server: Server; url: string; delivery: Promise<Captured> }> {
  let received!: (capture: Captured) => void;
  const delivery = new Promise<Captured>((resolve) => (received = resolve));
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      res.writeHead(200).end();
      received({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, delivery }));
  });
}

/** The delivery, or null once `ms` have passed; the timer never outlives the wait. */
function within<T>(promise: Promise<T>, ms: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const giveUp = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ms)));
  return Promise.race([promise, giveUp]).finally(() => clearTimeout(timer));
}

export async function captureDelivery(options: CaptureOptions): Promise<CaptureResult> {
  const out = options.out ?? ((line: string) => console.log(line));
  const timeoutMs = options.timeoutMs ?? GIVE_UP_AFTER_MS;
  const secret = `capture-${randomBytes(16).toString('hex')}`;
  // No retries within the wait: one attempt is all a capture needs, and nothing is left pending at the end.
  const sandbox = await startSandbox({ port: 0, rateLimit: false, retryDelaysMs: [60_000], log: () => undefined });
  let receiver: Awaited<ReturnType<typeof startReceiver>> | undefined;
  let webhookId: string | undefined;
  let unsubscribed = false;
  try {
    receiver = await startReceiver();
    const call = sandboxClient(sandbox);
    out(`Sandbox on ${sandbox.url}; receiver on ${receiver.url}`);
    const created = (await call.ok('POST', '/webhooks', { url: receiver.url, events: ['updateExperience'], secret })) as { webhook: { id: string } };
    webhookId = created.webhook.id;
    if (!options.causeNoEvent) {
      const listed = (await call.ok('GET', '/experiences-list?limit=1')) as { experiencesList: Array<{ id: string }> };
      const [experience] = listed.experiencesList;
      if (experience === undefined) throw new Error('The sandbox lists no experience to change.');
      await call.ok('PUT', `/experiences/${experience.id}`, { name: 'Renamed for a capture' });
      out(`Renamed the experience ${experience.id} (an updateExperience event); waiting for the delivery…`);
    }
    const captured = await within(receiver.delivery, timeoutMs);
    if (captured === null) {
      out(`No delivery came within ${timeoutMs / 1000} s, so nothing was written. Giving up; the webhook and the sandbox are removed.`);
      return { exitCode: EXIT.noDelivery, unsubscribed: await unsubscribe() };
    }
    const file = path.join(options.root, CAPTURE_FILE);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify({ headers: captured.headers, body: captured.body }, null, 2)}\n`);
    writeFileSync(path.join(options.root, SECRET_FILE), `${secret}\n`, { mode: 0o600 });
    unsubscribed = await unsubscribe();
    out(`Captured one signed delivery in ${CAPTURE_FILE}. Inspect it with:`);
    out(`  INTELLIGEMS_SIGNING_SECRET="$(cat ${SECRET_FILE})" npm run -s inspect-delivery -- ${CAPTURE_FILE}`);
    return { exitCode: EXIT.captured, file: CAPTURE_FILE, secret, unsubscribed };
  } finally {
    if (!unsubscribed) await unsubscribe().catch(() => false);
    await sandbox.close();
    if (receiver) await new Promise<void>((resolve) => receiver!.server.close(() => resolve()));
  }

  async function unsubscribe(): Promise<boolean> {
    if (webhookId === undefined || unsubscribed) return unsubscribed;
    const answer = await sandboxClient(sandbox)('DELETE', `/webhooks/${webhookId}`);
    unsubscribed = answer.status === 204 || answer.status === 200 || answer.status === 404;
    return unsubscribed;
  }
}

if (require.main === module) {
  captureDelivery({ root: process.cwd() }).then(
    (result) => process.exit(result.exitCode),
    (error: unknown) => {
      console.error(`The capture failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(EXIT.failed);
    },
  );
}
