/**
 * The whole flow on loopback, no nock: the app subscribes through the sandbox, a change made through the sandbox
 * API becomes a signed delivery, the local Zapier hook receiver hands it to the trigger's real perform, and the
 * Zap gets the same item shape as performList and the static sample.
 */
import nock from 'nock';
import { DELIVERY_HEADERS } from '../../src/contract/assumed';
import { instantTriggers, loadSamples, subscribedEvents, turnOffZap, turnOnZap } from '../../sandbox/zapier/local-zap';
import { startSandbox, type RunningSandbox } from '../../sandbox/start-sandbox';
import { pointAppAt } from '../../sandbox/zapier/point-app-at';
import { startZapierHookReceiver, type HookRun, type HookZap, type ZapierHookReceiver } from '../../sandbox/zapier/zapier-hook-receiver';
import { NEW_EXPERIENCE, sandboxClient } from '../../sandbox/client';

let sandbox: RunningSandbox;
let receiver: ZapierHookReceiver;
let call: ReturnType<typeof sandboxClient>;
let authData: Record<string, string>;
let restoreApiUrl: () => void;

beforeAll(async () => {
  nock.restore();
  sandbox = await startSandbox({ port: 0, rateLimit: false, retryDelaysMs: [30, 60], deliveryTimeoutMs: 2_000 });
  receiver = await startZapierHookReceiver();
  call = sandboxClient(sandbox);
  authData = { apiKey: sandbox.apiKey };
  restoreApiUrl = pointAppAt(sandbox.url);
});
afterAll(async () => {
  await sandbox.close();
  await receiver.settled();
  await receiver.close();
  restoreApiUrl();
});

const sorted = (item: object) => Object.keys(item).sort();
const runsOf = (zap: HookZap) => receiver.runs.filter((run) => run.zapId === zap.id);
const waitForTriggered = (zap: HookZap, event: string) =>
  receiver.waitForRun((run: HookRun) => run.zapId === zap.id && run.event === event && run.outcome !== 'refused');

it('subscribe → change through the API → delivery → perform: the item has the keys of performList and of the sample', async () => {
  const zap = await turnOnZap(receiver, { triggerKey: 'experience_started', authData });
  expect(zap.subscribeData).toEqual({ id: expect.any(String), secret: expect.stringMatching(/^[0-9a-f]{64}$/), events: ['startExperience'] });
  const webhooks = (await call('GET', '/webhooks')).body.webhooks;
  expect(webhooks).toContainEqual(expect.objectContaining({ id: (zap.subscribeData as { id: string }).id, url: zap.targetUrl, events: ['startExperience'] }));

  const pending = sandbox.store.listExperiences({ status: 'pending' })[0];
  expect((await call('POST', `/experiences/${pending.id}/actions/start`)).status).toBe(200);
  const run = await waitForTriggered(zap, 'startExperience');

  expect(run.outcome).toBe('triggered');
  expect(run.items).toHaveLength(1);
  const [item] = run.items;
  expect(item).toMatchObject({
    action: 'startExperience',
    action_type: 'Start Experience',
    experience_id: pending.id,
    experience_name: pending.name,
    experience_status: 'started',
    triggered_by_email: 'jane@acme.example',
    shop: 'acme-outdoors.myshopify.com',
  });
  expect(item.summary).toBe(`Jane Doe started the Price Test “${pending.name}” on acme-outdoors.myshopify.com.`);

  const samples = await loadSamples(receiver, zap);
  expect(samples.length).toBeGreaterThan(0);
  expect(samples.map((s) => s.id)).toContain(item.id); // the same event, the same id, whichever way it arrived
  expect(sorted(item)).toEqual(sorted(samples[0]));
  expect(sorted(item)).toEqual(sorted(receiver.trigger('experience_started').sample!));
  await turnOffZap(receiver, zap);
});

