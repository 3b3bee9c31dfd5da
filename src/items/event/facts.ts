/**
 * What is known of one experience event, whatever told us: a signed delivery (src/webhook/event-facts.ts) or an
 * item of the published experiences list (./from-experience.ts). The item a Zap maps is shaped from these alone
 * (./item.ts), so both sources give the same keys, and neither reads through the other's reader.
 */
import type { EventName } from '../../contract/assumed';

export type JsonObject = Record<string, unknown>;

/** The text facts an event item carries; each is '' when its source did not say. */
export const EVENT_TEXT_FACTS = [
  'experience_id',
  'experience_name',
  'experience_type_code',
  'experience_category',
  'experience_status',
  'organization_id',
  'organization_name',
  'shop',
  'triggered_by_email',
  'triggered_by_name',
] as const;
export type EventTextFact = (typeof EVENT_TEXT_FACTS)[number];

export interface EventFacts {
  /** Empty when nothing said which event it is (a subscription to several events, and a body and header silent). */
  action: EventName | '';
  /** When it happened (Unix ms), when that is a usable date. */
  timestampMs: number | null;
  /**
   * What stands for the time in the item's id: the time itself when known, else something just as stable (a digest of
   * the delivery's signature, or the listed time even when it is no usable date), so one event keeps one id.
   */
  idTime: number | string;
  text: Record<EventTextFact, string>;
  variations: unknown[] | null;
  experience: JsonObject;
  organization: JsonObject;
  /** The source exactly as read: a delivery's body, or what the list knows of the event. */
  raw: JsonObject;
}
