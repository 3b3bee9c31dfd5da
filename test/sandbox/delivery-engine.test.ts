/**
 * Webhook delivery as Intelligems documents it, over real HTTP on loopback: signed contract bodies, retries with
 * identical bytes, the delivery log, redeliver, the timeout, redirects as failures, and no head-of-line blocking.
 */
import nock from 'nock';
import { DELIVERY_HEADERS, DELIVERY_USER_AGENT, deliveryBodySchema } from '../../src/contract/assumed';
import { sign } from '../../src/webhook/signature';
import {
  MAX_ATTEMPTS,
  MAX_KEPT_BODY_CHARS,
  MAX_LOGGED_ATTEMPTS,
  MAX_LOGGED_DELIVERIES,
  RETRY_JITTER,
  type DeliveryRecord,
} from '../../sandbox/delivery/delivery-engine';
import { startSandbox, type RunningSandbox } from '../../sandbox/start-sandbox';
import { NEW_EXPERIENCE, sandboxClient } from '../../sandbox/client';
import { startScriptedReceiver, type Reply, type ScriptedReceiver } from '../helpers/scripted-receiver';

const SECRET = 'test-secret-0123456789abcdef0123456789';
const DELAYS = [20, 40, 60, 80];
// Generous, so a receiver that answers always answers within it on a busy machine; only a receiver that never answers
// reaches it (one test waits for it once).
const TIMEOUT_MS = 2_000;

let sandbox: RunningSandbox;
let call: ReturnType<typeof sandboxClient>;
const receivers: ScriptedReceiver[] = [];

beforeAll(async () => {
  nock.restore();
  sandbox = await startSandbox({ port: 0, rateLimit: false, retryDelaysMs: DELAYS, deliveryTimeoutMs: TIMEOUT_MS });
  call = sandboxClient(sandbox);
});
afterAll(async () => {
  await sandbox.close();
  await Promise.all(receivers.map((r) => r.close()));
});

async function receiver(script: Reply[]): Promise<ScriptedReceiver> {
  const started = await startScriptedReceiver(script);
  receivers.push(started);
  return started;
}

async function subscribe(url: string, events: string[] = ['startExperience']): Promise<string> {
  const answer = await call('POST', '/webhooks', { body: { url, events, secret: SECRET } });
  expect(answer.status).toBe(201);
  return answer.body.webhook.id;
}

/** Starts a fresh experience, which emits one startExperience. */
async function startAnExperience(): Promise<string> {
  const created = await call('POST', '/experiences', { body: NEW_EXPERIENCE });
  await call('POST', `/experiences/${created.body.experience.id}/actions/start`);
  return created.body.experience.id;
}

async function deliveries(webhookId: string) {
  const answer = await call('GET', `/webhooks/${webhookId}/deliveries`);
  expect(answer.status).toBe(200);
  return answer.body.deliveries as Array<{
    id: string;
    event: string;
    state: string;
    attempts: Array<{ at: number; statusCode: number | null; error: string | null; durationMs: number }>;
  }>;
}

async function unsubscribe(webhookId: string): Promise<void> {
  await call('DELETE', `/webhooks/${webhookId}`);
}

it('delivers the contract body and headers, signed over the exact bytes', async () => {
  const hook = await receiver([200]);
  const webhookId = await subscribe(hook.url);
  const experienceId = await startAnExperience();
  const [request] = await hook.waitForRequests(1);
  await sandbox.settled();

  expect(request.headers['content-type']).toBe('application/json');
  expect(request.headers['user-agent']).toBe(DELIVERY_USER_AGENT);
  expect(request.headers[DELIVERY_HEADERS.event.toLowerCase()]).toBe('startExperience');
  expect(request.headers[DELIVERY_HEADERS.signature.toLowerCase()]).toBe(sign(SECRET, request.body));
  const body = deliveryBodySchema.parse(JSON.parse(request.body));
  expect(body).toMatchObject({
    action: 'startExperience',
    experience: { id: experienceId, status: 'started' },
    organization: sandbox.organization,
    triggeredBy: { email: 'jane@acme.example', name: 'Jane Doe' },
  });
  expect(body.timestamp).toBe(body.experience.startedAtTs);

  const [logged] = await deliveries(webhookId);
  expect(logged).toMatchObject({ id: request.headers[DELIVERY_HEADERS.delivery.toLowerCase()], event: 'startExperience', state: 'delivered' });
  expect(logged.attempts).toEqual([{ at: expect.any(Number), statusCode: 200, error: null, durationMs: expect.any(Number) }]);
  await unsubscribe(webhookId);
});

