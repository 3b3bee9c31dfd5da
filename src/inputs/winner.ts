/**
 * End Experience's winner inputs, read in code: the Winning Variation (a dropdown of the chosen experience's
 * variations, or a mapped ID) and whether to update the store's prices to it. What they send is the published body
 * of `POST /experiences/{id}/actions/end`: `{variationId, updatePricesToVariation}` with a winner, else `{}`.
 */
import type { Experience, ExperienceActionBody, Variation } from '../contract/published';
import { visibleText } from '../util/visible-text';
import { InvalidInputError, optionalText } from './invalid-input';

export const WINNER_LABELS = { variationId: 'Winning Variation', updatePrices: 'Update Prices to the Winner' } as const;

export const winnerFields = [
  {
    key: 'variation_id',
    label: WINNER_LABELS.variationId,
    type: 'string' as const,
    required: false,
    dynamic: 'variation_list.id.name',
    helpText: 'Optional: the variation that won (e.g. a result’s Variation ID).',
  },
  {
    key: 'update_prices_to_variation',
    label: WINNER_LABELS.updatePrices,
    type: 'boolean' as const,
    required: false,
    default: 'false',
    helpText: 'Price tests: also set the store’s prices to the winner’s. Changes what shoppers pay.',
  },
];

export interface WinnerChoice {
  variationId: string | null;
  updatePrices: boolean;
}

export function readWinner(inputData: Record<string, unknown> | undefined): WinnerChoice {
  const variationId = optionalText(inputData?.variation_id);
  const updatePrices = readYesNo(inputData?.update_prices_to_variation);
  if (updatePrices && variationId === null) {
    throw new InvalidInputError(
      'update_prices_to_variation',
      `${WINNER_LABELS.updatePrices} is yes, but ${WINNER_LABELS.variationId} is empty: pick the variation whose prices to roll out, or set ${WINNER_LABELS.updatePrices} to no.`,
    );
  }
  return { variationId, updatePrices };
}

/** The end action's body: the winner only when one was chosen. */
export function winnerBody(choice: WinnerChoice): ExperienceActionBody {
  return choice.variationId === null ? {} : { variationId: choice.variationId, updatePricesToVariation: choice.updatePrices };
}

/**
 * The experience's variation with this ID; one it does not have is refused, listing the ones it has by name. Without
 * the experience's variations nothing can be checked, and ending cannot be undone: that is refused too.
 */
export function winningVariation(variationId: string, experience: Experience): Variation {
  const variations = experience.variations ?? [];
  if (variations.length === 0)
    throw new InvalidInputError(
      'variation_id',
      `The ${WINNER_LABELS.variationId} field holds “${visibleText(variationId)}”, but the variations of “${experience.name}” could not be read from Intelligems to check it, so nothing was ended. ` +
        `Try again in a few minutes, or clear ${WINNER_LABELS.variationId} to end the experience without naming a winner.`,
    );
  const found = variations.find((v) => v.id === variationId);
  if (found) return found;
  const names = variations.map((v) => `“${v.name}”${v.isControl ? ' (control)' : ''} (ID ${v.id})`).join(', ');
  throw new InvalidInputError(
    'variation_id',
    `The ${WINNER_LABELS.variationId} field holds “${visibleText(variationId)}”, which is not a variation of “${experience.name}”, so nothing was ended. ` +
      `Its variations are ${names}: pick one from the dropdown, or map the Variation ID of a result for this experience.`,
  );
}

function readYesNo(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  const text = optionalText(value)?.toLowerCase() ?? 'false';
  if (['true', 'yes', '1'].includes(text)) return true;
  if (['false', 'no', '0'].includes(text)) return false;
  throw new InvalidInputError('update_prices_to_variation', `The ${WINNER_LABELS.updatePrices} field has “${visibleText(text)}”. Pick yes or no.`);
}
