/** What each Intelligems event means to a person: the one table the triggers, shaping and sandbox all read. */
import type { EventName } from '../../contract/assumed';

interface EventInfo {
  /** The "Action Type" column of Intelligems' Google Sheets mapping. */
  actionType: string;
  /** Past tense for summaries: "Jane Doe started …". */
  verb: string;
}

/** Where each event is read from on the published list is ./from-experience.ts. */
export const EVENT_CATALOG: Record<EventName, EventInfo> = {
  createExperience: { actionType: 'Create Experience', verb: 'created' },
  startExperience: { actionType: 'Start Experience', verb: 'started' },
  pauseExperience: { actionType: 'Pause Experience', verb: 'paused' },
  endExperience: { actionType: 'End Experience', verb: 'ended' },
  updateExperience: { actionType: 'Update Experience', verb: 'updated' },
  deleteExperience: { actionType: 'Delete Experience', verb: 'deleted' },
};
