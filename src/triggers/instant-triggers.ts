/** The six per-event instant triggers: one row each, and each row is the factory's spec. */
import { instantTrigger, type InstantTriggerSpec } from './instant-trigger';

export const INSTANT_TRIGGER_TABLE: ReadonlyArray<InstantTriggerSpec> = [
  { key: 'experience_created', event: 'createExperience', label: 'New Experience', description: 'Triggers when a new test or personalization is created.' },
  { key: 'experience_started', event: 'startExperience', label: 'Experience Started', description: 'Triggers when an experience goes live.' },
  { key: 'experience_paused', event: 'pauseExperience', label: 'Experience Paused', description: 'Triggers when an experience is paused.' },
  { key: 'experience_ended', event: 'endExperience', label: 'Experience Ended', description: 'Triggers when an experience is stopped or completed.' },
  { key: 'experience_updated', event: 'updateExperience', label: 'Experience Updated', description: "Triggers when an experience's settings are changed." },
  { key: 'experience_deleted', event: 'deleteExperience', label: 'Experience Deleted', description: 'Triggers when an experience is deleted.' },
];

export const instantTriggers = Object.fromEntries(INSTANT_TRIGGER_TABLE.map((row) => [row.key, instantTrigger(row)]));
