/**
 * The one sample store and experience every static sample is built from (event, record, significance), and that
 * the sandbox's test delivery and the benchmarks reuse: shaped like the published API's own answers.
 */
export const SAMPLE_EXPERIENCE = {
  id: '8f14e45f-ceea-4e7a-9f6b-2c3d4e5f6a7b',
  name: 'Spring pricing',
  type: 'pricing',
  category: 'experiment' as const,
  status: 'started' as const,
  organizationId: 'org_4c1b9a',
  variations: [
    { id: 'var_control', name: 'Control', percentage: 50, isControl: true, order: 0 },
    { id: 'var_plus10', name: '+10% price', percentage: 50, isControl: false, order: 1 },
  ],
  experienceActions: [{ id: 'act_1', experienceId: '8f14e45f-ceea-4e7a-9f6b-2c3d4e5f6a7b', action: 'start', actionTs: 1764412200000 }],
  createdAtTs: 1764325800000,
  lastUpdateTs: 1764412200000,
  startedAtTs: 1764412200000,
  pausedAtTs: null,
  endedAtTs: null,
  archivedAtTs: null,
};

export const SAMPLE_ORGANIZATION = { id: 'org_4c1b9a', name: 'Acme Outdoors', shopId: 'acme-outdoors.myshopify.com' };

/**
 * The experience as the event samples carry it: the fields a user maps (the `experience__…` output fields, and the
 * variations that make the Variations text), no more, since each of the fourteen event triggers' samples holds it
 * twice and the app definition's size costs every call Zapier makes.
 */
export const SAMPLE_EVENT_EXPERIENCE = {
  id: SAMPLE_EXPERIENCE.id,
  name: SAMPLE_EXPERIENCE.name,
  type: SAMPLE_EXPERIENCE.type,
  category: SAMPLE_EXPERIENCE.category,
  status: SAMPLE_EXPERIENCE.status,
  variations: SAMPLE_EXPERIENCE.variations.map(({ name, percentage }) => ({ name, percentage })),
};

/** The person who acts in every sample. */
export const SAMPLE_USER = { email: 'jane@acme.example', firstName: 'Jane', lastName: 'Doe' };
