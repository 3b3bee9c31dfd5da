/** Labels for every field of an experience event item, in the order a user sees them when mapping. */
import { EXPERIENCE_DETAIL_FIELDS, EXPERIENCE_LABELS } from '../experience/output-fields';
import { outputFieldsOf, type OutputField } from '../output-field';
import type { ExperienceEventItem } from './item';

type TopLevelKey = Exclude<keyof ExperienceEventItem, 'experience' | 'organization' | 'raw'>;

// The shared experience labels keep their place among the event's own: the first six are Intelligems' Sheets columns.
const topLevel: Record<TopLevelKey, Omit<OutputField, 'key'>> = {
  experience_name: EXPERIENCE_LABELS.experience_name,
  action_type: { label: 'Action Type', type: 'string', required: true },
  experience_type: EXPERIENCE_LABELS.experience_type,
  timestamp: { label: 'Timestamp', type: 'datetime', required: true },
  experience_id: EXPERIENCE_LABELS.experience_id,
  triggered_by_email: { label: 'Triggered By Email', type: 'string' },
  id: { label: 'Event ID', type: 'string', required: true },
  action: { label: 'Event Name', type: 'string', required: true },
  experience_type_code: EXPERIENCE_LABELS.experience_type_code,
  experience_category: EXPERIENCE_LABELS.experience_category,
  experience_status: EXPERIENCE_LABELS.experience_status,
  triggered_by_name: { label: 'Triggered By Name', type: 'string' },
  organization_id: EXPERIENCE_LABELS.organization_id,
  organization_name: { label: 'Organization Name', type: 'string' },
  shop: { label: 'Shop Domain', type: 'string' },
  variations: EXPERIENCE_LABELS.variations,
  summary: { label: 'Summary', type: 'string', required: true },
};

/**
 * Without `type: 'string'`, Zapier's default: fourteen triggers (seven instant, seven polling) carry these fields,
 * and the app definition's size costs every call Zapier makes.
 */
export const experienceEventOutputFields: OutputField[] = (
  [
    ...outputFieldsOf(topLevel),
    ...EXPERIENCE_DETAIL_FIELDS,
    { key: 'organization__id', label: 'Organization Details: ID', type: 'string' },
    { key: 'organization__name', label: 'Organization Details: Name', type: 'string' },
    { key: 'organization__shopId', label: 'Organization Details: Shop Domain', type: 'string' },
    // `raw` (a delivery's body as received, or what the list says of the event) is labelled by Zapier itself ("Raw Action").
  ] satisfies OutputField[]
).map(({ type, ...field }) => (type === 'string' ? field : { ...field, type }));
