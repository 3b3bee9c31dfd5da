/** The six per-event instant triggers: one row each, one factory for all. */
import type { EventName } from '../contract/assumed';
import { experienceHookTrigger } from './instant-trigger';

interface EventTriggerRow {
  key: string;
  event: EventName;
  label: string;
  description: string;
}

export const EVENT_TRIGGER_TABLE: ReadonlyArray<EventTriggerRow> = [
  { key: 'experience_created', event: 'createExperience', label: 'New Experience', description: 'Triggers when a new test or personalization is created.' },
  { key: 'experience_started', event: 'startExperience', label: 'Experience Started', description: 'Triggers when an experience goes live.' },
  { key: 'experience_paused', event: 'pauseExperience', label: 'Experience Paused', description: 'Triggers when an experience is paused.' },
  { key: 'experience_ended', event: 'endExperience', label: 'Experience Ended', description: 'Triggers when an experience is stopped or completed.' },
  { key: 'experience_updated', event: 'updateExperience', label: 'Experience Updated', description: "Triggers when an experience's settings are changed." },
  { key: 'experience_deleted', event: 'deleteExperience', label: 'Experience Deleted', description: 'Triggers when an experience is deleted.' },
];

export const eventTriggers = Object.fromEntries(
  EVENT_TRIGGER_TABLE.map((row) => [
    row.key,
    experienceHookTrigger({
      key: row.key,
      noun: 'Experience',
      label: row.label,
      description: row.description,
      events: () => [row.event],
      sampleEvent: row.event,
    }),
  ]),
);
