/**
 * Event names read loosely. Intelligems has published "Create, Start, Pause, End, Update and Delete Experience" but not
 * how a delivery spells them, so `startExperience`, `start_experience`, `experience.started`, `Start Experience` and
 * `EXPERIENCE_STARTED` all name one event: the same two words, in either order, in any case and separator, with the
 * verb in its plain, past or third-person form.
 */
import { EVENT_NAMES, isEventName, type EventName } from './assumed';

const NOUN = 'experience';

/** "create" → create, created, creates; "start" → start, started, starts. */
function verbForms(verb: string): string[] {
  return [verb, verb.endsWith('e') ? `${verb}d` : `${verb}ed`, `${verb}s`];
}

/** Every accepted verb form, to the event it names (derived from the assumed names: `startExperience` → start). */
const EVENT_BY_VERB = new Map<string, EventName>(
  EVENT_NAMES.flatMap((name) => verbForms(name.slice(0, -NOUN.length).toLowerCase()).map((form) => [form, name] as const)),
);

/** The words of a name: camelCase humps and any run of non-letters split it; lower case. */
function words(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '');
}

/** The experience event a name means, or null when it names none of the six. */
export function matchEventName(text: string): EventName | null {
  // The assumed spelling, as every delivery is expected to carry it: no splitting needed.
  if (isEventName(text)) return text;
  // Real names are a few words; a long string is not one, and is not worth splitting.
  if (text.length > 64) return null;
  const parts = words(text);
  if (parts.length !== 2) return null;
  const [first, second] = parts as [string, string];
  const verb = first === NOUN ? second : second === NOUN ? first : null;
  return verb === null ? null : (EVENT_BY_VERB.get(verb) ?? null);
}
