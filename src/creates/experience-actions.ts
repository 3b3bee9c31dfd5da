/**
 * The Start, Pause and End Experience actions: one factory, and a table whose rows are its spec. Each calls
 * `POST /experiences/{id}/actions/{action}`; a refusal is explained by ./refused-action-message.ts. End may name the
 * winning variation (checked against the experience first) and roll its prices out.
 */
import { defineCreate, defineInputFields, type Bundle, type CreatePerform, type InferInputData, type ZObject } from 'zapier-platform-core';
import { apiClient, failureOf, readableMessage, type IntelligemsClient } from '../api/client';
import type { Experience, ExperienceAction, Variation } from '../contract/published';
import { outputFieldsOf, type OutputField } from '../items/output-field';
import { experienceRecordOutputFields } from '../items/experience/output-fields';
import { experienceRecordSample } from '../items/experience/sample';
import { toExperienceRecord, type ExperienceRecord } from '../items/experience/record';
import { readInput } from '../errors';
import { experienceIdField, requiredExperienceId } from '../inputs/experience-id';
import { readWinner, winnerBody, winnerFields, winningVariation, type WinnerChoice } from '../inputs/winner';
import { variationChoiceSample } from '../items/experience/variation-choice';
import { SAMPLE_EXPERIENCE } from '../items/sample-data';
import { ACTION_WORDS, describeRefusedAction } from './refused-action-message';

/** Answers that mean "not this experience / not now" rather than a broken connection or service. */
const REFUSAL_STATUSES = new Set([400, 404, 409]);

export interface ExperienceActionSpec {
  key: string;
  action: ExperienceAction;
  label: string;
  description: string;
  /** The status the experience is in afterwards, for the static sample. */
  resultingStatus: 'started' | 'paused' | 'ended';
  helpText: string;
  /** End only: the Winning Variation inputs, and the winner on the result. */
  choosesWinner?: boolean;
}

/**
 * What End Experience adds to the experience: which variation won, and whether it asked Intelligems to set the store's
 * prices to it. Intelligems' published answer does not say whether prices were updated, so the field says what was asked.
 */
export type WinnerFields = { winning_variation_id: string; winning_variation_name: string; price_update_requested: boolean };
export type ActionResult = ExperienceRecord | (ExperienceRecord & WinnerFields);

export async function runExperienceAction(z: ZObject, bundle: Bundle, action: ExperienceAction, choosesWinner = false): Promise<ActionResult> {
  const { id, winner } = readInput(z, () => ({
    id: requiredExperienceId(bundle.inputData),
    winner: choosesWinner ? readWinner(bundle.inputData) : { variationId: null, updatePrices: false },
  }));
  const client = apiClient(z, bundle);
  const refused = (error: unknown) => refusal(z, client, error, action, id);
  // A winner is checked against the experience's own variations before anything is ended.
  let variation: Variation | null = null;
  if (winner.variationId !== null) {
    const before = await client.getExperience(id, `looking up the variations of experience “${id}”`).catch(refused);
    variation = readInput(z, () => winningVariation(winner.variationId as string, before));
  }
  const call = `${gerund(action)} experience “${id}”`;
  const answer = await client.runExperienceAction(id, action, call, winnerBody(winner)).catch(refused);
  // Intelligems did it: an answer without the experience is looked up, never a failed step.
  const experience = answer ?? (await readBack(z, client, id, action));
  const record = toExperienceRecord(experience);
  return choosesWinner ? { ...record, ...winnerFieldsOf(winner, experience, variation) } : record;
}

function winnerFieldsOf(winner: WinnerChoice, experience: Experience, checked: Variation | null): WinnerFields {
  return {
    winning_variation_id: winner.variationId ?? '',
    winning_variation_name: (experience.variations ?? []).find((v) => v.id === winner.variationId)?.name ?? checked?.name ?? '',
    price_update_requested: winner.variationId !== null && winner.updatePrices,
  };
}