it('sends an event only to subscriptions that asked for it', async () => {
  const starts = await receiver([200]);
  const creates = await receiver([200]);
  const startHook = await subscribe(starts.url, ['startExperience']);
  const createHook = await subscribe(creates.url, ['createExperience']);
  await startAnExperience();
  await sandbox.settled();
  expect(starts.requests.map((r) => JSON.parse(r.body).action)).toEqual(['startExperience']);
  expect(creates.requests.map((r) => JSON.parse(r.body).action)).toEqual(['createExperience']);
  await unsubscribe(startHook);
  await unsubscribe(createHook);
});

it('retries a receiver that fails twice: exactly three attempts, identical bytes, signature and delivery id, then delivered', async () => {
  const hook = await receiver([500, 503, 200]);
  const webhookId = await subscribe(hook.url);
  await startAnExperience();
  await hook.waitForRequests(3);
  await sandbox.settled();

  expect(hook.requests).toHaveLength(3);
  const [first, ...rest] = hook.requests;
  for (const retry of rest) {
    expect(retry.body).toBe(first.body);
    for (const header of [DELIVERY_HEADERS.signature, DELIVERY_HEADERS.delivery, DELIVERY_HEADERS.event]) {
      expect(retry.headers[header.toLowerCase()]).toBe(first.headers[header.toLowerCase()]);
    }
  }
  // Growing waits, each at least its configured delay shortened by the largest jitter.
  expect(hook.requests[1].at - hook.requests[0].at).toBeGreaterThanOrEqual(DELAYS[0] * (1 - RETRY_JITTER) - 5);
  expect(hook.requests[2].at - hook.requests[1].at).toBeGreaterThanOrEqual(DELAYS[1] * (1 - RETRY_JITTER) - 5);

  const [logged] = await deliveries(webhookId);
  expect(logged.state).toBe('delivered');
  expect(logged.attempts.map((a) => [a.statusCode, a.error])).toEqual([
    [500, 'HTTP 500'],
    [503, 'HTTP 503'],
    [200, null],
  ]);
  await unsubscribe(webhookId);
});

it('gives up after exactly five attempts, logs the delivery as failed, and redelivers it on request', async () => {
  const hook = await receiver([500, 500, 500, 500, 500, 200]);
  const webhookId = await subscribe(hook.url);
  await startAnExperience();
  await hook.waitForRequests(MAX_ATTEMPTS);
  await sandbox.settled();
  expect(hook.requests).toHaveLength(5);

  const [failed] = await deliveries(webhookId);
  expect(failed.state).toBe('failed');
  expect(failed.attempts).toHaveLength(5);

  const redeliver = await call('POST', `/webhooks/${webhookId}/deliveries/${failed.id}/redeliver`);
  expect(redeliver.status).toBe(202);
  expect(redeliver.body.delivery).toMatchObject({ id: failed.id, state: 'pending' });
  await hook.waitForRequests(6);
  await sandbox.settled();

  const sixth = hook.requests[5];
  expect(sixth.body).toBe(hook.requests[0].body);
  expect(sixth.headers[DELIVERY_HEADERS.delivery.toLowerCase()]).toBe(failed.id);
  expect(sixth.headers[DELIVERY_HEADERS.signature.toLowerCase()]).toBe(hook.requests[0].headers[DELIVERY_HEADERS.signature.toLowerCase()]);
  const [after] = await deliveries(webhookId);
  expect(after.state).toBe('delivered');
  expect(after.attempts).toHaveLength(6);
  expect(after.attempts[5]).toMatchObject({ statusCode: 200, error: null });
  await unsubscribe(webhookId);
});

