/**
 * The instant triggers' static sample: a realistic delivery of the given kind, read by the same reader and shaped by
 * the same code as a real delivery, so it cannot drift from what `perform` returns.
 */
import type { EventName } from '../contract/assumed';
import { readDelivery } from '../contract/read-delivery';
import { toEventItem, type ExperienceEventItem } from '../items/event/item';
import { SAMPLE_EVENT_EXPERIENCE, SAMPLE_EVENT_TIME, SAMPLE_ORGANIZATION, SAMPLE_USER } from '../items/sample-data';
import { deliveryFacts } from './event-facts';

/** The body the assumed contract describes for an event of this kind, with the experience a sample needs: the sample's `raw`. */
export function sampleDeliveryBody(action: EventName) {
  return {
    action,
    timestamp: SAMPLE_EVENT_TIME,
    experience: SAMPLE_EVENT_EXPERIENCE,
    organization: SAMPLE_ORGANIZATION,
    triggeredBy: { email: SAMPLE_USER.email, name: `${SAMPLE_USER.firstName} ${SAMPLE_USER.lastName}` },
  };
}

export function experienceEventSample(action: EventName): ExperienceEventItem {
  return toEventItem(deliveryFacts(readDelivery(sampleDeliveryBody(action))));
}
