/**
 * The instant (REST hook) trigger factory: a row of the event trigger table (./table.ts) in, a Zapier hook trigger
 * out. Turning a Zap on subscribes it (./subscription.ts), or says to use the polling twin on an account without the
 * webhook API; each delivery goes through ./receive-delivery.ts; the editor's samples come from the published list
 * (./list-recent-events.ts), read as the polling twin reads it.
 */
import { defineTrigger, type WebhookTriggerPerform, type WebhookTriggerPerformList } from 'zapier-platform-core';
import { experienceFilterFields } from '../../inputs/experience-filter';
import type { ExperienceEventItem } from '../../items/event/item';
import { experienceEventOutputFields } from '../../items/event/output-fields';
import { experienceEventSample } from '../../webhook/sample';
import { listRecentEvents } from './list-recent-events';
import { receiveDelivery } from './receive-delivery';
import { subscribe, unsubscribe } from './subscription';
import { eventsOf, type EventTriggerSpec } from './table';

export function instantTrigger(spec: EventTriggerSpec) {
  const perform: WebhookTriggerPerform<Record<string, unknown>, ExperienceEventItem> = (z, bundle) => receiveDelivery(z, bundle, eventsOf(spec, z, bundle));
  const performList: WebhookTriggerPerformList<Record<string, unknown>, ExperienceEventItem> = (z, bundle) =>
    listRecentEvents(z, bundle, eventsOf(spec, z, bundle));
  return defineTrigger({
    key: spec.key,
    noun: spec.noun ?? 'Experience',
    display: { label: spec.label, description: spec.description },
    operation: {
      type: 'hook',
      inputFields: [...(spec.inputFields ?? []), ...experienceFilterFields],
      performSubscribe: (z, bundle) => subscribe(z, bundle, eventsOf(spec, z, bundle), spec),
      performUnsubscribe: (z, bundle) => unsubscribe(z, bundle),
      perform,
      performList,
      sample: experienceEventSample(spec.event),
      outputFields: experienceEventOutputFields,
    },
  });
}