it('refuses to redeliver an unknown delivery (404) or one still in progress (409)', async () => {
  const hook = await receiver(['hang']);
  const webhookId = await subscribe(hook.url);
  expect((await call('POST', `/webhooks/${webhookId}/deliveries/dlv_nope/redeliver`)).status).toBe(404);
  await startAnExperience();
  await hook.waitForRequests(1);
  const [pending] = await deliveries(webhookId);
  const conflict = await call('POST', `/webhooks/${webhookId}/deliveries/${pending.id}/redeliver`);
  expect(conflict.status).toBe(409);
  expect(conflict.body.message).toContain('still being delivered');
  await unsubscribe(webhookId); // stops the retries
});

it('cuts off a receiver that never answers at the timeout, as a failed attempt', async () => {
  const hook = await receiver(['hang', 200]);
  const webhookId = await subscribe(hook.url);
  await startAnExperience();
  await hook.waitForRequests(2);
  await sandbox.settled();
  const [logged] = await deliveries(webhookId);
  expect(logged.state).toBe('delivered');
  expect(logged.attempts[0]).toMatchObject({ statusCode: null, error: `no answer within ${TIMEOUT_MS} ms (timed out)` });
  expect(logged.attempts[0].durationMs).toBeGreaterThanOrEqual(TIMEOUT_MS - 5);
  // A receiver that was never cut off would hold the attempt until the test times out; a late timer on a busy machine is not a failure.
  expect(logged.attempts[0].durationMs).toBeLessThan(TIMEOUT_MS + 10_000);
  await unsubscribe(webhookId);
}, 30_000);

it('counts a 302 as a failure (redirects are not followed) and a 4xx too', async () => {
  const hook = await receiver([302, 404, 200]);
  const webhookId = await subscribe(hook.url);
  await startAnExperience();
  await hook.waitForRequests(3);
  await sandbox.settled();
  const [logged] = await deliveries(webhookId);
  expect(logged.attempts.map((a) => a.statusCode)).toEqual([302, 404, 200]);
  expect(logged.attempts[0].error).toMatch(/^HTTP 302: redirects are not followed/);
  expect(logged.state).toBe('delivered');
  await unsubscribe(webhookId);
});

it('counts a refused connection as a failed attempt', async () => {
  const gone = await receiver([200]);
  const url = gone.url;
  await gone.close();
  receivers.splice(receivers.indexOf(gone), 1);
  const webhookId = await subscribe(url);
  await startAnExperience();
  await sandbox.settled();
  const [logged] = await deliveries(webhookId);
  expect(logged.state).toBe('failed');
  expect(logged.attempts).toHaveLength(5);
  expect(logged.attempts.every((a) => a.statusCode === null && /connection refused/.test(a.error ?? ''))).toBe(true);
  await unsubscribe(webhookId);
});

it('answers API calls at once and delivers to a healthy receiver while another one hangs', async () => {
  // Its own sandbox with the published 10 s timeout: waiting on the hung receiver would cost seconds, so the bounds
  // below hold on a busy machine and still fail for a sandbox that blocks.
  const patient = await startSandbox({ port: 0, rateLimit: false, retryDelaysMs: DELAYS, deliveryTimeoutMs: 10_000 });
  try {
    const patientCall = sandboxClient(patient);
    const slow = await receiver(['hang']);
    const fast = await receiver([200]);
    const [slowHook, fastHook] = await Promise.all(
      [slow, fast].map(
        async (r) => (await patientCall('POST', '/webhooks', { body: { url: r.url, events: ['startExperience'], secret: SECRET } })).body.webhook.id as string,
      ),
    );
    const fastSettled = new Promise<DeliveryRecord>((resolve) =>
      patient.deliveries.on('settled', (record) => record.webhookId === fastHook && resolve(record)),
    );

    const startedAt = Date.now();
    const created = await patientCall('POST', '/experiences', { body: NEW_EXPERIENCE });
    expect((await patientCall('POST', `/experiences/${created.body.experience.id}/actions/start`)).status).toBe(200);
    const apiTime = Date.now() - startedAt;
    expect((await fastSettled).state).toBe('delivered');
    const fastTime = Date.now() - startedAt;

    await slow.waitForRequests(1);
    expect(apiTime).toBeLessThan(5_000);
    expect(fastTime).toBeLessThan(5_000);
    const [hanging] = patient.deliveries.log(slowHook);
    expect(hanging).toMatchObject({ state: 'pending', attempts: [] });
  } finally {
    await patient.close();
  }
});

