import type { Analytics } from '../contract/published';

/** When the sample experience started: the time of every sample event. */
export const SAMPLE_EVENT_TIME = 1764412200000;

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
  experienceActions: [{ id: 'act_1', experienceId: '8f14e45f-ceea-4e7a-9f6b-2c3d4e5f6a7b', action: 'start', actionTs: SAMPLE_EVENT_TIME }],
  createdAtTs: 1764325800000,
  lastUpdateTs: SAMPLE_EVENT_TIME,
  startedAtTs: SAMPLE_EVENT_TIME,
  pausedAtTs: null,
  endedAtTs: null,
  archivedAtTs: null,
};

export const SAMPLE_ORGANIZATION = { id: 'org_4c1b9a', name: 'Acme Outdoors', shopId: 'acme-outdoors.myshopify.com' };

const DAY_MS = 24 * 60 * 60 * 1000;

/** The sample experience's results on day 12, with Intelligems' verdict, as `POST /analytics/resource/{id}` answers. */
export const SAMPLE_ANALYTICS: Analytics = {
  experienceId: SAMPLE_EXPERIENCE.id,
  experienceName: SAMPLE_EXPERIENCE.name,
  datasetId: 'variation_overview',
  latestRunTs: SAMPLE_EXPERIENCE.startedAtTs + 12 * DAY_MS,
  variations: SAMPLE_EXPERIENCE.variations,
  metrics: [
    {
      variation_id: 'var_control',
      n_visitors: { value: 10412 },
      n_orders: { value: 287 },
      conversion_rate: { value: 0.02756, p2bb: 0.61 },
      net_revenue_per_visitor: { value: 2.48, p2bb: 0.027, ci_low: 2.31, ci_high: 2.66 },
      net_revenue_per_order: { value: 89.97, p2bb: 0.01 },
    },
    {
      variation_id: 'var_plus10',
      n_visitors: { value: 10377 },
      n_orders: { value: 281 },
      conversion_rate: { value: 0.02708, p2bb: 0.39, p2bc: 0.39, uplift: { value: -0.017 } },
      net_revenue_per_visitor: { value: 2.68, uplift: { value: 0.081, ci_low: 0.012, ci_high: 0.153 }, p2bb: 0.973, p2bc: 0.973, ci_low: 2.49, ci_high: 2.87 },
      net_revenue_per_order: { value: 98.97, p2bb: 0.99, p2bc: 0.99, uplift: { value: 0.1 } },
    },
  ],
  impact: { est_monthly_revenue_increase: 10395 },
  testResult: {
    verdict: 'strong_win',
    action_to_take: 'Roll out +10% price',
    runtime_days: 12,
    primary_metric: { key: 'net_revenue_per_visitor', best_challenger: { variant: 'var_plus10', p2bb: 0.973, uplift: 0.081 } },
  },
};

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
