/** What each Intelligems event means to a person: the one table the triggers, shaping and sandbox all read. */
import type { EventName } from '../contract/assumed';

export interface EventInfo {
  event: EventName;
  /** The "Action Type" column of Intelligems' Google Sheets mapping. */
  actionType: string;
  /** Past tense for summaries: "Jane Doe started …". */
  verb: string;
  /** The `experienceActions[].action` that records this event, where one does. */
  recordedAction?: 'start' | 'pause' | 'end' | 'delete';
}

export const EVENT_CATALOG: Record<EventName, EventInfo> = {
  createExperience: { event: 'createExperience', actionType: 'Create Experience', verb: 'created' },
  startExperience: { event: 'startExperience', actionType: 'Start Experience', verb: 'started', recordedAction: 'start' },
  pauseExperience: { event: 'pauseExperience', actionType: 'Pause Experience', verb: 'paused', recordedAction: 'pause' },
  endExperience: { event: 'endExperience', actionType: 'End Experience', verb: 'ended', recordedAction: 'end' },
  updateExperience: { event: 'updateExperience', actionType: 'Update Experience', verb: 'updated' },
  deleteExperience: { event: 'deleteExperience', actionType: 'Delete Experience', verb: 'deleted', recordedAction: 'delete' },
};
