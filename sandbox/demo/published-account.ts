/**
 * `npm start`, part 1: an account as Intelligems offers it today, whose API has no webhook path. The instant Zap
 * refuses to turn on and names the polling trigger to use; then one Zap per polling trigger catches a whole
 * experiment lifecycle driven through the API, each step with who did it, its Slack line and its Sheets row.
 * Every step runs the app's real code through the hook receiver's app tester, as Zapier would.
 */
import { authentication } from '../../src/authentication';
import { sandboxClient } from '../client';
import { startSandbox } from '../start-sandbox';
import { instantTriggers, stepErrorMessage, turnOnZap } from '../zapier/local-zap';
import { pollingEventTriggers, pollZap, turnOnPollingZap, type PollingZap } from '../zapier/polling-zap';
import { startZapierHookReceiver } from '../zapier/zapier-hook-receiver';
import { out, printZapLog, style } from './demo-output';
import { cellText, SHEET_COLUMNS } from './sheets';

/** The instant trigger whose refusal the demo shows: the one a Slack-on-start Zap uses. */
const INSTANT_KEY = 'experience_started';

type Item = Record<string, unknown>;

/** Zapier checks a polling Zap every few minutes: the rate limiter's own clock moves this much between rounds. */
const BETWEEN_CHECKS_MS = 5 * 60 * 1000;

