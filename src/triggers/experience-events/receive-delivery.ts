/**
 * An instant trigger's perform: the Zapier edge of one delivery. It reads the headers and the stored subscription,
 * hands them to the pure delivery pipeline (src/webhook/check-delivery.ts, which `npm run inspect-delivery` runs
 * too), and keeps only what needs the Zap: its filters and its memory of repeats.
 */
import type { Bundle, ZObject } from 'zapier-platform-core';
import { accountWebhookSecret } from '../../authentication';
import { DELIVERY_HEADERS, type EventName } from '../../contract/assumed';
import { withoutBundleContext } from '../../errors';
import { matchesExperienceFilters, readExperienceFilters } from '../../inputs/experience-filter';
import type { ExperienceEventItem } from '../../items/event/item';
import { checkDelivery } from '../../webhook/check-delivery';
import { readHeader } from '../../webhook/read-header';
import { dedupeTtlSeconds, deliveryKey, isFirstDelivery } from './delivery-dedupe';
import { storedSubscription } from './subscription';

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
    z.console.log(
      `Ignored ${item.action || 'an event'} for experience ${item.experience_id}: it does not match this Zap's Experience Type or Experience filter.`,
    );
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