it('builds the bundle the way Zapier does', async () => {
  const zap = await turnOnZap(receiver, { triggerKey: 'experience_created', authData });
  await call('POST', '/experiences', { body: NEW_EXPERIENCE });
  const run = await waitForTriggered(zap, 'createExperience');
  const bundle = run.bundle as any;
  const headers = bundle.rawRequest.headers as Record<string, string>;
  expect(typeof bundle.rawRequest.content).toBe('string');
  expect(bundle.cleanedRequest).toEqual(JSON.parse(bundle.rawRequest.content));
  expect(headers['Content-Type']).toBe('application/json');
  expect(headers['Content-Length']).toBe(String(Buffer.byteLength(bundle.rawRequest.content)));
  expect(headers[`Http-${DELIVERY_HEADERS.signature}`]).toMatch(/^[0-9a-f]{64}$/);
  expect(headers[`Http-${DELIVERY_HEADERS.delivery}`]).toBe(run.deliveryId);
  expect(headers['Http-User-Agent']).toBe('Intelligems-Webhooks/1.0');
  expect(
    Object.keys(headers)
      .filter((name) => !['Content-Type', 'Content-Length'].includes(name))
      .every((name) => /^Http-([A-Z][a-z0-9]*-?)+$/.test(name)),
  ).toBe(true);
  expect(bundle.subscribeData).toEqual(zap.subscribeData);
  expect(bundle.targetUrl).toBe(zap.targetUrl);
  await turnOffZap(receiver, zap);
});

it('runs one Zap per trigger for create → update → start → pause → end → delete, each exactly once', async () => {
  const zaps = new Map<string, HookZap>();
  for (const { key } of instantTriggers().filter((trigger) => trigger.key !== 'experience_event')) {
    const zap = await turnOnZap(receiver, { triggerKey: key, authData });
    zaps.set(subscribedEvents(zap)[0], zap);
  }
  expect([...zaps.keys()]).toEqual(['createExperience', 'startExperience', 'pauseExperience', 'endExperience', 'updateExperience', 'deleteExperience']);
  const any = await turnOnZap(receiver, { triggerKey: 'experience_event', authData, inputData: { events: ['createExperience', 'deleteExperience'] } });

  const id = (await call('POST', '/experiences', { body: NEW_EXPERIENCE })).body.experience.id;
  await call('PUT', `/experiences/${id}`, { body: { name: 'Free shipping over $60' } });
  for (const action of ['start', 'pause', 'end']) await call('POST', `/experiences/${id}/actions/${action}`);
  await call('DELETE', `/experiences/${id}`);

  for (const [event, zap] of zaps) {
    const run = await waitForTriggered(zap, event);
    expect(run.outcome).toBe('triggered');
    expect(run.items[0]).toMatchObject({ action: event, experience_id: id });
  }
  await sandbox.settled();
  await receiver.settled();
  for (const zap of zaps.values()) expect(runsOf(zap).filter((r) => r.outcome === 'triggered')).toHaveLength(1);
  expect(runsOf(any).map((r) => r.items[0]?.action)).toEqual(['createExperience', 'deleteExperience']);
  expect(runsOf(any).every((r) => r.outcome === 'triggered')).toBe(true);

  for (const zap of [...zaps.values(), any]) await turnOffZap(receiver, zap);
  expect((await call('GET', '/webhooks')).body.webhooks).toEqual([]);
});

it('rejects a forged delivery with the app’s reason, without running the Zap', async () => {
  const zap = await turnOnZap(receiver, { triggerKey: 'experience_ended', authData });
  const body = JSON.stringify({
    action: 'endExperience',
    timestamp: Date.now(),
    experience: sandbox.store.listExperiences()[0],
    organization: sandbox.organization,
    triggeredBy: null,
  });
  const answer = await fetch(zap.targetUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [DELIVERY_HEADERS.signature]: 'ab'.repeat(32), [DELIVERY_HEADERS.event]: 'endExperience' },
    body,
  });
  expect(answer.status).toBe(200); // Zapier accepts first and runs later
  const run = await receiver.waitForRun((r) => r.zapId === zap.id);
  expect(run.outcome).toBe('halted');
  expect(run.message).toContain("does not match this Zap's signing secret");
  expect(run.message).not.toContain((zap.subscribeData as { secret: string }).secret);
  await turnOffZap(receiver, zap);
});