it('tests the connection with one signed sample delivery and says how it went', async () => {
  const ok = await receiver([200]);
  const okHook = await subscribe(ok.url, ['endExperience']);
  const answer = await call('POST', `/webhooks/${okHook}/test`);
  expect(answer.status).toBe(200);
  expect(answer.body).toMatchObject({ ok: true, delivery: { event: 'endExperience', state: 'delivered' } });
  expect(ok.requests[0].headers[DELIVERY_HEADERS.signature.toLowerCase()]).toBe(sign(SECRET, ok.requests[0].body));
  expect(deliveryBodySchema.parse(JSON.parse(ok.requests[0].body))).toMatchObject({ action: 'endExperience', test: true });

  const broken = await receiver([500]);
  const brokenHook = await subscribe(broken.url);
  const failed = await call('POST', `/webhooks/${brokenHook}/test`);
  expect(failed.body).toMatchObject({ ok: false, message: expect.stringContaining('HTTP 500') });
  expect(broken.requests).toHaveLength(1);
  await unsubscribe(okHook);
  await unsubscribe(brokenHook);
});

it('lists deliveries newest first', async () => {
  const hook = await receiver([200]);
  const webhookId = await subscribe(hook.url, ['createExperience', 'startExperience']);
  await startAnExperience();
  await sandbox.settled();
  expect((await deliveries(webhookId)).map((d) => d.event)).toEqual(['startExperience', 'createExperience']);
  await unsubscribe(webhookId);
});

describe('the delivery log gives memory back', () => {
  /** One event straight through the engine, as an API call would emit it. */
  function publish(webhookId: string, experience = sandbox.store.listExperiences()[0]) {
    const webhook = sandbox.store.listWebhooks().find((w) => w.id === webhookId)!;
    return sandbox.deliveries.publish({ action: 'startExperience', timestamp: Date.now(), experience }, [webhook]);
  }

  it(`keeps the newest ${MAX_LOGGED_DELIVERIES} deliveries per webhook`, async () => {
    const hook = await receiver([200]);
    const webhookId = await subscribe(hook.url);
    const ids = Array.from({ length: MAX_LOGGED_DELIVERIES + 15 }, () => publish(webhookId)[0].id);
    await sandbox.settled();
    expect(hook.requests).toHaveLength(MAX_LOGGED_DELIVERIES + 15);
    expect((await deliveries(webhookId)).map((d) => d.id)).toEqual(ids.slice(-MAX_LOGGED_DELIVERIES).reverse());
    await unsubscribe(webhookId);
  });

  it(`keeps the newest ${MAX_LOGGED_ATTEMPTS} attempts of a delivery redelivered again and again`, async () => {
    const hook = await receiver([200]);
    const webhookId = await subscribe(hook.url);
    const [record] = publish(webhookId);
    await sandbox.settled();
    for (let i = 0; i < MAX_LOGGED_ATTEMPTS + 5; i++) {
      expect((await call('POST', `/webhooks/${webhookId}/deliveries/${record.id}/redeliver`)).status).toBe(202);
      await sandbox.settled();
    }
    expect(hook.requests).toHaveLength(MAX_LOGGED_ATTEMPTS + 6);
    expect((await deliveries(webhookId))[0].attempts).toHaveLength(MAX_LOGGED_ATTEMPTS);
    await unsubscribe(webhookId);
  });

  it('sends a large body whole, keeps it shortened once settled, and then refuses to redeliver it', async () => {
    const hook = await receiver([200]);
    const webhookId = await subscribe(hook.url);
    const large = { ...sandbox.store.listExperiences()[0], name: 'n'.repeat(4 * MAX_KEPT_BODY_CHARS) };
    const [record] = publish(webhookId, large);
    await sandbox.settled();
    expect(hook.requests[0].body.length).toBeGreaterThan(4 * MAX_KEPT_BODY_CHARS);
    const [kept] = sandbox.deliveries.log(webhookId);
    expect(kept.body.length).toBeLessThanOrEqual(MAX_KEPT_BODY_CHARS + 1);
    const refused = await call('POST', `/webhooks/${webhookId}/deliveries/${record.id}/redeliver`);
    expect(refused.status).toBe(409);
    expect(hook.requests).toHaveLength(1);
    await unsubscribe(webhookId);
  });
});
