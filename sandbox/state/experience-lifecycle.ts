/**
 * The rules of an experience's life: what each change does to it and which changes its status allows, and the
 * history record each change leaves (who did it, when). Pure functions: they take the experience, the time and who
 * acts, and return the changed copy, or throw a SandboxError. A creation leaves no history record, as in Intelligems.
 */
import { randomUUID } from 'node:crypto';
import type { EventName } from '../../src/contract/assumed';
import type { ExperienceAction, ExperienceStatus } from '../../src/contract/published';
import { SandboxError } from '../errors';
import type { ActionBody, CreateExperienceBody, UpdateExperienceBody, VariationInput } from '../api/request-schemas';
import { historyRecord, type Actor, type StoredExperience } from './history';
import { HISTORY_ACTION, testTypesFor } from './seed-data';

/** One lifecycle change, before the delivery engine adds the organization and who made it. */
export interface LifecycleEvent {
  action: EventName;
  timestamp: number;
  /** In stored form: the route shows it through the detail view before it leaves the sandbox. */
  experience: StoredExperience;
}

const PAST_TENSE: Record<ExperienceAction, string> = { start: 'started', pause: 'paused', end: 'ended' };

/** Which statuses each action may leave from. Ended is final: a finished test is not restarted. */
const ALLOWED_FROM: Record<ExperienceAction, ReadonlyArray<ExperienceStatus>> = {
  start: ['pending', 'paused'],
  pause: ['started'],
  end: ['started', 'paused'],
};

export function categoryForType(type: string): 'experiment' | 'personalization' {
  return type.startsWith('personalization') ? 'personalization' : 'experiment';
}

/**
 * Strictly after the experience's last change, so two changes in the same millisecond still make two events
 * with different ids (the app derives an event's id from experience, event and time).
 */
function eventTime(experience: StoredExperience | undefined, now: number): number {
  const last = experience?.lastUpdateTs ?? -Infinity;
  return Math.max(now, last + 1);
}

function withIds(variations: VariationInput[]) {
  return variations.map((v, index) => ({ ...v, id: v.id ?? `var_${randomUUID().slice(0, 8)}`, order: v.order ?? index }));
}

export function createExperience(body: CreateExperienceBody, organizationId: string, now: number): LifecycleEvent {
  const id = randomUUID();
  const experience: StoredExperience = {
    ...body,
    id,
    name: body.name,
    type: body.type,
    category: body.category ?? categoryForType(body.type),
    status: 'pending',
    organizationId,
    variations: withIds(body.variations),
    experienceActions: [],
    createdAtTs: now,
    lastUpdateTs: now,
    startedAtTs: null,
    pausedAtTs: null,
    endedAtTs: null,
    archivedAtTs: null,
    testTypes: body.testTypes ?? testTypesFor(body.type),
    history: [],
    isDeleted: false,
    isPreview: true,
    hasSchedule: false,
  };
  return { action: 'createExperience', timestamp: now, experience };
}

/** A saved edit: history `saveExperience`. */
export function updateExperience(current: StoredExperience, body: UpdateExperienceBody, now: number, actor: Actor): LifecycleEvent {
  assertNotDeleted(current, 'changed');
  const timestamp = eventTime(current, now);
  const experience: StoredExperience = {
    ...current,
    ...body,
    variations: body.variations ? withIds(body.variations) : current.variations,
    lastUpdateTs: timestamp,
    history: [...current.history, historyRecord(current.id, 'saveExperience', actor, timestamp)],
  };
  return { action: 'updateExperience', timestamp, experience };
}

/** Start, pause or end: an action entry (with `performedBy`) and its own history record; ending may name the winner. */
export function runAction(current: StoredExperience, action: ExperienceAction, now: number, actor: Actor, body: ActionBody = {}): LifecycleEvent {
  assertNotDeleted(current, PAST_TENSE[action]);
  if (!(ALLOWED_FROM[action] as ReadonlyArray<string>).includes(current.status)) {
    throw new SandboxError(400, 'invalid_transition', transitionMessage(current, action));
  }
  const winner = action === 'end' ? winningVariation(current, body) : null;
  const timestamp = eventTime(current, now);
  const experience: StoredExperience = {
    ...current,
    status: action === 'start' ? 'started' : action === 'pause' ? 'paused' : 'ended',
    experienceActions: [...recordedActions(current), actionEntry(current, action, timestamp, actor)],
    lastUpdateTs: timestamp,
    history: [...current.history, historyRecord(current.id, HISTORY_ACTION[action], actor, timestamp)],
    // Starting leaves preview mode; pausing or ending returns to it (published).
    isPreview: action !== 'start',
  };
  if (action === 'start') {
    experience.startedAtTs = current.startedAtTs ?? timestamp;
    experience.pausedAtTs = null;
  }
  if (action === 'pause') experience.pausedAtTs = timestamp;
  if (action === 'end') experience.endedAtTs = timestamp;
  // Shown on the experience (sandbox fields): which variation won, and whether the store's prices were set to it.
  if (winner) Object.assign(experience, { winningVariationId: winner.id, pricesUpdated: body.updatePricesToVariation === true });
  return { action: HISTORY_ACTION[action], timestamp, experience };
}

