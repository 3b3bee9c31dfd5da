/**
 * A delivery's reading (the tolerant reader of the assumed body, src/contract/read-delivery.ts) as source-neutral
 * event facts, for the one shaper every event item goes through (src/items/event/item.ts).
 */
import type { DeliveryReading } from '../contract/read-delivery';
import { EVENT_TEXT_FACTS, type EventFacts, type EventTextFact } from '../items/event/facts';

/**
 * `undatedId` stands in for the time in the id when the delivery carries none (the pipeline passes a digest of the
 * signature, which is the same on every retry of one delivery).
 */
export function deliveryFacts(reading: DeliveryReading, undatedId = 'undated'): EventFacts {
  const text = {} as Record<EventTextFact, string>;
  for (const fact of EVENT_TEXT_FACTS) text[fact] = reading.fields[fact]?.value ?? '';
  const timestampMs = reading.timestamp.kind === 'time' ? reading.timestamp.ms : null;
  return {
    action: reading.event.kind === 'known' ? reading.event.name : '',
    timestampMs,
    idTime: timestampMs ?? undatedId,
    text,
    variations: reading.variations ? reading.variations.value : null,
    experience: reading.experience,
    organization: reading.organization,
    raw: reading.raw,
  };
}
