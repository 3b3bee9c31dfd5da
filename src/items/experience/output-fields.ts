/** Output fields for an experience record; the fields the event triggers also return keep the triggers' labels. */
import type { OutputField } from '../output-field';
import { experienceEventOutputFields } from '../event/output-fields';

const SHARED_KEYS = [
  'experience_id',
  'experience_name',
  'experience_type',
  'experience_type_code',
  'experience_category',
  'experience_status',
  'organization_id',
  'variations',
  'experience__id',
  'experience__name',
  'experience__type',
  'experience__status',
  'experience__category',
];

const shared = SHARED_KEYS.map((key) => {
  const field = experienceEventOutputFields.find((f) => f.key === key);
  if (!field) throw new Error(`event-output-fields has no field ${key}`);
  return field;
});

export const experienceRecordOutputFields: OutputField[] = [
  { key: 'id', label: 'ID', type: 'string', required: true },
  ...shared,
  { key: 'created_at', label: 'Created At', type: 'datetime' },
  { key: 'started_at', label: 'Started At', type: 'datetime' },
  { key: 'paused_at', label: 'Paused At', type: 'datetime' },
  { key: 'ended_at', label: 'Ended At', type: 'datetime' },
];