/** Ending with `variationId` names the winner; one the experience does not have is refused (400). */
function winningVariation(experience: StoredExperience, body: ActionBody) {
  if (body.variationId === undefined) {
    if (body.updatePricesToVariation === true) {
      throw new SandboxError(400, 'validation_failed', 'updatePricesToVariation needs a variationId: the variation whose prices to roll out.');
    }
    return null;
  }
  const variation = (experience.variations ?? []).find((v) => v.id === body.variationId);
  if (!variation) {
    const known = (experience.variations ?? []).map((v) => `${v.id} (${v.name})`).join(', ');
    throw new SandboxError(400, 'validation_failed', `variationId “${body.variationId}” is not a variation of “${experience.name}”: use one of ${known}.`);
  }
  return variation;
}

/**
 * Deleting is soft, as in Intelligems: the experience gets `isDeleted`, `archivedAtTs`, a `delete` action and a
 * `deleteExperience` history record, leaves the default list, stays readable by id, and nothing can change it any
 * more. The delivery carries the experience as it was before the deletion, per the contract.
 */
export function deleteExperience(current: StoredExperience, now: number, actor: Actor): { event: LifecycleEvent; archived: StoredExperience } {
  if (isDeleted(current)) {
    throw new SandboxError(404, 'not_found', `Experience “${current.name}” (${current.id}) was already deleted.`);
  }
  const timestamp = eventTime(current, now);
  const archived: StoredExperience = {
    ...current,
    experienceActions: [...recordedActions(current), actionEntry(current, 'delete', timestamp, actor)],
    archivedAtTs: timestamp,
    lastUpdateTs: timestamp,
    history: [...current.history, historyRecord(current.id, HISTORY_ACTION.delete, actor, timestamp)],
    isDeleted: true,
  };
  return { event: { action: 'deleteExperience', timestamp, experience: current }, archived };
}

function isDeleted(experience: StoredExperience): boolean {
  return experience.isDeleted || experience.archivedAtTs != null;
}

function assertNotDeleted(experience: StoredExperience, verb: string): void {
  if (isDeleted(experience)) {
    const when = experience.archivedAtTs == null ? '' : ` on ${new Date(experience.archivedAtTs).toISOString()}`;
    throw new SandboxError(400, 'experience_deleted', `Experience “${experience.name}” (${experience.id}) was deleted${when} and cannot be ${verb}.`);
  }
}

function recordedActions(experience: StoredExperience) {
  return experience.experienceActions ?? [];
}

/** An `experienceActions` entry; `performedBy` is the email of who acted (null for a system action). */
function actionEntry(experience: StoredExperience, action: ExperienceAction | 'delete', actionTs: number, actor: Actor) {
  return { id: `act_${randomUUID().slice(0, 8)}`, experienceId: experience.id, action, actionTs, performedBy: actor.user?.email ?? null };
}

function transitionMessage(experience: StoredExperience, action: ExperienceAction): string {
  const who = `Experience “${experience.name}” (${experience.id})`;
  const status = experience.status;
  if ((action === 'start' && status === 'started') || (action === 'pause' && status === 'paused') || (action === 'end' && status === 'ended')) {
    return `${who} is already ${status}.`;
  }
  if (status === 'ended') {
    return `${who} has ended and cannot be ${action === 'start' ? 'started' : 'paused'} again. To test again, create a new experience.`;
  }
  if (status === 'pending') {
    return action === 'pause'
      ? `${who} has not started yet, so it cannot be paused. Start it first.`
      : `${who} has not started yet, so it cannot be ended. Delete it instead if it is no longer needed.`;
  }
  return `${who} is ${status}; “${action}” is not allowed from that status.`;
}
