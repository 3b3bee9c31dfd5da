/** Every experience event trigger, by key, in the table's order. */
import { instantTrigger } from './instant-trigger';
import { EVENT_TRIGGER_TABLE } from './table';

export const experienceEventTriggers = Object.fromEntries(EVENT_TRIGGER_TABLE.map((row) => [row.key, instantTrigger(row)]));
