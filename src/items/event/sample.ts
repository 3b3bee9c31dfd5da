/** A realistic static sample, typed with the item type so it cannot drift from what `perform` returns. */
import type { EventName } from '../../contract/assumed';
import { SAMPLE_EXPERIENCE, SAMPLE_ORGANIZATION } from '../sample-data';
import { toEventItem, type ExperienceEventItem } from './item';

/** Built by the same shaping code as a real delivery, from a realistic event of the given kind. */
export function experienceEventSample(action: EventName): ExperienceEventItem {
  return toEventItem({
    action,
    timestamp: 1764412200000,
    experience: SAMPLE_EXPERIENCE,
    organization: SAMPLE_ORGANIZATION,
    triggeredBy: { email: 'jane@acme.example', name: 'Jane Doe' },
  });
}
