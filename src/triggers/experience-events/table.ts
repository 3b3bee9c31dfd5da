/**
 * The experience event triggers, one row per event: key, label, event and inputs stated once. Each row feeds both
 * factories: the instant one (./instant-trigger.ts, a REST hook that needs webhook subscriptions through the API) and
 * the polling one (./polling-trigger.ts, which reads the published list and works on every account). Every trigger
 * also gets the Experience Type and Experience filters (src/inputs/experience-filter.ts).
 */
import type { Bundle, InputField, ZObject } from 'zapier-platform-core';
import type { EventName } from '../../contract/assumed';
import { readInput } from '../../errors';
import { chosenEvents, eventsField } from '../../inputs/chosen-events';

export interface EventTriggerRow {
  /** The instant trigger's key; its polling twin's is this with `_poll` after it. */
  key: string;
  /** The polling trigger's label; the instant one's adds INSTANT_MARK. */
  label: string;
  /** What happens, after "Triggers when": "an experience goes live". */
  when: string;
  /** The event its sample shows, and the one event it listens to unless `chooseEvents` says otherwise. */
  event: EventName;
  /** For a trigger whose user picks the events: reads them from the Zap's inputs. */
  chooseEvents?: (inputData: Record<string, unknown>) => EventName[];
  /** Defaults to "Experience". */
  noun?: string;
  /** Inputs shown before the Experience Type and Experience filters every event trigger has. */
  inputFields?: InputField[];
}

/** What a trigger factory takes: the row, with the key, label and description of one of its two triggers. */
export interface EventTriggerSpec extends Omit<EventTriggerRow, 'when'> {
  description: string;
  /** The polling twin's label: an instant trigger names it when the account has no webhook API. */
  pollingLabel: string;
}

/** What sets an instant trigger's label apart: it needs webhook subscriptions, which not every account offers. */
export const INSTANT_MARK = ' (Webhook)';
export const POLL_KEY_SUFFIX = '_poll';

/** The six triggers for one event each, then "Any Experience Event": the events the user picks, in one trigger. */
export const EVENT_TRIGGER_ROWS: ReadonlyArray<EventTriggerRow> = [
  { key: 'experience_created', event: 'createExperience', label: 'New Experience', when: 'a new test or personalization is created' },
  { key: 'experience_started', event: 'startExperience', label: 'Experience Started', when: 'an experience goes live' },
  { key: 'experience_paused', event: 'pauseExperience', label: 'Experience Paused', when: 'an experience is paused' },
  { key: 'experience_ended', event: 'endExperience', label: 'Experience Ended', when: 'an experience is stopped or completed' },
  { key: 'experience_updated', event: 'updateExperience', label: 'Experience Updated', when: "an experience's settings are changed" },
  { key: 'experience_deleted', event: 'deleteExperience', label: 'Experience Deleted', when: 'an experience is deleted' },
  {
    key: 'experience_event',
    noun: 'Experience Event',
    label: 'Any Experience Event',
    when: 'an experience is created, started, paused, ended, updated or deleted (you choose which)',
    event: 'startExperience',
    chooseEvents: (inputData: Record<string, unknown>) => chosenEvents(inputData.events),
    inputFields: [eventsField],
  },
];

export function instantSpec({ when, ...row }: EventTriggerRow): EventTriggerSpec {
  return {
    ...row,
    label: `${row.label}${INSTANT_MARK}`,
    description: `Triggers when ${when}, instantly. Needs webhook subscriptions, which not every Intelligems account offers; otherwise use ${row.label}.`,
    pollingLabel: row.label,
  };
}

export function pollingSpec({ when, ...row }: EventTriggerRow): EventTriggerSpec {
  return {
    ...row,
    key: `${row.key}${POLL_KEY_SUFFIX}`,
    description: `Triggers when ${when}. Checks for new events every few minutes; works on every account.`,
    pollingLabel: row.label,
  };
}

/** The instant triggers, in the table's order: the six for one event each, then Any Experience Event. */
export const EVENT_TRIGGER_TABLE: ReadonlyArray<EventTriggerSpec> = EVENT_TRIGGER_ROWS.map(instantSpec);
export const SINGLE_EVENT_TRIGGERS: ReadonlyArray<EventTriggerSpec> = EVENT_TRIGGER_TABLE.filter((spec) => !spec.chooseEvents);
export const ANY_EVENT_TRIGGER: EventTriggerSpec = EVENT_TRIGGER_TABLE.find((spec) => spec.chooseEvents)!;
/** The polling twins, in the same order. */
export const POLLING_EVENT_TRIGGERS: ReadonlyArray<EventTriggerSpec> = EVENT_TRIGGER_ROWS.map(pollingSpec);

/** The events a Zap of this trigger runs for: the row's own, or the ones its user picked. */
export function eventsOf(spec: EventTriggerSpec, z: ZObject, bundle: Bundle): EventName[] {
  return spec.chooseEvents ? readInput(z, () => spec.chooseEvents!(bundle.inputData)) : [spec.event];
}
