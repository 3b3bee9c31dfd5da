/**
 * Turning a Zap on and off the way Zapier does it: the trigger's real `performSubscribe` with the Zap's catch URL
 * as `bundle.targetUrl`, and its real `performUnsubscribe` with what subscribing returned. The app reads the API
 * base from INTELLIGEMS_API_URL at request time, so point that at the sandbox first.
 */
import App from '../../src/index';
import { isEventName, type EventName } from '../../src/contract/assumed';
import type { HookZap, ZapSettings, ZapierHookReceiver } from './zapier-hook-receiver';

/** The app's instant (hook) triggers as Zapier's trigger picker lists them: key and label, in the app's order. */
export function instantTriggers(): Array<{ key: string; label: string }> {
  return Object.values(App.triggers ?? {})
    .filter((trigger) => trigger.operation.type === 'hook')
    .map((trigger) => ({ key: trigger.key, label: trigger.display.label ?? trigger.key }));
}

/** The events a Zap that is on listens to, as its real performSubscribe stored them. */
export function subscribedEvents(zap: HookZap): EventName[] {
  const data = zap.subscribeData;
  const events = typeof data === 'object' && data !== null && 'events' in data && Array.isArray(data.events) ? data.events : [];
  return events.filter(isEventName);
}

export async function turnOnZap(receiver: ZapierHookReceiver, settings: ZapSettings): Promise<HookZap> {
  const zap = receiver.addZap(settings);
  try {
    zap.subscribeData = await receiver.runApp(receiver.trigger(zap.triggerKey).performSubscribe, {
      authData: zap.authData,
      inputData: zap.inputData,
      targetUrl: zap.targetUrl,
    });
  } catch (error) {
    receiver.removeZap(zap.id);
    throw error;
  }
  return zap;
}

export async function turnOffZap(receiver: ZapierHookReceiver, zap: HookZap): Promise<unknown> {
  const result = await receiver.runApp(receiver.trigger(zap.triggerKey).performUnsubscribe, {
    authData: zap.authData,
    inputData: zap.inputData,
    targetUrl: zap.targetUrl,
    subscribeData: zap.subscribeData,
  });
  receiver.removeZap(zap.id);
  return result;
}

/** What the Zap editor shows as samples: the trigger's `performList`. */
export async function loadSamples(receiver: ZapierHookReceiver, zap: HookZap): Promise<Array<Record<string, unknown>>> {
  const performList = receiver.trigger(zap.triggerKey).performList;
  if (!performList) return [];
  return (await receiver.runApp(performList, { authData: zap.authData, inputData: zap.inputData, meta: { isLoadingSample: true } })) as Array<
    Record<string, unknown>
  >;
}

/** The kinds of Zap step besides an instant trigger, by the key of the app definition that holds them. */
export type StepKind = 'triggers' | 'creates' | 'searches';

/**
 * One Zap step as Zapier runs it: a polling trigger's poll, an action or a search, through its real `perform` with the
 * step's inputs. Triggers and searches give a list of items, an action one object.
 */
export async function runStep(receiver: ZapierHookReceiver, kind: StepKind, key: string, settings: Omit<ZapSettings, 'triggerKey'>): Promise<unknown> {
  const operations = (App[kind] ?? {}) as Record<string, { operation: { perform: (z: never, bundle: never) => unknown } }>;
  const perform = operations[key]?.operation.perform;
  if (typeof perform !== 'function') throw new Error(`The app has no ${kind.replace(/s$/, '')} “${key}”.`);
  return receiver.runApp(perform, { authData: settings.authData, inputData: settings.inputData ?? {} });
}

/** What the Zap's history shows for a step that stopped: core wraps a z.errors.Error's message as JSON {message, code}. */
export function stepErrorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  try {
    const parsed = JSON.parse(message) as { message?: unknown };
    return typeof parsed.message === 'string' ? parsed.message : message;
  } catch {
    return message;
  }
}
