/**
 * `npm start`, closing the loop: the winner's results as Find Experience Results returns them (the Slack summary, and
 * the Google Sheets rows "Create Multiple Spreadsheet Rows" writes, one per variation), then one poll of Daily
 * Experiment Results, and a second the same day that returns the same rows without reading them again.
 */
import type { ResultsItem } from '../../src/items/results/item';
import type { SignificanceItem } from '../../src/items/significance/evaluate';
import { runStep } from '../zapier/local-zap';
import type { ZapierHookReceiver } from '../zapier/zapier-hook-receiver';
import { out, style } from './demo-output';

const ROW_COLUMNS: Array<[keyof ResultsItem['variations'][number], string]> = [
  ['variation_name', 'Variation'],
  ['visitors', 'Visitors'],
  ['orders', 'Orders'],
  ['metric_value', 'Revenue/Visitor'],
  ['uplift_percent', 'Uplift %'],
  ['probability_to_beat_baseline', 'P(beat control) %'],
  ['probability_to_be_best', 'P(best) %'],
];

export async function showResults(
  step: number,
  receiver: ZapierHookReceiver,
  authData: Record<string, string>,
  winner: SignificanceItem,
  aMinuteLater: () => void,
): Promise<void> {
  out.step(step, 'Results in a Sheet', `Find Experience Results: “${winner.experience_name}”, then Daily Experiment Results`);
  const [item] = (await runStep(receiver, 'searches', 'experience_results', { authData, inputData: { experience_id: winner.experience_id } })) as ResultsItem[];
  if (!item) throw new Error(`Find Experience Results found nothing for “${winner.experience_name}”.`);
  // The Slack line reads the verdict as words (strong_win → "strong win"); the Sheets rows keep the item's numbers as they are.
  const verdict =
    item.intelligems_verdict === ''
      ? ''
      : ` Intelligems: ${item.intelligems_verdict.replace(/_/g, ' ')}${item.action_to_take ? ` (${item.action_to_take})` : ''}.`;
  out.detail('Slack', `${item.summary}${verdict}`);
  out.detail('Sheets', ROW_COLUMNS.map(([, label]) => label).join(style.dim(' │ ')));
  for (const line of item.variations) out.detail('', ROW_COLUMNS.map(([key]) => String(line[key] ?? '')).join(style.dim(' │ ')));
  out.line(style.dim('Probability to beat control reads p2bc; probability to be best reads p2bb: in a three-variation test they differ.'));

  const poll = async () => (await runStep(receiver, 'triggers', 'experiment_results_daily', { authData, inputData: {} })) as ResultsItem[];
  // The demo has spent most of the key's burst by now; a real daily poll comes long after the last refill.
  aMinuteLater();
  const daily = await poll();
  out.blank();
  out.ok(`${style.bold('Daily Experiment Results')}  ${style.dim('a minute later, with the key’s rate budget refilled')}`);
  out.line(`${daily.length} rows for today, one per running experiment, each with its line items:`, 6);
  for (const row of daily) out.detail('Row', `${style.dim(row.id)}  ${row.summary}`);
  const again = await poll();
  const same = again.length === daily.length && again.every((row, i) => row.id === daily[i]?.id);
  out.line(
    style.dim(
      `A second poll the same day returns ${same ? 'the same' : again.length} rows, read from today's memory: Zapier fires each once per Zap, and no experiment's results are read twice a day.`,
    ),
  );
}
