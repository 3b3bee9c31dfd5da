/** The demo's instant Zaps: which events each listens to, and waiting for one to run on a delivery. */
import type { EventName } from '../../src/contract/assumed';
import type { HookRun, HookZap, ZapierHookReceiver } from '../zapier/zapier-hook-receiver';

const WAIT_FOR_ZAP_MS = 8_000;

export interface DemoZap {
  zap: HookZap;
  label: string;
  events: EventName[];
}

export function listensTo(demoZap: DemoZap, event: EventName): boolean {
  return demoZap.events.includes(event);
}

/** The Zap's next run (or one already recorded) that got past the catch URL and matches `predicate`. */
export function waitForZap(receiver: ZapierHookReceiver, zap: HookZap, predicate: (run: HookRun) => boolean = () => true): Promise<HookRun> {
  return receiver.waitForRun((run) => run.zapId === zap.id && run.outcome !== 'refused' && predicate(run), WAIT_FOR_ZAP_MS);
}

/** Every Zap listening to `event` runs on the delivery about `experienceId`; one run's first item, for its Summary. */
export async function zapsRunOn(
  receiver: ZapierHookReceiver,
  zaps: DemoZap[],
  event: EventName,
  experienceId?: string,
): Promise<{ listening: DemoZap[]; item: Record<string, unknown> }> {
  const listening = zaps.filter((z) => listensTo(z, event));
  const runs = await Promise.all(
    listening.map((z) =>
      waitForZap(receiver, z.zap, (run) => run.event === event && (experienceId === undefined || run.items[0]?.experience_id === experienceId)),
    ),
  );
  if (runs.length === 0 || runs.some((run) => run.outcome !== 'triggered')) {
    throw new Error(`A Zap did not run for ${event}: ${runs.map((run) => `${run.outcome} ${run.message ?? ''}`).join('; ') || 'none listens to it'}`);
  }
  return { listening, item: runs[0].items[0] };
}
