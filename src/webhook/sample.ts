/**
 * The instant triggers' static sample: a realistic delivery of the given kind, read by the same reader and shaped by
 * the same code as a real delivery, so it cannot drift from what `perform` returns.
 */
import type { EventName } from '../contract/assumed';
import { readDelivery } from '../contract/read-delivery';
import { toEventItem, type ExperienceEventItem } from '../items/event/item';
import { SAMPLE_EXPERIENCE, SAMPLE_ORGANIZATION } from '../items/sample-data';
import { deliveryFacts } from './event-facts';

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

export function experienceEventSample(action: EventName): ExperienceEventItem {
  return toEventItem(deliveryFacts(readDelivery(sampleDeliveryBody(action))));
}
