/**
 * The app's delivery path (the pipeline perform runs: verify + parse + read + shape, no Zapier runtime around it)
 * against the least any receiver must do with the same bytes: one HMAC, one constant-time compare, one JSON.parse.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { EVENT_NAMES } from '../src/contract/assumed';
import { checkDelivery } from '../src/webhook/check-delivery';
import type { ExperienceEventItem } from '../src/items/event/item';
import { BENCH_SECRET, deliveryOfSize, type SignedDelivery } from './delivery-fixtures';
import { interleavedRatio, median, type RatioResult } from './stats';

/** What `perform` does with a delivery, minus the Zapier runtime and the dedupe cache. */
export function appDeliveryPath(delivery: SignedDelivery): ExperienceEventItem {
  const report = checkDelivery({ rawBody: delivery.content, signature: delivery.signature, secrets: [BENCH_SECRET], listensTo: EVENT_NAMES });
  if (report.outcome.status !== 'accepted') throw new Error(`bench fixture was not accepted: ${JSON.stringify(report.outcome)}`);
  return report.item!;
}

export function baselinePath(delivery: SignedDelivery): unknown {
  const expected = createHmac('sha256', BENCH_SECRET).update(delivery.content).digest();
  const received = Buffer.from(delivery.signature, 'hex');
  if (!timingSafeEqual(expected, received)) throw new Error('baseline signature mismatch');
  return JSON.parse(delivery.content);
}

export function receiveRatio(bytes: number, options: { rounds: number; iterations: number }): RatioResult & { bytes: number } {
  const delivery = deliveryOfSize(bytes);
  // The same check both ways first: a benchmark of a path that fails would measure the failure.
  appDeliveryPath(delivery);
  baselinePath(delivery);
  let sink: unknown;
  const result = interleavedRatio(
    () => {
      sink = baselinePath(delivery);
    },
    () => {
      sink = appDeliveryPath(delivery);
    },
    options,
  );
  void sink;
  return { ...result, bytes: delivery.bytes };
}

/** One 10 MB delivery (Zapier's webhook ceiling) through the path; the median of a few single runs. */
export function receiveLargeMs(bytes: number, runs: number): { ms: number; bytes: number } {
  const delivery = deliveryOfSize(bytes);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    appDeliveryPath(delivery);
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return { ms: median(times), bytes: delivery.bytes };
}
