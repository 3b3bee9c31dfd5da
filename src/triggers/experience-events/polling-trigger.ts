/**
 * The polling trigger factory: a row of the event trigger table (./table.ts) in, a Zapier polling trigger out, with
 * the same inputs, output fields and item keys as its instant twin, so a Zap can switch between the two without
 * remapping. Each poll reads the published list (./poll-events.ts); it needs no webhook API, so it works on every
 * account.
 */
import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import { experienceFilterFields } from '../../inputs/experience-filter';
import type { ExperienceEventItem } from '../../items/event/item';
import { experienceEventOutputFields } from '../../items/event/output-fields';
import { listedEventSample } from '../../items/event/sample';
import { pollEvents } from './poll-events';
import { eventsOf, type EventTriggerSpec } from './table';

export function pollingTrigger(spec: EventTriggerSpec) {
  const perform: PollingTriggerPerform<Record<string, unknown>, ExperienceEventItem> = (z, bundle) => pollEvents(z, bundle, eventsOf(spec, z, bundle));
  return defineTrigger({
    key: spec.key,
    noun: spec.noun ?? 'Experience',
    display: { label: spec.label, description: spec.description },
    operation: {
      type: 'polling',
      inputFields: [...(spec.inputFields ?? []), ...experienceFilterFields],
      perform,
      sample: listedEventSample(spec.event),
      outputFields: experienceEventOutputFields,
    },
  });
}
