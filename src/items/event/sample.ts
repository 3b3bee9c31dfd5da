/** A realistic static sample, typed with the item type so it cannot drift from what `perform` returns. */
import type { EventName } from '../../contract/assumed';
import { readDelivery } from '../../contract/read-delivery';
import { SAMPLE_EXPERIENCE, SAMPLE_ORGANIZATION } from '../sample-data';
import { toEventItem, type ExperienceEventItem } from './item';

/** The body the assumed contract describes for an event of this kind: the sample's `raw`. */
export function sampleDeliveryBody(action: EventName) {
  return {
    action,
    timestamp: 1764412200000,
    experience: SAMPLE_EXPERIENCE,
    organization: SAMPLE_ORGANIZATION,
    triggeredBy: { email: 'jane@acme.example', name: 'Jane Doe' },
  };
}

/** Built by the same reader and shaping as a real delivery, from a realistic delivery of the given kind. */
export function experienceEventSample(action: EventName): ExperienceEventItem {
  return toEventItem(readDelivery(sampleDeliveryBody(action)));
}
