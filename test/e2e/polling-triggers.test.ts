/**
 * The event triggers on an account as Intelligems offers it today, on loopback with no nock: the sandbox in
 * published-only mode (no /webhooks path), the app's real code run as Zapier runs it. Each instant trigger refuses to
 * turn on and names its polling twin; polling Zaps catch one whole lifecycle driven through the API, each event once,
 * with who acted read from the list's history.
 */
import nock from 'nock';
import { NEW_EXPERIENCE, sandboxClient, type SandboxClient } from '../../sandbox/client';
import { startSandbox, type RunningSandbox } from '../../sandbox/start-sandbox';
import { pointAppAt } from '../../sandbox/zapier/point-app-at';
import { instantTriggers, stepErrorMessage, turnOnZap } from '../../sandbox/zapier/local-zap';
import { pollingEventTriggers, pollZap, turnOnPollingZap, type PollingZap } from '../../sandbox/zapier/polling-zap';
import { startZapierHookReceiver, type ZapierHookReceiver } from '../../sandbox/zapier/zapier-hook-receiver';

let sandbox: RunningSandbox;
let receiver: ZapierHookReceiver;
let call: SandboxClient;
let authData: Record<string, string>;
let restoreApiUrl: () => void;

beforeAll(async () => {
  nock.restore();
  sandbox = await startSandbox({ port: 0, rateLimit: false, webhookApi: false });
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

const EVENT_OF_TRIGGER: Record<string, string | undefined> = {
  experience_created_poll: 'createExperience',
  experience_updated_poll: 'updateExperience',
  experience_started_poll: 'startExperience',
  experience_paused_poll: 'pauseExperience',
  experience_ended_poll: 'endExperience',
  experience_deleted_poll: 'deleteExperience',
  experience_event_poll: undefined, // every event
};
const LIFECYCLE = ['createExperience', 'updateExperience', 'startExperience', 'pauseExperience', 'endExperience', 'deleteExperience'];
/** The events whose history record names who acted (a creation has none; a deletion seen by absence none either). */
const WITH_ACTOR = ['updateExperience', 'startExperience', 'pauseExperience', 'endExperience'];

type Item = Record<string, unknown>;

async function turnOnEveryPollingZap(): Promise<PollingZap[]> {
  const triggers = pollingEventTriggers();
  expect(triggers.map((t) => t.key).sort()).toEqual(Object.keys(EVENT_OF_TRIGGER).sort());
  return Promise.all(triggers.map(async (t) => (await turnOnPollingZap(receiver, { triggerKey: t.key, label: t.label, authData })).zap));
}

/** One scheduled check of every Zap: what each fired for this experience. */
async function checkAll(zaps: PollingZap[], experienceId: string, fired: Map<string, Item[]>): Promise<void> {
  for (const zap of zaps) {
    const items = (await pollZap(receiver, zap)).filter((item) => item.experience_id === experienceId);
    fired.set(zap.triggerKey, [...(fired.get(zap.triggerKey) ?? []), ...items]);
  }
}

function expectOneItemPerEvent(fired: Map<string, Item[]>): void {
  for (const [key, event] of Object.entries(EVENT_OF_TRIGGER)) {
    const actions = (fired.get(key) ?? []).map((item) => item.action);
    if (event === undefined) expect([key, [...actions].sort()]).toEqual([key, [...LIFECYCLE].sort()]);
    else expect([key, actions]).toEqual([key, [event]]);
  }
  const any = fired.get('experience_event_poll')!;
  for (const item of any) {
    const who = WITH_ACTOR.includes(String(item.action)) ? { triggered_by_email: 'jane@acme.example', triggered_by_name: 'Jane Doe' } : {};
    expect(item).toMatchObject({ ...who, experience_name: expect.any(String), summary: expect.any(String) });
  }
  // The single-event Zaps get the very same item as Any Experience Event.
  for (const [key, event] of Object.entries(EVENT_OF_TRIGGER)) {
    if (event !== undefined) expect(fired.get(key)![0]).toEqual(any.find((item) => item.action === event));
  }
  expect(new Set(any.map((item) => item.id)).size).toBe(LIFECYCLE.length);
}

describe('instant triggers on an account without the webhook API', () => {
  it.each(instantTriggers().map((t) => [t.key, t.label]))('%s (%s) refuses to turn on and names its polling twin by its label', async (key) => {
    const twin = pollingEventTriggers().find((t) => t.key === `${key}_poll`);
    expect(twin).toBeDefined();
    let message: string | undefined;
    try {
      await turnOnZap(receiver, { triggerKey: key, authData });
    } catch (error) {
      message = stepErrorMessage(error);
    }
    expect(message).toContain(`“${twin!.label}”`);
    expect(message).not.toMatch(/\n\s+at /); // no stack trace
    expect(message).not.toContain(sandbox.apiKey);
  });
});

describe('polling triggers catch a whole lifecycle', () => {
  it('checked after each step: exactly one item per event on the matching triggers, with who acted', async () => {
    const zaps = await turnOnEveryPollingZap();
    const fired = new Map<string, Item[]>();
    const { experience } = await call.ok('POST', '/experiences', NEW_EXPERIENCE);
    const path = `/experiences/${experience.id}`;
    await checkAll(zaps, experience.id, fired);
    await call.ok('PUT', path, { name: 'Free shipping over $45' });
    await checkAll(zaps, experience.id, fired);
    for (const action of ['start', 'pause', 'end']) {
      await call.ok('POST', `${path}/actions/${action}`);
      await checkAll(zaps, experience.id, fired);
    }
    await call.ok('DELETE', path);
    await checkAll(zaps, experience.id, fired);
    expectOneItemPerEvent(fired);

    // Later checks fire nothing more.
    const again = new Map<string, Item[]>();
    await checkAll(zaps, experience.id, again);
    expect([...again.values()].flat()).toEqual([]);
  });

  it('checked rarely (five changes between two checks, then the deletion): still exactly one item per event', async () => {
    const zaps = await turnOnEveryPollingZap();
    const fired = new Map<string, Item[]>();
    const { experience } = await call.ok('POST', '/experiences', { ...NEW_EXPERIENCE, name: 'Free returns for members' });
    const path = `/experiences/${experience.id}`;
    await call.ok('PUT', path, { name: 'Free returns for all members' });
    for (const action of ['start', 'pause', 'end']) await call.ok('POST', `${path}/actions/${action}`);
    await checkAll(zaps, experience.id, fired);
    await call.ok('DELETE', path);
    await checkAll(zaps, experience.id, fired);
    expectOneItemPerEvent(fired);
  });
});
