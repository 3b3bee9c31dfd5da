/**
 * Every shape of delivery body the tolerant reader accepts (docs/assumed-contract.md lists them), each with the item
 * fields it carries. The unit tests read them through the pipeline, the app tests through the real perform; both
 * also check that an unsigned or mis-signed copy of each is refused.
 */
import type { EventName } from '../../src/contract/assumed';

const VARIATIONS = [
  { id: 'var_control', name: 'Control', percentage: 50, isControl: true, order: 0 },
  { id: 'var_plus10', name: '+10% price', percentage: 50, isControl: false, order: 1 },
];

/** The item fields every full variant fills in, from the same facts. */
export const FULL_FIELDS = {
  experience_id: 'exp_tolerant_1',
  experience_name: 'Spring pricing',
  experience_type: 'Price Test',
  experience_type_code: 'pricing',
  experience_category: 'experiment',
  experience_status: 'started',
  organization_id: 'org_4c1b9a',
  organization_name: 'Acme Outdoors',
  shop: 'acme-outdoors.myshopify.com',
  triggered_by_email: 'jane@acme.example',
  triggered_by_name: 'Jane Doe',
  variations: 'Control 50%, +10% price 50%',
};
export type ItemFields = typeof FULL_FIELDS;
const EMPTY_FIELDS: ItemFields = Object.fromEntries(Object.keys(FULL_FIELDS).map((key) => [key, ''])) as ItemFields;

const NESTED = {
  experience: {
    id: 'exp_tolerant_1',
    name: 'Spring pricing',
    type: 'pricing',
    category: 'experiment',
    status: 'started',
    organizationId: 'org_4c1b9a',
    variations: VARIATIONS,
  },
  organization: { id: 'org_4c1b9a', name: 'Acme Outdoors', shopId: 'acme-outdoors.myshopify.com' },
  triggeredBy: { email: 'jane@acme.example', name: 'Jane Doe' },
};
const FLAT_CAMEL = {
  experienceId: 'exp_tolerant_1',
  experienceName: 'Spring pricing',
  experienceType: 'pricing',
  experienceCategory: 'experiment',
  experienceStatus: 'started',
  organizationId: 'org_4c1b9a',
  organizationName: 'Acme Outdoors',
  shopId: 'acme-outdoors.myshopify.com',
  triggeredByEmail: 'jane@acme.example',
  triggeredByName: 'Jane Doe',
  variations: VARIATIONS,
};
const FLAT_SNAKE = Object.fromEntries(Object.entries(FLAT_CAMEL).map(([key, value]) => [key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), value]));
const NESTED_SNAKE = {
  experience: { ...NESTED.experience, organization_id: 'org_4c1b9a', organizationId: undefined },
  organization: { id: 'org_4c1b9a', name: 'Acme Outdoors', shop_id: 'acme-outdoors.myshopify.com' },
  triggered_by: { email: 'jane@acme.example', name: 'Jane Doe' },
};

export interface DeliveryVariant {
  name: string;
  /** The body for a delivery happening at `at` (ms). */
  body: (at: number) => Record<string, unknown>;
  eventHeader?: string;
  /** The events the subscription was made for (defaults to the one event each test listens to). */
  subscribedEvents?: EventName[];
  /** The event the item names. */
  event: EventName | '';
  /** Whether the body carries a usable time (the item's timestamp is then that time). */
  dated: boolean;
  fields: ItemFields;
}

const assumed = (action: unknown, at: number) => ({ action, timestamp: at, ...NESTED });

