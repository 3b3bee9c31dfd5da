/**
 * One factory for every instant experience trigger (linear-zapier style: a shared operation spread per event).
 * The Zapier edge is thin: verification, parsing and shaping are the plain functions in src/delivery and src/events.
 */
import type { Bundle, ZObject } from 'zapier-platform-core';
import { apiClient } from '../api/client';
import type { EventName } from '../contract/assumed';
import { DeliveryRejectedError, verifyDelivery } from '../webhook/verify-delivery';
import { toEventItem, type ExperienceEventItem } from '../items/event/item';
import { recentEvents } from '../items/event/recent';
import { matchesExperienceFilters, readExperienceFilters } from '../inputs/experience-filter';
import { readInput } from '../inputs/invalid-input';
import { withoutBundleContext } from '../errors';
import { deliveryKey, isFirstDelivery } from './delivery-dedupe';
import { experienceEventOutputFields } from '../items/event/output-fields';
import { experienceEventSample } from '../items/event/sample';
import { experienceFilterFields } from './experience-filter-fields';
import { subscribe, unsubscribe, type SubscribeData } from './subscription';

/** How many recent events `performList` returns for the editor's samples. */
export const PERFORM_LIST_LIMIT = 10;

export interface HookTriggerSpec {
  key: string;
  noun: string;
  label: string;
  description: string;
  /** The events a Zap listens to: fixed for the per-event triggers, chosen by the user for "any event". */
  events: (bundle: Bundle) => EventName[];
  /** The event the static sample shows. */
  sampleEvent: EventName;
  inputFields?: unknown[];
}

export async function receiveDelivery(z: ZObject, bundle: Bundle, events: ReadonlyArray<EventName>): Promise<ExperienceEventItem[]> {
  const subscribeData = (bundle.subscribeData ?? {}) as Partial<SubscribeData>;
  let verified;
  try {
    verified = verifyDelivery({
      rawBody: bundle.rawRequest?.content,
      headers: bundle.rawRequest?.headers,
      secrets: [subscribeData.secret, bundle.authData?.webhookSecret],
    });
  } catch (error) {
    if (error instanceof DeliveryRejectedError) {
      // HaltedError, not Error: the run shows as stopped in the Zap's history with this reason, but it does not
      // count towards the errors that make Zapier turn a Zap off, so forged traffic cannot switch off a user's Zap.
      throw withoutBundleContext(new z.errors.HaltedError(error.message));
    }
    throw new z.errors.Error(`Could not process the Intelligems delivery: ${(error as Error).message}`, 'DeliveryFailed');
  }
  const { body, signature } = verified;
  if (!(events as ReadonlyArray<string>).includes(body.action)) return [];
  // After the signature check, so only a genuine delivery is ever looked at; before dedupe, so nothing is stored for it.
  if (!matchesExperienceFilters(readExperienceFilters(bundle.inputData), body.experience)) {
    z.console.log(`Ignored ${body.action} for experience ${body.experience.id}: it does not match this Zap's Experience Type or Experience filter.`);
    return [];
  }
  if (!(await isFirstDelivery(z, deliveryKey(subscribeData.id ?? 'account', signature)))) {
    z.console.log(`Ignored a repeated delivery of ${body.action} for experience ${body.experience.id}: this Zap already ran for it.`);
    return [];
  }
  return [toEventItem({ ...body, action: body.action as EventName })];
}

export async function listRecentEvents(z: ZObject, bundle: Bundle, events: ReadonlyArray<EventName>): Promise<ExperienceEventItem[]> {
  const experiences = await apiClient(z, bundle).listAllExperiences({}, 'loading recent experience events');
  const filters = readExperienceFilters(bundle.inputData);
  const matching = experiences.filter((experience) => matchesExperienceFilters(filters, experience));
  return recentEvents(matching, events, PERFORM_LIST_LIMIT).map(toEventItem);
}

export function experienceHookTrigger(spec: HookTriggerSpec) {
  return {
    key: spec.key,
    noun: spec.noun,
    display: { label: spec.label, description: spec.description },
    operation: {
      type: 'hook' as const,
      inputFields: [...(spec.inputFields ?? []), ...experienceFilterFields],
      performSubscribe: (z: ZObject, bundle: Bundle) => subscribe(z, bundle, readInput(z, () => spec.events(bundle)), spec.label),
      performUnsubscribe: (z: ZObject, bundle: Bundle) => unsubscribe(z, bundle),
      perform: (z: ZObject, bundle: Bundle) => receiveDelivery(z, bundle, readInput(z, () => spec.events(bundle))),
      performList: (z: ZObject, bundle: Bundle) => listRecentEvents(z, bundle, readInput(z, () => spec.events(bundle))),
      sample: experienceEventSample(spec.sampleEvent),
      outputFields: experienceEventOutputFields,
    },
  };
}
