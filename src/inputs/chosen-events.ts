/** The "Events" input of Any Experience Event, read in code; an unknown event is an InvalidInputError naming the field. */
import { EVENT_NAMES, isEventName, type EventName } from '../contract/assumed';
import { EVENT_CATALOG } from '../items/event/catalog';
import { InvalidInputError } from './invalid-input';
import { choicesOf } from './choices';

export const EVENTS_FIELD_LABEL = 'Events';

/**
 * The chosen events; none chosen means all six. Zapier sends a list field as an array, but a mapped or
 * custom value can arrive as one comma-separated string, so both are read. Labels ("Start Experience") are
 * accepted too, since that is what a user sees and may type.
 */
export function chosenEvents(value: unknown): EventName[] {
  const raw = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : value == null ? [] : [value];
  const chosen = new Set<EventName>();
  for (const entry of raw) {
    if (entry == null) continue;
    if (typeof entry !== 'string') throw unknownEvent(String(entry));
    const text = entry.trim();
    if (text === '') continue;
    const event = isEventName(text) ? text : EVENT_NAMES.find((name) => EVENT_CATALOG[name].actionType.toLowerCase() === text.toLowerCase());
    if (!event) throw unknownEvent(text);
    chosen.add(event);
  }
  // In Intelligems' own order, so the subscription body does not depend on the order of clicks.
  return chosen.size === 0 ? [...EVENT_NAMES] : EVENT_NAMES.filter((name) => chosen.has(name));
}

function unknownEvent(text: string): InvalidInputError {
  const offered = EVENT_NAMES.map((name) => `${EVENT_CATALOG[name].actionType} (${name})`).join(', ');
  return new InvalidInputError(
    'events',
    `The ${EVENTS_FIELD_LABEL} field has “${text}”, which is not an Intelligems experience event. Pick from: ${offered}; or leave it empty for all six.`,
  );
}

/** The field itself, beside the reader that reads it. */
export const eventsField = {
  key: 'events',
  label: EVENTS_FIELD_LABEL,
  type: 'string' as const,
  list: true,
  required: false,
  choices: choicesOf(EVENT_NAMES.map((name) => [name, EVENT_CATALOG[name].actionType])),
  helpText: 'The experience events that run this Zap. Leave empty for all six. The **Action Type** field of each result says which one happened.',
};
