/**
 * Who did what to an experience, as `GET /experiences-list` shows it (published): each user action is one `history`
 * record with the full user who acted (`null` for a system action such as a schedule ending a test). The sandbox
 * keeps every experience in its stored form, with history and with `performedBy` on its actions, and each endpoint
 * shows the part Intelligems publishes for it: the list carries `history` but actions without `performedBy`; the
 * detail endpoint (and every answer wrapped in `{"experience"}`) carries `performedBy` but no `history`.
 */
import { randomUUID } from 'node:crypto';
import type { Experience } from '../../src/contract/published';

/**
 * A user as a history record carries it (published: id and email always; names when the person set them). Types, not
 * interfaces, so that they stay assignable to the app's loose reading of the same records (src/contract/published.ts).
 */
export type HistoryUser = {
  id: string;
  email: string;
  firstName?: string;
  lastName?: string;
  preferredName?: string;
  preferredEmail?: string;
};

/** Where the action came from (published): the dashboard, the External API, an AI assistant, a shared link. */
export type HistorySource = 'internal' | 'external' | 'mcp' | 'shared_link' | null;

export type HistoryRecord = {
  id: string;
  userId: string | null;
  experienceId: string;
  user: HistoryUser | null;
  /** `startExperience`, `pauseExperience`, `endExperience`, `saveExperience`, `deleteExperience`, … */
  action: string;
  source: HistorySource;
  createdAtTs: number;
  lastUpdateTs: number;
};

/** An experience as the sandbox stores it: everything any endpoint may show of it. */
export type StoredExperience = Experience & {
  history: HistoryRecord[];
  isDeleted: boolean;
  /** True while in draft: before the first start, and again after a pause or an end (published). */
  isPreview: boolean;
  hasSchedule: boolean;
};

/** Someone who acts on experiences, and where from. */
export interface Actor {
  user: HistoryUser | null;
  source: HistorySource;
}

export function historyRecord(experienceId: string, action: string, actor: Actor, at: number, id = `hist_${randomUUID().slice(0, 12)}`): HistoryRecord {
  return {
    id,
    userId: actor.user?.id ?? null,
    experienceId,
    user: actor.user && { ...actor.user },
    action,
    source: actor.source,
    createdAtTs: at,
    lastUpdateTs: at,
  };
}

/** A person's name as a dashboard shows it: the preferred name, else first and last name, else the email. */
export function displayName(user: HistoryUser): string {
  return user.preferredName?.trim() || [user.firstName, user.lastName].filter(Boolean).join(' ').trim() || user.email;
}

/** `GET /experiences-list` item: with `history`; actions without `performedBy` (the list does not carry it). */
export function listItemView(experience: StoredExperience): Experience {
  return {
    ...experience,
    experienceActions: experience.experienceActions?.map(({ performedBy: _performedBy, ...action }) => action),
  };
}

/** `GET /experiences/{id}` and every `{"experience"}` answer and delivery: no `history`, actions with `performedBy`. */
export function detailView(experience: StoredExperience): Experience {
  const { history: _history, ...detail } = experience;
  return detail;
}
