/**
 * A Zap whose trigger polls, the way Zapier runs one: each check is the trigger's real `perform`; the first check
 * only records the ids it sees, and every later one fires for the items whose `id` it has not seen before (Zapier's
 * deduplication), as many as there are, newest first as the trigger returns them. Checks run through the hook
 * receiver's app tester, so every Zap of the demo or a test shares one `z.cache`, as on Zapier.
 */
import App from '../../src/index';
import { runStep } from './local-zap';
import type { ZapierHookReceiver } from './zapier-hook-receiver';

type Item = Record<string, unknown>;

export interface PollingZap {
  triggerKey: string;
  label: string;
  authData: Record<string, string>;
  inputData: Record<string, unknown>;
  /** Every id Zapier has seen for this Zap. */
  seen: Set<string>;
}

/** The app's polling event triggers as Zapier's trigger picker lists them: key and label, in the app's order. */
export function pollingEventTriggers(): Array<{ key: string; label: string }> {
  return Object.values(App.triggers ?? {})
    .filter((trigger) => trigger.operation.type !== 'hook' && trigger.key.endsWith('_poll') && trigger.display.hidden !== true)
    .map((trigger) => ({ key: trigger.key, label: trigger.display.label ?? trigger.key }));
}

/** Turns the Zap on: its first check records what exists, and fires nothing. Returns how many ids it recorded. */
export async function turnOnPollingZap(
  receiver: ZapierHookReceiver,
  settings: { triggerKey: string; label?: string; authData: Record<string, string>; inputData?: Record<string, unknown> },
): Promise<{ zap: PollingZap; recorded: number }> {
  const zap: PollingZap = {
    triggerKey: settings.triggerKey,
    label: settings.label ?? settings.triggerKey,
    authData: settings.authData,
    inputData: settings.inputData ?? {},
    seen: new Set(),
  };
  const items = await check(receiver, zap);
  for (const item of items) zap.seen.add(idOf(item));
  return { zap, recorded: items.length };
}

/** One scheduled check: the items the Zap runs for (ids it had not seen), newest first. */
export async function pollZap(receiver: ZapierHookReceiver, zap: PollingZap): Promise<Item[]> {
  const fresh = (await check(receiver, zap)).filter((item) => !zap.seen.has(idOf(item)));
  for (const item of fresh) zap.seen.add(idOf(item));
  return fresh;
}

async function check(receiver: ZapierHookReceiver, zap: PollingZap): Promise<Item[]> {
  const items = await runStep(receiver, 'triggers', zap.triggerKey, { authData: zap.authData, inputData: zap.inputData });
  if (!Array.isArray(items)) throw new Error(`${zap.triggerKey} returned ${typeof items}, not a list of items.`);
  return items as Item[];
}

function idOf(item: Item): string {
  const id = item.id;
  if (typeof id !== 'string' && typeof id !== 'number') throw new Error(`An item without an id: ${JSON.stringify(item).slice(0, 200)}`);
  return String(id);
}
