/**
 * Words for an experience action Intelligems would not carry out, pure: what happened, which experience, what to do.
 * The experience is named when it could be looked up, else by its ID.
 */
import { intelligemsSaid } from '../api/failure';
import { readableExperienceType, type ExperienceAction } from '../contract/published';

export const ACTION_WORDS: Record<ExperienceAction, { verb: string; past: string }> = {
  start: { verb: 'start', past: 'started' },
  pause: { verb: 'pause', past: 'paused' },
  end: { verb: 'end', past: 'ended' },
};

export interface RefusedActionInput {
  action: ExperienceAction;
  /** The HTTP status of the refusal: 404 (unknown experience), 400 or 409 (a transition its state does not allow). */
  httpStatus: number;
  experienceId: string;
  /** The experience as it is now, when the lookup after the refusal worked. */
  /** `status` is Intelligems' own word: a status outside the published ones gets the general advice. */
  experience?: { name: string; type: string; status: string } | null;
  /** Intelligems' own reason, when it gave one. */
  apiMessage?: string | null;
}

export function describeRefusedAction(input: RefusedActionInput): string {
  const { action, experienceId } = input;
  const words = ACTION_WORDS[action];
  if (input.httpStatus === 404) {
    return `Intelligems has no experience with ID “${experienceId}” in the store this connection uses, so nothing was ${words.past}. Pick the experience from the Experience dropdown, or map the Experience ID from an earlier Intelligems step.`;
  }
  const experience = input.experience ?? null;
  const which = experience
    ? `the ${readableExperienceType(experience.type)} “${experience.name}” (ID ${experienceId})`
    : `the experience with ID “${experienceId}”`;
  const state = experience ? ` while it is ${experience.status}` : '';
  return `Intelligems refused to ${words.verb} ${which}${state} (HTTP ${input.httpStatus}).${intelligemsSaid(input.apiMessage)} ${advice(action, experience?.status ?? null)}`;
}

function advice(action: ExperienceAction, status: string | null): string {
  if (status !== null && ACTION_WORDS[action].past === status) {
    return `It is already ${status}, so there is nothing to do; if this Zap may run twice for one experience, add a Filter step on its status before this action.`;
  }
  if (status === 'ended') {
    return 'An ended experience cannot be started, paused or ended again. To run the test again, duplicate it in the Intelligems app.';
  }
  if (action === 'pause' && status === 'pending') {
    return 'Only a running experience can be paused. Start it first, or pick a running experience.';
  }
  if (action === 'start') {
    return 'Check the experience’s setup and status in the Intelligems app, then try again.';
  }
  return 'Check the experience’s status in the Intelligems app, then try again.';
}
