/** What each Intelligems event means to a person: the one table the triggers, shaping and sandbox all read. */
import type { EventName } from '../../contract/assumed';

interface EventInfo {
  /** The "Action Type" column of Intelligems' Google Sheets mapping. */
  actionType: string;
  /** Past tense for summaries: "Jane Doe started …". */
  verb: string;
  /** The `experienceActions[].action` that records this event, where one does. */
  recordedAction?: 'start' | 'pause' | 'end' | 'delete';
  /** The experience's own timestamp for this event, when no recorded action says when. */
  timestampField: 'createdAtTs' | 'lastUpdateTs' | 'startedAtTs' | 'pausedAtTs' | 'endedAtTs' | 'archivedAtTs';
}

export const EVENT_CATALOG: Record<EventName, EventInfo> = {
  createExperience: { actionType: 'Create Experience', verb: 'created', timestampField: 'createdAtTs' },
  startExperience: { actionType: 'Start Experience', verb: 'started', recordedAction: 'start', timestampField: 'startedAtTs' },
  pauseExperience: { actionType: 'Pause Experience', verb: 'paused', recordedAction: 'pause', timestampField: 'pausedAtTs' },
  endExperience: { actionType: 'End Experience', verb: 'ended', recordedAction: 'end', timestampField: 'endedAtTs' },
  updateExperience: { actionType: 'Update Experience', verb: 'updated', timestampField: 'lastUpdateTs' },
  deleteExperience: { actionType: 'Delete Experience', verb: 'deleted', recordedAction: 'delete', timestampField: 'archivedAtTs' },
};
