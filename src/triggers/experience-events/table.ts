/**
 * The experience event triggers, one row each: label, event, description and inputs stated once. Each row is the
 * spec a trigger factory takes (today the instant one, ./instant-trigger.ts); every row also gets the Experience Type
 * and Experience filters (src/inputs/experience-filter.ts).
 */
import type { InputField } from 'zapier-platform-core';
import type { EventName } from '../../contract/assumed';
import { chosenEvents, eventsField } from '../../inputs/chosen-events';

export interface EventTriggerSpec {
  key: string;
  label: string;
  description: string;
  /** The event its static sample shows, and the one event it listens to unless `chooseEvents` says otherwise. */
  event: EventName;
  /** For a trigger whose user picks the events: reads them from the Zap's inputs. */
  chooseEvents?: (inputData: Record<string, unknown>) => EventName[];
  /** Defaults to "Experience". */
  noun?: string;
  /** Inputs shown before the Experience Type and Experience filters every event trigger has. */
  inputFields?: InputField[];
}

/** The six triggers for one event each. */
export const SINGLE_EVENT_TRIGGERS = [
  { key: 'experience_created', event: 'createExperience', label: 'New Experience', description: 'Triggers when a new test or personalization is created.' },
  { key: 'experience_started', event: 'startExperience', label: 'Experience Started', description: 'Triggers when an experience goes live.' },
  { key: 'experience_paused', event: 'pauseExperience', label: 'Experience Paused', description: 'Triggers when an experience is paused.' },
  { key: 'experience_ended', event: 'endExperience', label: 'Experience Ended', description: 'Triggers when an experience is stopped or completed.' },
  { key: 'experience_updated', event: 'updateExperience', label: 'Experience Updated', description: "Triggers when an experience's settings are changed." },
  { key: 'experience_deleted', event: 'deleteExperience', label: 'Experience Deleted', description: 'Triggers when an experience is deleted.' },
] as const satisfies ReadonlyArray<EventTriggerSpec>;

/** "Any Experience Event": the events the user picks, in one trigger. */
export const ANY_EVENT_TRIGGER: EventTriggerSpec = {
  key: 'experience_event',
  noun: 'Experience Event',
  label: 'Any Experience Event',
  description: 'Triggers when an experience is created, started, paused, ended, updated or deleted (you choose which).',
  event: 'startExperience',
  chooseEvents: (inputData: Record<string, unknown>) => chosenEvents(inputData.events),
  inputFields: [eventsField],
};

export const EVENT_TRIGGER_TABLE: ReadonlyArray<EventTriggerSpec> = [...SINGLE_EVENT_TRIGGERS, ANY_EVENT_TRIGGER];
