/**
 * One factory for every instant experience trigger: a table row (./instant-triggers.ts, ./any-experience-event.ts)
 * in, a Zapier hook trigger out. The Zapier edge is thin: it reads the headers and the stored subscription, hands
 * them to the pure delivery pipeline (src/webhook/check-delivery.ts, which `npm run inspect-delivery` runs too), and
 * keeps only what needs the Zap: its filters and its memory of repeats.
 */
import {
  defineTrigger,
  type Bundle,
  type InputField,
  type WebhookTriggerPerform,
  type WebhookTriggerPerformList,
  type ZObject,
} from 'zapier-platform-core';
import { apiClient } from '../api/client';
import { accountWebhookSecret } from '../authentication';
import { DELIVERY_HEADERS, type EventName } from '../contract/assumed';
import { readInput, withoutBundleContext } from '../errors';
import { experienceFilterFields, matchesExperienceFilters, readExperienceFilters } from '../inputs/experience-filter';
import type { ExperienceEventItem } from '../items/event/item';
import { experienceEventOutputFields } from '../items/event/output-fields';
import { listedEventItem, recentEvents } from '../items/event/recent';
import { experienceEventSample } from '../items/event/sample';
import { checkDelivery } from '../webhook/check-delivery';
import { readHeader } from '../webhook/read-header';
import { dedupeTtlSeconds, deliveryKey, isFirstDelivery } from './delivery-dedupe';
import { storedSubscription, subscribe, unsubscribe } from './subscription';

/** How many recent events `performList` returns for the editor's samples. */
export const PERFORM_LIST_LIMIT = 10;

/** One row of a trigger table: everything that tells one instant trigger from another. */
export interface InstantTriggerSpec {
  key: string;
  label: string;
  description: string;
  /** The event its static sample shows, and the one event it listens to unless `chooseEvents` says otherwise. */
  event: EventName;
  /** For a trigger whose user picks the events: reads them from the Zap's inputs. */
  chooseEvents?: (inputData: Record<string, unknown>) => EventName[];
  /** Defaults to "Experience". */
  noun?: string;
  /** Inputs shown before the Experience Type and Experience filters every instant trigger has. */
  inputFields?: InputField[];
}

export async function receiveDelivery(z: ZObject, bundle: Bundle, events: ReadonlyArray<EventName>): Promise<ExperienceEventItem[]> {
  const subscription = storedSubscription(bundle);
  const now = Date.now();
  const report = checkDelivery({
    rawBody: bundle.rawRequest?.content,
    signature: readHeader(bundle.rawRequest?.headers, DELIVERY_HEADERS.signature),
    eventHeader: readHeader(bundle.rawRequest?.headers, DELIVERY_HEADERS.event),
    secrets: [subscription.secret, accountWebhookSecret(bundle.authData)],
    listensTo: events,
    subscribedEvents: subscription.events?.length ? subscription.events : events,
    now,
  });
  const { outcome } = report;
  if (outcome.status === 'rejected') {
    // HaltedError, not Error: the run shows as stopped in the Zap's history with this reason, but it does not
    // count towards the errors that make Zapier turn a Zap off, so forged traffic cannot switch off a user's Zap.
    throw withoutBundleContext(new z.errors.HaltedError(outcome.message));
  }
  if (outcome.status === 'ignored') {
    z.console.log(outcome.message);
    return [];
  }
  const item = report.item!;
  // After the signature check, so only a genuine delivery is ever looked at; before dedupe, so nothing is stored for it.
  if (!matchesExperienceFilters(readExperienceFilters(bundle.inputData), { id: item.experience_id, type: item.experience_type_code })) {
    z.console.log(`Ignored ${item.action || 'an event'} for experience ${item.experience_id}: it does not match this Zap's Experience Type or Experience filter.`);
    return [];
  }
  const key = deliveryKey(subscription.id ?? 'account', report.digest!);
  if (!(await isFirstDelivery(z, key, dedupeTtlSeconds(report.timestampMs ?? null, now)))) {
    z.console.log(`Ignored a repeated delivery of ${item.action || 'an event'} for experience ${item.experience_id}: this Zap already ran for it.`);
    return [];
  }
  // What the run could not check or find, said once, for the run that happens.
  for (const note of report.notes) z.console.log(note);
  return [item];
}

export async function listRecentEvents(z: ZObject, bundle: Bundle, events: ReadonlyArray<EventName>): Promise<ExperienceEventItem[]> {
  const experiences = await apiClient(z, bundle).listAllExperiences({}, 'loading recent experience events');
  const filters = readExperienceFilters(bundle.inputData);
  const matching = experiences.filter((experience) => matchesExperienceFilters(filters, experience));
  return recentEvents(matching, events, PERFORM_LIST_LIMIT).map(listedEventItem);
}

export function instantTrigger(spec: InstantTriggerSpec) {
  const events = (z: ZObject, bundle: Bundle): EventName[] => (spec.chooseEvents ? readInput(z, () => spec.chooseEvents!(bundle.inputData)) : [spec.event]);
  const perform: WebhookTriggerPerform<Record<string, unknown>, ExperienceEventItem> = (z, bundle) => receiveDelivery(z, bundle, events(z, bundle));
  const performList: WebhookTriggerPerformList<Record<string, unknown>, ExperienceEventItem> = (z, bundle) => listRecentEvents(z, bundle, events(z, bundle));
  return defineTrigger({
    key: spec.key,
    noun: spec.noun ?? 'Experience',
    display: { label: spec.label, description: spec.description },
    operation: {
      type: 'hook',
      inputFields: [...(spec.inputFields ?? []), ...experienceFilterFields],
      performSubscribe: (z, bundle) => subscribe(z, bundle, events(z, bundle), spec.label),
      performUnsubscribe: (z, bundle) => unsubscribe(z, bundle),
      perform,
      performList,
      sample: experienceEventSample(spec.event),
      outputFields: experienceEventOutputFields,
    },
  });
}
