/**
 * `npm start`: the whole product on one machine. A sandbox Intelligems, a stand-in for Zapier's hook endpoint, and
 * the app's real code in between: the auth test, one Zap per trigger turned on with the real performSubscribe, an
 * experiment driven through its life with what each Zap's Slack and Google Sheets steps would get, a forged
 * delivery refused, a delivery that only gets through on its third attempt, a significance poll that finds a
 * winner and a loser, the Pause and End Experience actions (and one refusal), Find Experience, and the Zaps turned
 * off again. Every app step runs through the hook receiver's app tester, as Zapier would run it.
 */
import { format } from 'node:util';
import { authentication } from '../../src/authentication';
import { DELIVERY_HEADERS, EVENT_NAMES, type EventName } from '../../src/contract/assumed';
import { EVENT_CATALOG } from '../../src/items/event/catalog';
import { sign } from '../../src/webhook/signature';
import { out, printZapLog, seconds, style } from './demo-output';
import { instantTriggers, subscribedEvents, turnOffZap, turnOnZap } from '../zapier/local-zap';
import { MAX_ATTEMPTS } from '../delivery/delivery-engine';
import { sandboxClient } from '../client';
import { startSandbox } from '../start-sandbox';
import { startZapierHookReceiver } from '../zapier/zapier-hook-receiver';
import { actOnResults, findByName, pollForSignificance } from './beyond-webhooks';
import { showResults } from './results-loop';
import { waitForZap, zapsRunOn, type DemoZap } from './demo-zaps';
import { publishedOnlyAccount } from './published-account';
import { cellText, SHEET_COLUMNS } from './sheets';

/** Short waits so the retry story fits in a couple of seconds (Intelligems' real ones are minutes). */
const DEMO_RETRY_DELAYS_MS = [300, 600, 1_200, 2_400];

/** Core writes memory stats and the Zaps' z.console lines to console.log; keep them off the demo's screen. */
function quietCoreConsole(): string[] {
  const captured: string[] = [];
  console.log = (...args: unknown[]) => {
    if (args[0] !== 'ZID:') captured.push(format(...args));
  };
  return captured;
}

