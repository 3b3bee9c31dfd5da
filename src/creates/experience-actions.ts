/**
 * The Start, Pause and End Experience actions: one factory, and a table whose rows are its spec. Each calls
 * `POST /experiences/{id}/actions/{action}`; a refusal is explained by ./refused-action-message.ts.
 */
import { defineCreate, defineInputFields, type Bundle, type CreatePerform, type InferInputData, type ZObject } from 'zapier-platform-core';
import { apiClient, failureOf, readableMessage, type IntelligemsClient } from '../api/client';
import type { ExperienceAction } from '../contract/published';
import { experienceRecordOutputFields } from '../items/experience/output-fields';
import { experienceRecordSample } from '../items/experience/sample';
import { toExperienceRecord, type ExperienceRecord } from '../items/experience/record';
import { readInput } from '../errors';
import { experienceIdField, requiredExperienceId } from '../inputs/experience-id';
import { describeRefusedAction } from './refused-action-message';

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
}

export async function runExperienceAction(z: ZObject, bundle: Bundle, action: ExperienceAction): Promise<ExperienceRecord> {
  const id = readInput(z, () => requiredExperienceId(bundle.inputData));
  const client = apiClient(z, bundle);
  try {
    const experience = await client.runExperienceAction(id, action, `${gerund(action)} experience “${id}”`);
    return toExperienceRecord(experience);
  } catch (error) {
    const failure = failureOf(error);
    const httpStatus = failure?.status;
    if (httpStatus === undefined || !REFUSAL_STATUSES.has(httpStatus)) throw error;
    const experience = httpStatus === 404 ? null : await lookUpQuietly(z, client, id);
    const apiMessage = failure?.apiMessage ?? null;
    const message = describeRefusedAction({ action, httpStatus, experienceId: id, experience, apiMessage });
    throw new z.errors.Error(message, httpStatus === 404 ? 'ExperienceNotFound' : 'ActionRefused', httpStatus);
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

export function experienceActionCreate(spec: ExperienceActionSpec) {
  const inputFields = defineInputFields([experienceIdField({ required: true, helpText: spec.helpText })]);
  const perform: CreatePerform<InferInputData<typeof inputFields>, ExperienceRecord> = (z, bundle) => runExperienceAction(z, bundle, spec.action);
  return defineCreate({
    key: spec.key,
    noun: 'Experience',
    display: { label: spec.label, description: spec.description },
    operation: {
      inputFields,
      perform,
      sample: experienceRecordSample(spec.resultingStatus),
      outputFields: experienceRecordOutputFields,
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
    description: 'Ends an experience for good; an ended experience cannot be started again.',
    resultingStatus: 'ended',
    helpText: 'The experience to end. This cannot be undone.',
  },
];

export const experienceActionCreates = Object.fromEntries(EXPERIENCE_ACTION_TABLE.map((spec) => [spec.key, experienceActionCreate(spec)]));