/** A refusal (400, 404, 409) in Intelligems' words and ours; any other failure as the client made it. */
async function refusal(z: ZObject, client: IntelligemsClient, error: unknown, action: ExperienceAction, id: string): Promise<never> {
  const failure = failureOf(error);
  const httpStatus = failure?.status;
  if (httpStatus === undefined || !REFUSAL_STATUSES.has(httpStatus)) throw error;
  const experience = httpStatus === 404 ? null : await lookUpQuietly(z, client, id);
  const apiMessage = failure?.apiMessage ?? null;
  const message = describeRefusedAction({ action, httpStatus, experienceId: id, experience, apiMessage });
  throw new z.errors.Error(message, httpStatus === 404 ? 'ExperienceNotFound' : 'ActionRefused', httpStatus);
}

async function readBack(z: ZObject, client: IntelligemsClient, id: string, action: ExperienceAction): Promise<Experience> {
  try {
    return await client.getExperience(id, `reading experience “${id}” back after ${gerund(action)} it`);
  } catch (error) {
    const past = ACTION_WORDS[action].past;
    throw new z.errors.Error(
      `Intelligems ${past} experience “${id}”, but its answer did not hold the experience and reading it back failed: ${readableMessage(error)} It is ${past}: do not run this step again for it.`,
      'ActionDoneUnread',
    );
  }
}

/** The experience's current name and status for the message; without them the message names the ID instead. */
async function lookUpQuietly(z: ZObject, client: IntelligemsClient, id: string) {
  try {
    return await client.getExperience(id, `looking up experience “${id}” to explain a refused action`);
  } catch (error) {
    z.console.log(`Could not look up experience ${id} to name it in the error: ${readableMessage(error)}`);
    return null;
  }
}

function gerund(action: ExperienceAction): string {
  return action === 'start' ? 'starting' : action === 'pause' ? 'pausing' : 'ending';
}

const winnerOutputFields: OutputField[] = outputFieldsOf<keyof WinnerFields>({
  winning_variation_id: { label: 'Winning Variation ID' },
  winning_variation_name: { label: 'Winning Variation' },
  price_update_requested: { label: 'Price Update Requested', type: 'boolean' },
});

export function experienceActionCreate(spec: ExperienceActionSpec) {
  const inputFields = defineInputFields([experienceIdField({ required: true, helpText: spec.helpText }), ...(spec.choosesWinner ? winnerFields : [])]);
  const perform: CreatePerform<InferInputData<typeof inputFields>, ActionResult> = (z, bundle) =>
    runExperienceAction(z, bundle, spec.action, spec.choosesWinner);
  const sample = experienceRecordSample(spec.resultingStatus);
  const winnerSample = winnerFieldsOf({ variationId: variationChoiceSample.id, updatePrices: true }, SAMPLE_EXPERIENCE, null);
  return defineCreate({
    key: spec.key,
    noun: 'Experience',
    display: { label: spec.label, description: spec.description },
    operation: {
      inputFields,
      perform,
      sample: spec.choosesWinner ? { ...sample, ...winnerSample } : sample,
      outputFields: spec.choosesWinner ? [...experienceRecordOutputFields, ...winnerOutputFields] : experienceRecordOutputFields,
    },
  });
}

export const EXPERIENCE_ACTION_TABLE: ReadonlyArray<ExperienceActionSpec> = [
  {
    key: 'start_experience',
    action: 'start',
    label: 'Start Experience',
    description: 'Starts a pending or paused experience, so it goes live for shoppers.',
    resultingStatus: 'started',
    helpText: 'The experience to start. A pending or paused experience can be started; an ended one cannot.',
  },
  {
    key: 'pause_experience',
    action: 'pause',
    label: 'Pause Experience',
    description: 'Pauses a running experience until it is started again.',
    resultingStatus: 'paused',
    helpText: 'The running experience to pause.',
  },
  {
    key: 'end_experience',
    action: 'end',
    label: 'End Experience',
    description: 'Ends an experience for good, optionally on its winner with prices rolled out.',
    resultingStatus: 'ended',
    helpText: 'The experience to end. This cannot be undone.',
    choosesWinner: true,
  },
];

export const experienceActionCreates = Object.fromEntries(EXPERIENCE_ACTION_TABLE.map((spec) => [spec.key, experienceActionCreate(spec)]));
