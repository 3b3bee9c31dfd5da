/** Every experience event trigger, by key: each row of the table gives an instant trigger and its polling twin. */
import { instantTrigger } from './instant-trigger';
import { pollingTrigger } from './polling-trigger';
import { EVENT_TRIGGER_TABLE, POLLING_EVENT_TRIGGERS } from './table';

export const experienceEventTriggers = Object.fromEntries([
  ...EVENT_TRIGGER_TABLE.map((spec) => [spec.key, instantTrigger(spec)] as const),
  ...POLLING_EVENT_TRIGGERS.map((spec) => [spec.key, pollingTrigger(spec)] as const),
]);
