/**
 * The labels of the fields that describe an experience, defined once: the event triggers, the actions, the search
 * and the Experience dropdown all show them, so a Zap can swap one step for another and keep every mapping.
 */
import { outputFieldsOf, type OutputField } from '../output-field';
import type { ExperienceFields } from './describe';
import type { ExperienceRecord } from './record';

type Label = Omit<OutputField, 'key'>;

/** Every field `experienceFields` returns, plus the owning organization's ID (which items derive each their own way). */
export const EXPERIENCE_LABELS: Record<keyof ExperienceFields | 'organization_id', Label> = {
  experience_id: { label: 'Experience ID', type: 'string', required: true },
  experience_name: { label: 'Experience Name', type: 'string', required: true },
  experience_type: { label: 'Experience Type', type: 'string', required: true },
  experience_type_code: { label: 'Experience Type Code', type: 'string', required: true },
  experience_category: { label: 'Experience Category', type: 'string', required: true },
  experience_status: { label: 'Experience Status', type: 'string', required: true },
  organization_id: { label: 'Organization ID', type: 'string' },
  variations: { label: 'Variations', type: 'string' },
};

/** The untouched `experience` object's main keys, as Zapier flattens them (`experience__id`). */
export const EXPERIENCE_DETAIL_FIELDS: OutputField[] = [
  { key: 'experience__id', label: 'Experience Details: ID', type: 'string' },
  { key: 'experience__name', label: 'Experience Details: Name', type: 'string' },
  { key: 'experience__type', label: 'Experience Details: Type Code', type: 'string' },
  { key: 'experience__status', label: 'Experience Details: Status', type: 'string' },
  { key: 'experience__category', label: 'Experience Details: Category', type: 'string' },
];

/** The record's own fields beyond the shared ones: the compiler flags a new record field without a label. */
const recordDates: Record<Exclude<keyof ExperienceRecord, keyof typeof EXPERIENCE_LABELS | 'id' | 'experience'>, Label> = {
  created_at: { label: 'Created At', type: 'datetime' },
  started_at: { label: 'Started At', type: 'datetime' },
  paused_at: { label: 'Paused At', type: 'datetime' },
  ended_at: { label: 'Ended At', type: 'datetime' },
};

export const experienceRecordOutputFields: OutputField[] = [
  { key: 'id', label: 'ID', type: 'string', required: true },
  ...outputFieldsOf(EXPERIENCE_LABELS),
  ...EXPERIENCE_DETAIL_FIELDS,
  ...outputFieldsOf(recordDates),
];
