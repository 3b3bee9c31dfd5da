/**
 * Signed deliveries per second from the sandbox to a local receiver that answers 200 at once: W subscriptions to
 * `updateExperience`, E updates through the sandbox's API, timed until every delivery has settled.
 */
import { sandboxClient } from '../sandbox/client';
import { startSandbox } from '../sandbox/start-sandbox';
import { verifySignature } from '../src/webhook/signature';
import { startLocalServer } from './local-server';

const SECRET = 'bench-sandbox-signing-secret-0123456789abcdef';

export async function sandboxDeliveriesPerSecond(webhooks: number, events: number): Promise<{ perSecond: number; deliveries: number; ms: number }> {
  const received: Array<{ body: string; signature: string | undefined }> = [];
  const receiver = await startLocalServer((req, body, res) => {
    received.push({ body, signature: req.headers['x-intelligems-signature'] as string | undefined });
    res.writeHead(200).end();
  });
  const sandbox = await startSandbox({ port: 0, rateLimit: false, retryDelaysMs: [1_000] });
  try {
    const api = sandboxClient(sandbox).ok;
    for (let i = 0; i < webhooks; i++) await api('POST', '/webhooks', { url: `${receiver.url}/hook/${i}`, events: ['updateExperience'], secret: SECRET });
    const { experiencesList } = await api('GET', '/experiences-list?limit=1');
    const id = experiencesList[0].id as string;

    const started = process.hrtime.bigint();
    for (let e = 0; e < events; e++) await api('PUT', `/experiences/${encodeURIComponent(id)}`, { name: `Bench update ${e}` });
    await sandbox.settled();
    const ms = Number(process.hrtime.bigint() - started) / 1e6;

    const expected = webhooks * events;
    if (received.length !== expected) throw new Error(`expected ${expected} deliveries, the receiver got ${received.length}`);
    const forged = received.filter((d) => !verifySignature(d.body, d.signature, [SECRET]).ok).length;
    if (forged > 0) throw new Error(`${forged} deliveries were not correctly signed`);
    return { perSecond: expected / (ms / 1000), deliveries: expected, ms };
  } finally {
    await sandbox.close();
    await receiver.close();
  }
}