async function main(): Promise<void> {
  const began = performance.now();
  const coreConsole = quietCoreConsole();
  out.title(
    'Intelligems for Zapier: the whole product on this machine',
    'A local Intelligems sandbox, a local stand-in for Zapier, and this app’s real code in between. No account, no network.',
  );
  await publishedOnlyAccount(coreConsole);
  out.part(2, 'An account that offers webhook subscriptions', 'The instant triggers subscribe by themselves, and each event reaches its Zaps within seconds.');

  // 1. Start everything.
  out.step(1, 'Start a local Intelligems and a local Zapier hook endpoint');
  // The rate limiter's clock can move on a minute (a refill) between steps that a real account would space out.
  const limiter = { ahead: 0 };
  const sandbox = await startSandbox({
    port: 0,
    retryDelaysMs: DEMO_RETRY_DELAYS_MS,
    deliveryTimeoutMs: 5_000,
    rateLimitNow: () => Date.now() + limiter.ahead,
  });
  const receiver = await startZapierHookReceiver();
  process.env.INTELLIGEMS_API_URL = sandbox.url;
  const api = sandboxClient(sandbox);
  const seeded = sandbox.store.listExperiences();
  out.ok(`Intelligems sandbox at ${style.bold(sandbox.url)}: ${sandbox.organization.name} (${sandbox.organization.shopId}), ${seeded.length} experiences`);
  out.ok(`Zapier hook endpoint stand-in at ${style.bold(receiver.url)}`);

  const zaps: DemoZap[] = [];
  try {
    // 2. The auth test.
    out.step(2, 'Connect Intelligems in Zapier', 'the app’s auth test, with the sandbox key');
    const authData = { apiKey: sandbox.apiKey };
    const authResult = (await receiver.runApp(authentication.test, { authData })) as Record<string, unknown>;
    const label = await receiver.runApp(authentication.connectionLabel, { authData, inputData: authResult });
    out.ok(`Connected: ${style.bold(`Intelligems (${String(label)})`)}`);
    out.line(style.dim('Labelled by the organization’s ID: no published Intelligems call names the organization (docs/connection.md).'));

    // 3. One Zap per trigger.
    out.step(3, 'Turn on one Zap per instant trigger', 'real performSubscribe → POST /webhooks');
    const triggers = instantTriggers();
    const labelWidth = Math.max(...triggers.map((t) => t.label.length));
    for (const trigger of triggers) {
      const zap = await turnOnZap(receiver, { triggerKey: trigger.key, authData });
      const events = subscribedEvents(zap);
      zaps.push({ zap, label: trigger.label, events });
      const webhookId = (zap.subscribeData as { id: string }).id;
      out.ok(
        `${trigger.label.padEnd(labelWidth)}  ${style.dim(`webhook ${webhookId} for ${events.length === EVENT_NAMES.length ? 'all six events' : events.join(', ')}`)}`,
      );
    }
    const webhooks = (await api.ok('GET', '/webhooks')).webhooks as unknown[];
    out.line(style.dim(`Intelligems now lists ${webhooks.length} webhooks, each with its own signing secret and catch URL.`));

    // 4. The lifecycle.
    out.step(4, 'Drive an experiment through its life', 'Intelligems API calls; each change becomes a signed delivery');
    out.line(style.dim('For each event: the Zaps that ran, the Slack message they would post (the item’s Summary)'));
    out.line(style.dim(`and the Google Sheets row they would add: ${SHEET_COLUMNS.map((c) => c.label).join(' │ ')}.`));
    const created = (
      await api.ok('POST', '/experiences', {
        name: 'Free shipping over $75',
        type: 'shipping',
        variations: [
          { name: '$100 threshold (current)', percentage: 50, isControl: true },
          { name: '$75 threshold', percentage: 50, isControl: false },
        ],
      })
    ).experience as { id: string };
    const steps: Array<{ event: EventName; call: string; run: () => Promise<unknown> }> = [
      { event: 'createExperience', call: 'POST /experiences', run: async () => undefined },
      {
        event: 'updateExperience',
        call: `PUT /experiences/{id}  name → “Free shipping over $75 (US only)”`,
        run: () => api.ok('PUT', `/experiences/${created.id}`, { name: 'Free shipping over $75 (US only)' }),
      },
      { event: 'startExperience', call: 'POST /experiences/{id}/actions/start', run: () => api.ok('POST', `/experiences/${created.id}/actions/start`) },
      { event: 'pauseExperience', call: 'POST /experiences/{id}/actions/pause', run: () => api.ok('POST', `/experiences/${created.id}/actions/pause`) },
      { event: 'endExperience', call: 'POST /experiences/{id}/actions/end', run: () => api.ok('POST', `/experiences/${created.id}/actions/end`) },
      { event: 'deleteExperience', call: 'DELETE /experiences/{id}', run: () => api.ok('DELETE', `/experiences/${created.id}`) },
    ];
    for (const step of steps) {
      await step.run();
      const { listening, item } = await zapsRunOn(receiver, zaps, step.event, created.id);
      out.blank();
      out.line(`${style.bold(EVENT_CATALOG[step.event].actionType)}  ${style.dim(step.call)}`);
      out.detail('Zaps', listening.map((z) => z.label).join(', '));
      out.detail('Slack', String(item.summary));
      out.detail('Sheets', SHEET_COLUMNS.map((c) => cellText(item[c.key])).join(style.dim(' │ ')));
    }

    // 5. A forged delivery.
    const startedZap = zaps.find((z) => z.events.length === 1 && z.events[0] === 'startExperience')!;
    out.step(5, 'Someone who found a Zap’s URL sends a forged delivery', 'signed with a guessed secret');
    const victim = seeded.find((e) => e.status === 'started')!;
    const forgedBody = JSON.stringify({
      action: 'startExperience',
      timestamp: Date.now(),
      experience: victim,
      organization: sandbox.organization,
      triggeredBy: { email: 'ceo@acme.example', name: 'The CEO' },
    });
    const forged = await fetch(startedZap.zap.targetUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [DELIVERY_HEADERS.signature]: sign('a-guessed-secret', forgedBody),
        [DELIVERY_HEADERS.event]: 'startExperience',
      },
      body: forgedBody,
    });
    const forgedRun = await waitForZap(receiver, startedZap.zap, (run) => run.deliveryId === undefined);
    out.line(style.dim(`Zapier accepts every request to a catch URL first (it answered ${forged.status}), then hands it to the trigger.`));
    if (forgedRun.outcome !== 'halted') throw new Error(`The forged delivery was not refused: ${forgedRun.outcome}`);
    out.refused(`Zap “${startedZap.label}” stopped the run, and nothing reached Slack or Sheets:`);
    out.detail('Reason', String(forgedRun.message));

    // 6. Retries.
    const pendingSeed = seeded.find((e) => e.status === 'pending' && e.type === 'pricing') ?? seeded.find((e) => e.status === 'pending')!;
    out.step(
      6,
      'Zapier has a bad moment: a delivery that gets through on its third attempt',
      `the catch URL answers 503 twice; Intelligems makes up to ${MAX_ATTEMPTS} attempts`,
    );
    receiver.failNext(startedZap.zap.id, 2, 503);
    const webhookId = (startedZap.zap.subscribeData as { id: string }).id;
    const retryStart = performance.now();
    sandbox.deliveries.on('attempt', (record, attempt) => {
      if (record.webhookId !== webhookId) return;
      const result = attempt.error === null ? style.green(`HTTP ${attempt.statusCode}: delivered`) : style.yellow(`${attempt.error}: failed, will retry`);
      out.line(`attempt ${record.attempts.length}  ${style.dim(`+${seconds(performance.now() - retryStart)}`)}  ${result}`, 6);
    });
    out.line(`${style.bold('Start Experience')}  ${style.dim(`POST /experiences/{id}/actions/start  “${pendingSeed.name}”`)}`);
    await api.ok('POST', `/experiences/${pendingSeed.id}/actions/start`);
    const retried = await waitForZap(receiver, startedZap.zap, (run) => run.event === 'startExperience' && run.items[0]?.experience_id === pendingSeed.id);
    await sandbox.settled();
    const [logged] = (await api.ok('GET', `/webhooks/${webhookId}/deliveries`)).deliveries as Array<{
      id: string;
      state: string;
      attempts: Array<{ statusCode: number | null }>;
    }>;
    const requests = receiver.runs.filter((run) => run.zapId === startedZap.zap.id && run.deliveryId === logged.id);
    out.ok(
      `Zap “${startedZap.label}” ran once, on attempt ${requests.findIndex((run) => run.outcome === 'triggered') + 1}: the refused attempts never reached it`,
    );
    out.detail('Slack', String(retried.items[0].summary));
    out.detail(
      'Log',
      `GET /webhooks/{id}/deliveries → ${logged.state}, attempts ${logged.attempts.map((a) => a.statusCode ?? '—').join(' → ')}, all as delivery ${logged.id}`,
    );

    // 7–9. The polling trigger, the actions and the search.
    const { winner, loser } = await pollForSignificance(receiver, authData, sandbox);
    await actOnResults(receiver, authData, zaps, winner, loser);
    await findByName(receiver, authData, winner.experience_name);
    await showResults(10, receiver, authData, winner, () => (limiter.ahead += 60_000));

    // 11. Turn everything off.
    out.step(11, 'Turn the Zaps off', 'real performUnsubscribe → DELETE /webhooks/{id}');
    let removed = 0;
    for (const { zap } of zaps.splice(0)) {
      const result = (await turnOffZap(receiver, zap)) as { result: string };
      if (result.result === 'deleted') removed++;
    }
    const left = ((await api.ok('GET', '/webhooks')).webhooks as unknown[]).length;
    out.ok(`${removed} webhooks removed; Intelligems lists ${left} now`);
  } catch (error) {
    printZapLog(coreConsole);
    throw error;
  } finally {
    await sandbox.close();
    await receiver.settled();
    await receiver.close();
  }

  out.blank();
  out.line(`${style.green(style.bold('Done'))} in ${seconds(performance.now() - began)}, everything stopped.`, 0);
  out.line(style.dim('Next: `npm run sandbox` keeps a sandbox running for `zapier-platform invoke`; see docs/sandbox.md.'), 0);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`\n${style.red('npm start failed:')} ${(error as Error).message ?? String(error)}\n`);
    process.exit(1);
  },
);