export const DELIVERY_VARIANTS: DeliveryVariant[] = [
  {
    name: 'the assumed shape: nested, camelCase, `action`, ms timestamp',
    body: (at) => assumed('startExperience', at),
    event: 'startExperience',
    dated: true,
    fields: FULL_FIELDS,
  },
  {
    name: 'flat camelCase fields',
    body: (at) => ({ action: 'startExperience', timestamp: at, ...FLAT_CAMEL }),
    event: 'startExperience',
    dated: true,
    fields: FULL_FIELDS,
  },
  {
    name: 'flat snake_case fields',
    body: (at) => ({ action: 'startExperience', timestamp: at, ...FLAT_SNAKE }),
    event: 'startExperience',
    dated: true,
    fields: FULL_FIELDS,
  },
  {
    name: 'nested snake_case fields',
    body: (at) => ({ action: 'start_experience', timestamp: at, ...NESTED_SNAKE }),
    event: 'startExperience',
    dated: true,
    fields: FULL_FIELDS,
  },
  { name: 'wrapped in `data`', body: (at) => ({ data: assumed('startExperience', at) }), event: 'startExperience', dated: true, fields: FULL_FIELDS },
  {
    name: 'wrapped in `payload`, flat snake_case',
    body: (at) => ({ payload: { event_type: 'experience.started', timestamp: at, ...FLAT_SNAKE } }),
    event: 'startExperience',
    dated: true,
    fields: FULL_FIELDS,
  },
  {
    name: 'event at the top, fields in `data`',
    body: (at) => ({ event: 'experience.started', timestamp: new Date(at).toISOString(), data: NESTED }),
    event: 'startExperience',
    dated: true,
    fields: FULL_FIELDS,
  },
  {
    name: 'event in `event`',
    body: (at) => ({ ...assumed(undefined, at), event: 'startExperience' }),
    event: 'startExperience',
    dated: true,
    fields: FULL_FIELDS,
  },
  {
    name: 'event in `eventType`',
    body: (at) => ({ ...assumed(undefined, at), eventType: 'startExperience' }),
    event: 'startExperience',
    dated: true,
    fields: FULL_FIELDS,
  },
  {
    name: 'event in `event_type`',
    body: (at) => ({ ...assumed(undefined, at), event_type: 'startExperience' }),
    event: 'startExperience',
    dated: true,
    fields: FULL_FIELDS,
  },
  {
    name: 'event in `type` (an event name)',
    body: (at) => ({ ...assumed(undefined, at), type: 'experience.started' }),
    event: 'startExperience',
    dated: true,
    fields: FULL_FIELDS,
  },
  {
    name: 'event only in the X-Intelligems-Event header',
    body: (at) => assumed(undefined, at),
    eventHeader: 'startExperience',
    subscribedEvents: ['startExperience', 'pauseExperience'],
    event: 'startExperience',
    dated: true,
    fields: FULL_FIELDS,
  },
  {
    name: 'event only from the subscription (its only event)',
    body: (at) => assumed(undefined, at),
    event: 'startExperience',
    dated: true,
    fields: FULL_FIELDS,
  },
  { name: 'event spelled `start_experience`', body: (at) => assumed('start_experience', at), event: 'startExperience', dated: true, fields: FULL_FIELDS },
  { name: 'event spelled `experience.started`', body: (at) => assumed('experience.started', at), event: 'startExperience', dated: true, fields: FULL_FIELDS },
  { name: 'event spelled `Start Experience`', body: (at) => assumed('Start Experience', at), event: 'startExperience', dated: true, fields: FULL_FIELDS },
  { name: 'event spelled `EXPERIENCE_STARTED`', body: (at) => assumed('EXPERIENCE_STARTED', at), event: 'startExperience', dated: true, fields: FULL_FIELDS },
  {
    name: 'timestamp in seconds',
    body: (at) => ({ ...assumed('startExperience', at), timestamp: Math.floor(at / 1000) }),
    event: 'startExperience',
    dated: true,
    fields: FULL_FIELDS,
  },
  {
    name: 'timestamp in ISO 8601',
    body: (at) => ({ ...assumed('startExperience', at), timestamp: new Date(at).toISOString() }),
    event: 'startExperience',
    dated: true,
    fields: FULL_FIELDS,
  },
  {
    name: 'a timestamp in a form this app cannot read (RFC 2822)',
    body: (at) => ({ ...assumed('startExperience', at), timestamp: new Date(at).toUTCString() }),
    event: 'startExperience',
    dated: false,
    fields: FULL_FIELDS,
  },
  {
    name: 'the shop under `organization.shopDomain`',
    body: (at) => ({ ...assumed('startExperience', at), organization: { id: 'org_4c1b9a', name: 'Acme Outdoors', shopDomain: 'acme-outdoors.myshopify.com' } }),
    event: 'startExperience',
    dated: true,
    fields: FULL_FIELDS,
  },
  {
    name: 'no timestamp',
    body: (at) => ({ ...assumed('startExperience', at), timestamp: undefined }),
    event: 'startExperience',
    dated: false,
    fields: FULL_FIELDS,
  },
  {
    name: 'a system action (`triggeredBy: null`)',
    body: (at) => ({ ...assumed('startExperience', at), triggeredBy: null }),
    event: 'startExperience',
    dated: true,
    fields: { ...FULL_FIELDS, triggered_by_email: '', triggered_by_name: '' },
  },
  {
    name: 'only some fields (the rest empty)',
    body: (at) => ({ action: 'startExperience', timestamp: at, experience: { id: 'exp_tolerant_1', name: 'Spring pricing' } }),
    event: 'startExperience',
    dated: true,
    fields: { ...EMPTY_FIELDS, experience_id: 'exp_tolerant_1', experience_name: 'Spring pricing' },
  },
  {
    name: 'fields of the wrong type (left empty, never a crash)',
    body: (at) => ({
      action: 'startExperience',
      timestamp: at,
      experience: { id: { nested: true }, name: ['x'], type: 42, variations: 'Control' },
      organization: 'Acme',
      triggeredBy: 7,
    }),
    event: 'startExperience',
    dated: true,
    fields: { ...EMPTY_FIELDS, experience_type: '42', experience_type_code: '42' },
  },
  { name: 'an empty object', body: () => ({}), event: 'startExperience', dated: false, fields: EMPTY_FIELDS },
];