it('a delivery that Zapier refuses twice runs the Zap once, on the third attempt; a redelivery of it is ignored by the app', async () => {
  const zap = await turnOnZap(receiver, { triggerKey: 'experience_paused', authData });
  receiver.failNext(zap.id, 2, 503);
  const started = sandbox.store.listExperiences({ status: 'started' }).find((e) => e.archivedAtTs == null)!;
  await call('POST', `/experiences/${started.id}/actions/pause`);
  await waitForTriggered(zap, 'pauseExperience');
  await sandbox.settled();
  expect(runsOf(zap).map((r) => r.outcome)).toEqual(['refused', 'refused', 'triggered']);
  expect(new Set(runsOf(zap).map((r) => r.deliveryId)).size).toBe(1);

  const webhookId = (zap.subscribeData as { id: string }).id;
  const [delivery] = (await call('GET', `/webhooks/${webhookId}/deliveries`)).body.deliveries;
  expect(delivery.attempts.map((a: { statusCode: number }) => a.statusCode)).toEqual([503, 503, 200]);
  expect(delivery.state).toBe('delivered');

  const zapLog = jest.spyOn(console, 'log').mockImplementation(() => undefined);
  try {
    expect((await call('POST', `/webhooks/${webhookId}/deliveries/${delivery.id}/redeliver`)).status).toBe(202);
    await sandbox.settled();
    await receiver.settled();
    expect(runsOf(zap).map((r) => r.outcome)).toEqual(['refused', 'refused', 'triggered', 'ignored']);
    expect(zapLog).toHaveBeenCalledWith(expect.stringContaining(`Ignored a repeated delivery of pauseExperience for experience ${started.id}`));
  } finally {
    zapLog.mockRestore();
  }
  await turnOffZap(receiver, zap);
});

it('turning a Zap off removes its webhook; its URL then answers 410 and nothing more is delivered', async () => {
  const zap = await turnOnZap(receiver, { triggerKey: 'experience_created', authData });
  const result = await turnOffZap(receiver, zap);
  expect(result).toEqual({ id: (zap.subscribeData as { id: string }).id, result: 'deleted' });
  expect((await call('GET', '/webhooks')).body.webhooks).toEqual([]);
  expect((await fetch(zap.targetUrl, { method: 'POST', body: '{}' })).status).toBe(410);
  const before = receiver.runs.length;
  await call('POST', '/experiences', { body: NEW_EXPERIENCE });
  await sandbox.settled();
  expect(receiver.runs.length).toBe(before);
});

it('the sandbox’s “test this webhook” delivery (test: true, a real experience) reaches the Zap, which ignores it with a log line', async () => {
  const zap = await turnOnZap(receiver, { triggerKey: 'experience_started', authData });
  const webhookId = (zap.subscribeData as { id: string }).id;
  const zapLog = jest.spyOn(console, 'log').mockImplementation(() => undefined);
  try {
    expect((await call('POST', `/webhooks/${webhookId}/test`)).body.ok).toBe(true);
    const run = await receiver.waitForRun((r) => r.zapId === zap.id);
    expect(run).toMatchObject({ outcome: 'ignored', items: [] });
    expect(zapLog.mock.calls.flat().join('\n')).toMatch(
      /Ignored a test delivery \(“test”: true\) for experience [^:]+: Intelligems sends it to check the connection/,
    );
  } finally {
    zapLog.mockRestore();
  }
  await turnOffZap(receiver, zap);
});