/** `coreConsole` holds what the Zaps logged, printed only if the part fails. */
export async function publishedOnlyAccount(coreConsole: string[]): Promise<void> {
  out.part(1, 'An account as Intelligems offers it today', 'Its API has no webhook path: events reach Zaps by polling the published list and its history.');

  out.step(1, 'Start a local Intelligems without the webhook API', 'SANDBOX_WEBHOOK_API=off');
  // The published rate limit, on a clock that moves on between rounds of checks as the minutes between polls would.
  let limiterClock = Date.now();
  const sandbox = await startSandbox({ port: 0, webhookApi: false, rateLimitNow: () => limiterClock });
  const receiver = await startZapierHookReceiver();
  process.env.INTELLIGEMS_API_URL = sandbox.url;
  const api = sandboxClient(sandbox);
  try {
    const probe = await api('GET', '/webhooks');
    out.ok(`Intelligems sandbox at ${style.bold(sandbox.url)}: ${sandbox.organization.name}; GET /webhooks answers ${probe.status}, as a real account does`);
    const authData = { apiKey: sandbox.apiKey };
    const connected = (await receiver.runApp(authentication.test, { authData })) as Record<string, unknown>;
    out.ok(`Connected: ${style.bold(`Intelligems (${String(await receiver.runApp(authentication.connectionLabel, { authData, inputData: connected }))})`)}`);

    const instant = instantTriggers().find((t) => t.key === INSTANT_KEY);
    out.step(2, 'Turn on a Zap with an instant trigger', `${instant?.label ?? INSTANT_KEY}: real performSubscribe → POST /webhooks`);
    let refusal: string | undefined;
    try {
      await turnOnZap(receiver, { triggerKey: INSTANT_KEY, authData });
    } catch (error) {
      refusal = stepErrorMessage(error);
    }
    if (refusal === undefined) throw new Error(`${INSTANT_KEY} turned on although the account has no webhook API.`);
    out.refused('Zapier cannot turn the Zap on, and shows why:');
    out.detail('Reason', refusal);

    out.step(3, 'Turn on one Zap per polling trigger', 'each first check only records what already happened, as Zapier’s does');
    const zaps: PollingZap[] = [];
    const triggers = pollingEventTriggers();
    if (triggers.length === 0) throw new Error('The app has no polling event triggers.');
    const labelWidth = Math.max(...triggers.map((t) => t.label.length));
    limiterClock += BETWEEN_CHECKS_MS;
    for (const trigger of triggers) {
      const { zap, recorded } = await turnOnPollingZap(receiver, { triggerKey: trigger.key, label: trigger.label, authData });
      zaps.push(zap);
      out.ok(`${trigger.label.padEnd(labelWidth)}  ${style.dim(`${recorded} earlier event${recorded === 1 ? '' : 's'} recorded, none fired`)}`);
    }

    out.step(4, 'Drive an experiment through its life; Zapier checks after each step', 'Intelligems API calls, then each Zap’s poll');
    out.line(style.dim('For each event: the Zaps that fired, who did it (from the list’s history), the Slack message (the Summary)'));
    out.line(style.dim(`and the Google Sheets row: ${SHEET_COLUMNS.map((c) => c.label).join(' │ ')}.`));
    const created = (
      await api.ok('POST', '/experiences', {
        name: 'Free gift wrap over $60',
        type: 'content/advanced',
        variations: [
          { name: 'No gift wrap', percentage: 50, isControl: true },
          { name: 'Free gift wrap', percentage: 50, isControl: false },
        ],
      })
    ).experience as { id: string };
    const path = `/experiences/${created.id}`;
    const steps: Array<{ event: string; call: string; run: () => Promise<unknown> }> = [
      { event: 'createExperience', call: 'POST /experiences', run: async () => undefined },
      {
        event: 'updateExperience',
        call: 'PUT /experiences/{id}  name → “Free gift wrap over $50”',
        run: () => api.ok('PUT', path, { name: 'Free gift wrap over $50' }),
      },
      { event: 'startExperience', call: 'POST /experiences/{id}/actions/start', run: () => api.ok('POST', `${path}/actions/start`) },
      { event: 'pauseExperience', call: 'POST /experiences/{id}/actions/pause', run: () => api.ok('POST', `${path}/actions/pause`) },
      { event: 'endExperience', call: 'POST /experiences/{id}/actions/end', run: () => api.ok('POST', `${path}/actions/end`) },
      { event: 'deleteExperience', call: 'DELETE /experiences/{id}', run: () => api.ok('DELETE', path) },
    ];
    for (const step of steps) {
      await step.run();
      limiterClock += BETWEEN_CHECKS_MS;
      const fired: Array<{ zap: PollingZap; item: Item }> = [];
      for (const zap of zaps) {
        for (const item of await pollZap(receiver, zap)) if (item.experience_id === created.id) fired.push({ zap, item });
      }
      const mine = fired.filter(({ item }) => item.action === step.event);
      if (mine.length === 0 || mine.length !== fired.length) {
        throw new Error(
          `After ${step.call}, the polling Zaps fired ${fired.map(({ zap, item }) => `${zap.label}: ${String(item.action)}`).join(', ') || 'nothing'}.`,
        );
      }
      const { item } = mine[0];
      out.blank();
      out.line(`${style.bold(String(item.action_type))}  ${style.dim(step.call)}`);
      out.detail('Zaps', mine.map(({ zap }) => zap.label).join(', '));
      out.detail('Who', whoActed(item, step.event));
      out.detail('Slack', String(item.summary));
      out.detail('Sheets', SHEET_COLUMNS.map((c) => cellText(item[c.key])).join(style.dim(' │ ')));
    }
    out.blank();
    out.line(style.dim('Each event fired once, on its own Zap and on Any Experience Event: the next checks find nothing new.'));
    limiterClock += BETWEEN_CHECKS_MS;
    for (const zap of zaps) {
      const again = await pollZap(receiver, zap);
      if (again.length > 0) throw new Error(`${zap.label} fired again: ${again.map((item) => String(item.id)).join(', ')}`);
    }
  } catch (error) {
    printZapLog(coreConsole);
    throw error;
  } finally {
    await sandbox.close();
    await receiver.settled();
    await receiver.close();
  }
}

/** Who did it, as the item says; a creation has no history record, and a deletion seen by absence none in sight. */
function whoActed(item: Item, event: string): string {
  const name = cellText(item.triggered_by_name);
  const email = cellText(item.triggered_by_email);
  if (name !== '' || email !== '') return `${name}${name !== '' && email !== '' ? ' ' : ''}${email === '' ? '' : `<${email}>`}`;
  if (event === 'createExperience') return style.dim('— (no history record marks a creation)');
  if (event === 'deleteExperience') return style.dim('— (the experience left the list, and its history with it)');
  return style.dim('— (no history record says who)');
}
