/**
 * `npm start` steps 7–9, the product beyond webhooks: a significance poll, Zaps whose actions act on what it found,
 * and a search. Each is the app's real perform run as a Zap step, through the hook receiver's app tester.
 */
import type { ExperienceRecord } from '../../src/items/experience/record';
import type { SignificanceItem } from '../../src/items/significance/evaluate';
import type { RunningSandbox } from '../start-sandbox';
import { runStep, stepErrorMessage } from '../zapier/local-zap';
import type { ZapierHookReceiver } from '../zapier/zapier-hook-receiver';
import { out, style } from './demo-output';
import { zapsRunOn, type DemoZap } from './demo-zaps';

type AuthData = Record<string, string>;

/**
 * The poll's inputs. 90 % rather than the default 95 so that the seeded "Free shipping threshold" test shows both
 * sides: its $75 threshold beats control with 96.7 % and its flat $4.99 rate does so with only 9.3 %. It has run
 * 9 days with 100+ orders in every arm, past any sensible minimum of days or orders.
 */
const POLL_INPUTS = { metric: 'net_revenue_per_visitor', confidence: '90', direction: 'either' };

export async function pollForSignificance(
  receiver: ZapierHookReceiver,
  authData: AuthData,
  sandbox: RunningSandbox,
): Promise<{ winner: SignificanceItem; loser: SignificanceItem }> {
  out.step(7, 'A Zap polls for significance', `Experiment Reached Significance: Revenue per Visitor, Confidence ${POLL_INPUTS.confidence} %, Direction Either`);
  const poll = async () => (await runStep(receiver, 'triggers', 'experiment_significant', { authData, inputData: POLL_INPUTS })) as SignificanceItem[];
  const results = await poll();
  const winner = results.find((result) => result.direction === 'winner');
  const loser = results.find((result) => result.direction === 'loser');
  if (!winner || !loser) {
    throw new Error(`The significance poll found ${results.length} results but not both a winner and a loser: the sandbox's seeded results changed.`);
  }
  const running = sandbox.store.listExperiences({ status: 'started' }).filter((e) => e.category === 'experiment').length;
  out.line(style.dim(`${running} running experiments checked (one list call, then one results call each): ${results.length} results.`));
  for (const result of [winner, loser]) {
    out.ok(`${style.bold(result.direction === 'winner' ? 'Winner' : 'Loser ')}  ${result.variation_name}  ${style.dim(`in “${result.experience_name}”`)}`);
    out.detail('Slack', result.summary);
  }
  const ids = (items: SignificanceItem[]) =>
    items
      .map((item) => item.id)
      .sort()
      .join();
  if (ids(await poll()) !== ids(results)) throw new Error('A second poll found other results than the first.');
  out.line(style.dim(`The next poll finds the same ${results.length} result IDs (experience:variation:metric:direction), so Zapier fires each once.`));
  return { winner, loser };
}

interface ActionStep {
  key: 'pause_experience' | 'end_experience';
  label: string;
  event: 'pauseExperience' | 'endExperience';
}

const PAUSE: ActionStep = { key: 'pause_experience', label: 'Pause Experience', event: 'pauseExperience' };
const END: ActionStep = { key: 'end_experience', label: 'End Experience', event: 'endExperience' };

export async function actOnResults(
  receiver: ZapierHookReceiver,
  authData: AuthData,
  zaps: DemoZap[],
  winner: SignificanceItem,
  loser: SignificanceItem,
): Promise<void> {
  out.step(8, 'Zaps act on the results', 'Intelligems actions, with the Experience ID mapped from the result');
  out.line(style.dim('Each change comes back as a signed delivery, so the instant Zaps from step 3 run on it too.'));
  await act(receiver, authData, zaps, PAUSE, loser, 'the loser');
  await act(receiver, authData, zaps, END, winner, 'the winner');

  // Another alert on the same test pauses it again: Intelligems refuses, and the step says why.
  out.blank();
  out.line(`${style.bold(PAUSE.label)}  ${style.dim(`“${loser.experience_name}” again, from another alert on the same test`)}`);
  let refusal: string | undefined;
  try {
    await runStep(receiver, 'creates', PAUSE.key, { authData, inputData: { experience_id: loser.experience_id } });
  } catch (error) {
    refusal = stepErrorMessage(error);
  }
  if (refusal === undefined) throw new Error(`Pausing “${loser.experience_name}” a second time was not refused.`);
  out.refused('The step stops, and the Zap’s history says why:');
  out.detail('Reason', refusal);
}

async function act(receiver: ZapierHookReceiver, authData: AuthData, zaps: DemoZap[], step: ActionStep, result: SignificanceItem, from: string): Promise<void> {
  out.blank();
  out.line(`${style.bold(step.label)}  ${style.dim(`“${result.experience_name}”, from ${from}’s alert`)}`);
  // Ending on the winner: its Variation ID mapped into Winning Variation, with the store's prices rolled out.
  const winner = step === END ? { variation_id: result.variation_id, update_prices_to_variation: 'true' } : {};
  const record = (await runStep(receiver, 'creates', step.key, {
    authData,
    inputData: { experience_id: result.experience_id, ...winner },
  })) as ExperienceRecord & Partial<{ winning_variation_name: string; price_update_requested: boolean }>;
  const at = record.experience_status === 'ended' ? record.ended_at : record.paused_at;
  out.ok(`Intelligems: ${style.bold(record.experience_status)} at ${at}`);
  if (record.winning_variation_name) out.detail('Winner', `${record.winning_variation_name}${record.price_update_requested ? ', price update requested' : ''}`);
  const { listening, item } = await zapsRunOn(receiver, zaps, step.event, result.experience_id);
  out.detail('Zaps', listening.map((z) => z.label).join(', '));
  out.detail('Slack', String(item.summary));
}

/** Name Contains, in lower case: the search ignores case, and the newest match comes first. */
export async function findByName(receiver: ZapierHookReceiver, authData: AuthData, experienceName: string): Promise<void> {
  const name = experienceName.split(':')[0].toLowerCase();
  out.step(9, 'A Zap looks an experience up by name', `Find Experience: Name “${name}”, Name Contains`);
  const found = (await runStep(receiver, 'searches', 'find_experience', { authData, inputData: { name, name_match: 'contains' } })) as ExperienceRecord[];
  const [first] = found;
  if (!first) throw new Error(`Find Experience found nothing for “${name}”.`);
  out.ok(`Found ${found.length}: ${style.bold(`“${first.experience_name}”`)}`);
  out.detail('Fields', [first.experience_type, first.experience_status, first.variations, first.experience_id].join(style.dim(' │ ')));
}
