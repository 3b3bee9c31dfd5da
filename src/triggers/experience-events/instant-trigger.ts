/**
 * The instant (REST hook) trigger factory: a row of the event trigger table (./table.ts) in, a Zapier hook trigger
 * out. Turning a Zap on subscribes it (./subscription.ts); each delivery goes through ./receive-delivery.ts; the
 * editor's samples come from the published list (./list-recent-events.ts).
 */
import { defineTrigger, type Bundle, type WebhookTriggerPerform, type WebhookTriggerPerformList, type ZObject } from 'zapier-platform-core';
import type { EventName } from '../../contract/assumed';
import { readInput } from '../../errors';
import { experienceFilterFields } from '../../inputs/experience-filter';
import type { ExperienceEventItem } from '../../items/event/item';
import { experienceEventOutputFields } from '../../items/event/output-fields';
import { experienceEventSample } from '../../webhook/sample';
import { listRecentEvents } from './list-recent-events';
import { receiveDelivery } from './receive-delivery';
import { subscribe, unsubscribe } from './subscription';
import type { EventTriggerSpec } from './table';

/** The events a Zap of this trigger runs for: the row's own, or the ones its user picked. */
export function eventsOf(spec: EventTriggerSpec, z: ZObject, bundle: Bundle): EventName[] {
  return spec.chooseEvents ? readInput(z, () => spec.chooseEvents!(bundle.inputData)) : [spec.event];
}

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
      performSubscribe: (z, bundle) => subscribe(z, bundle, eventsOf(spec, z, bundle), spec.label),
      performUnsubscribe: (z, bundle) => unsubscribe(z, bundle),
      perform,
      performList,
      sample: experienceEventSample(spec.event),
      outputFields: experienceEventOutputFields,
    },
  });
}
