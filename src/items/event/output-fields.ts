/** Labels for every field of an experience event item, in the order a user sees them when mapping. */
import type { ExperienceEventItem } from './item';
import { outputFieldsOf, type OutputField } from '../output-field';

type TopLevelKey = Exclude<keyof ExperienceEventItem, 'experience' | 'organization'>;

const topLevel: Record<TopLevelKey, Omit<OutputField, 'key'>> = {
  experience_name: { label: 'Experience Name', type: 'string', required: true },
  action_type: { label: 'Action Type', type: 'string', required: true },
  experience_type: { label: 'Experience Type', type: 'string', required: true },
  timestamp: { label: 'Timestamp', type: 'datetime', required: true },
  experience_id: { label: 'Experience ID', type: 'string', required: true },
  triggered_by_email: { label: 'Triggered By Email', type: 'string' },
  id: { label: 'Event ID', type: 'string', required: true },
  action: { label: 'Event Name', type: 'string', required: true },
  experience_type_code: { label: 'Experience Type Code', type: 'string', required: true },
  experience_category: { label: 'Experience Category', type: 'string', required: true },
  experience_status: { label: 'Experience Status', type: 'string', required: true },
  triggered_by_name: { label: 'Triggered By Name', type: 'string' },
  organization_id: { label: 'Organization ID', type: 'string' },
  organization_name: { label: 'Organization Name', type: 'string' },
  shop: { label: 'Shop Domain', type: 'string' },
  variations: { label: 'Variations', type: 'string' },
  summary: { label: 'Summary', type: 'string', required: true },
};

export const experienceEventOutputFields: OutputField[] = [
  ...outputFieldsOf(topLevel),
  { key: 'experience__id', label: 'Experience Details: ID', type: 'string' },
  { key: 'experience__name', label: 'Experience Details: Name', type: 'string' },
  { key: 'experience__type', label: 'Experience Details: Type Code', type: 'string' },
  { key: 'experience__status', label: 'Experience Details: Status', type: 'string' },
  { key: 'experience__category', label: 'Experience Details: Category', type: 'string' },
  { key: 'organization__id', label: 'Organization Details: ID', type: 'string' },
  { key: 'organization__name', label: 'Organization Details: Name', type: 'string' },
  { key: 'organization__shopId', label: 'Organization Details: Shop Domain', type: 'string' },
];
