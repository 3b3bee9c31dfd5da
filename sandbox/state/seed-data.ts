/**
 * A believable store to start from: one Shopify shop, the person who owns the API key, and experiences of every
 * type and every status, with variations, recorded actions and timestamps relative to "now" so they look recent.
 */
import type { Organization } from '../../src/contract/assumed';
import type { ExperienceCategory, ExperienceStatus } from '../../src/contract/published';
import { displayName, historyRecord, type Actor, type HistoryUser, type StoredExperience } from './history';

export const SANDBOX_ORGANIZATION: Organization = { id: 'org_4c1b9a', name: 'Acme Outdoors', shopId: 'acme-outdoors.myshopify.com' };
/** Who the sandbox's API key belongs to: the user of every history record made through the API. */
export const SANDBOX_USER: HistoryUser = { id: 'usr_7f3a21', email: 'jane@acme.example', firstName: 'Jane', lastName: 'Doe' };
/** A teammate who works in the dashboard, with a preferred name. */
export const SANDBOX_TEAMMATE: HistoryUser = {
  id: 'usr_2c9e04',
  email: 'samantha.ortiz@acme.example',
  firstName: 'Samantha',
  lastName: 'Ortiz',
  preferredName: 'Sam Ortiz',
};
/** The API key's person acting through the External API: the history user and delivery `triggeredBy` of every change. */
export const API_ACTOR: Actor = { user: SANDBOX_USER, source: 'external' };
/** The same person as a delivery names them. */
export const SANDBOX_ACTOR = { email: SANDBOX_USER.email, name: displayName(SANDBOX_USER) };

/** Who made a seeded change: the key's owner or a teammate in the dashboard, or a schedule (no user). */
type SeedActor = 'jane' | 'sam' | 'schedule';
const SEED_ACTORS: Record<SeedActor, Actor> = {
  jane: { user: SANDBOX_USER, source: 'internal' },
  sam: { user: SANDBOX_TEAMMATE, source: 'internal' },
  schedule: { user: null, source: null },
};

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

interface SeedSpec {
  id: string;
  name: string;
  type: string;
  category: ExperienceCategory;
  status: ExperienceStatus;
  /** Variation names; the first is the control. Split evenly unless `split` says otherwise. */
  variations: string[];
  split?: number[];
  /** Days before now: created, then each action in order, by Jane unless another actor is named. */
  createdDaysAgo: number;
  actions: Array<['start' | 'pause' | 'end' | 'delete', number, SeedActor?]>;
  /** Edits saved in the dashboard: days before now, by whom. */
  saves?: Array<[number, SeedActor]>;
  hasSchedule?: boolean;
}

const SEEDS: SeedSpec[] = [
  {
    id: '3b2f8c1e-5a47-4d0e-9c61-0f1a2b3c4d01',
    name: 'Spring pricing: +10% on tents',
    type: 'pricing',
    category: 'experiment',
    status: 'started',
    variations: ['Control', '+10% price'],
    createdDaysAgo: 16,
    actions: [['start', 14]],
  },
  {
    id: '3b2f8c1e-5a47-4d0e-9c61-0f1a2b3c4d02',
    name: 'Free shipping threshold: $75 vs $100',
    type: 'shipping',
    category: 'experiment',
    status: 'started',
    variations: ['$100 threshold', '$75 threshold', 'Flat $4.99'],
    split: [34, 33, 33],
    createdDaysAgo: 10,
    actions: [['start', 9]],
  },
  {
    id: '3b2f8c1e-5a47-4d0e-9c61-0f1a2b3c4d03',
    name: 'Hero banner: lifestyle vs product shot',
    type: 'content/advanced',
    category: 'experiment',
    status: 'paused',
    variations: ['Product shot', 'Lifestyle photo'],
    createdDaysAgo: 21,
    actions: [
      ['start', 20],
      ['pause', 12, 'sam'],
      ['start', 11, 'sam'],
      ['pause', 2],
    ],
    saves: [[11.5, 'sam']],
  },
  {
    id: '3b2f8c1e-5a47-4d0e-9c61-0f1a2b3c4d04',
    name: 'PDP trust badges',
    type: 'content/onsiteEdits',
    category: 'experiment',
    status: 'ended',
    variations: ['No badges', 'Badges under Add to cart'],
    createdDaysAgo: 45,
    actions: [
      ['start', 44],
      ['end', 23],
    ],
  },
  {
    id: '3b2f8c1e-5a47-4d0e-9c61-0f1a2b3c4d05',
    name: 'Summer landing page: /summer vs /summer-b',
    type: 'content/url',
    category: 'experiment',
    status: 'started',
    variations: ['/summer', '/summer-b'],
    createdDaysAgo: 6,
    actions: [['start', 5]],
  },
  {
    id: '3b2f8c1e-5a47-4d0e-9c61-0f1a2b3c4d06',
    name: 'Dawn vs Refresh theme',
    type: 'content/theme',
    category: 'experiment',
    status: 'pending',
    variations: ['Dawn (live)', 'Refresh'],
    createdDaysAgo: 1,
    actions: [],
    saves: [[0.8, 'sam']],
  },
  {
    id: '3b2f8c1e-5a47-4d0e-9c61-0f1a2b3c4d07',
    name: 'Collection grid: 3 vs 4 columns',
    type: 'content/template',
    category: 'experiment',
    status: 'ended',
    variations: ['3 columns', '4 columns'],
    createdDaysAgo: 60,
    actions: [
      ['start', 58],
      ['end', 30, 'schedule'],
    ],
    hasSchedule: true,
  },
  {
    id: '3b2f8c1e-5a47-4d0e-9c61-0f1a2b3c4d08',
    name: 'Welcome back banner for returning visitors',
    type: 'personalization',
    category: 'personalization',
    status: 'started',
    variations: ['No banner', 'Welcome back banner'],
    split: [10, 90],
    createdDaysAgo: 30,
    actions: [['start', 29]],
  },
  {
    id: '3b2f8c1e-5a47-4d0e-9c61-0f1a2b3c4d09',
    name: 'Free camp mug over $150',
    type: 'personalization/offer',
    category: 'personalization',
    status: 'paused',
    variations: ['No offer', 'Free mug'],
    createdDaysAgo: 18,
    actions: [
      ['start', 17, 'sam'],
      ['pause', 3, 'sam'],
    ],
  },
  {
    id: '3b2f8c1e-5a47-4d0e-9c61-0f1a2b3c4d10',
    name: 'Sitewide 15% off first order',
    type: 'sitewide',
    category: 'experiment',
    status: 'pending',
    variations: ['Full price', '15% off'],
    createdDaysAgo: 2,
    actions: [],
  },
  {
    id: '3b2f8c1e-5a47-4d0e-9c61-0f1a2b3c4d11',
    name: 'Checkout upsell: insulated bottle',
    type: 'checkoutBlock',
    category: 'experiment',
    status: 'started',
    variations: ['No upsell', 'Bottle upsell'],
    createdDaysAgo: 8,
    actions: [['start', 7]],
  },
  {
    id: '3b2f8c1e-5a47-4d0e-9c61-0f1a2b3c4d12',
    name: 'Tent + footprint bundle price',
    type: 'pricing',
    category: 'experiment',
    status: 'ended',
    variations: ['Control', 'Bundle -8%', 'Bundle -12%'],
    split: [34, 33, 33],
    createdDaysAgo: 90,
    actions: [
      ['start', 88],
      ['end', 60],
    ],
  },
  {
    id: '3b2f8c1e-5a47-4d0e-9c61-0f1a2b3c4d13',
    name: 'Holiday shipping cutoff banner',
    type: 'shipping',
    category: 'experiment',
    status: 'ended',
    variations: ['No banner', 'Cutoff banner'],
    createdDaysAgo: 120,
    actions: [
      ['start', 118],
      ['end', 95],
      ['delete', 40],
    ],
  },
  {
    id: '3b2f8c1e-5a47-4d0e-9c61-0f1a2b3c4d14',
    name: 'Winter jackets: $189 vs $199',
    type: 'pricing',
    category: 'experiment',
    status: 'pending',
    variations: ['$199 (current)', '$189'],
    createdDaysAgo: 0.5,
    actions: [],
    saves: [[0.25, 'jane']],
  },
];

/**
 * The true effect of each non-control variation (as fractions) for the experiments whose story matters: a clear
 * winner and a clear loser to alert on, and a price test still undecided. Other experiences draw theirs at random.
 */
export const SEEDED_EFFECTS: Record<string, ReadonlyArray<{ conversion: number; orderValue: number }>> = {
  '3b2f8c1e-5a47-4d0e-9c61-0f1a2b3c4d01': [{ conversion: -0.04, orderValue: 0.1 }],
  '3b2f8c1e-5a47-4d0e-9c61-0f1a2b3c4d02': [
    { conversion: 0.28, orderValue: -0.02 },
    { conversion: -0.2, orderValue: 0.01 },
  ],
};

const TEST_TYPE_BY_TYPE: Record<string, string> = {
  pricing: 'hasTestPricing',
  shipping: 'hasTestShipping',
  'content/advanced': 'hasTestContentAdvanced',
  'content/onsiteEdits': 'hasTestOnsiteEdits',
  'content/url': 'hasTestContentUrl',
  'content/theme': 'hasTestContentTheme',
  'content/template': 'hasTestContentTemplate',
  personalization: 'hasTestCampaign',
  'personalization/offer': 'hasTestOffer',
  sitewide: 'hasTestSitewide',
  checkoutBlock: 'hasTestCheckoutBlock',
};

export function testTypesFor(type: string): Record<string, boolean> {
  // Own keys only: a type named `__proto__` or `toString` would otherwise find Object.prototype's members.
  const flag = Object.hasOwn(TEST_TYPE_BY_TYPE, type) ? TEST_TYPE_BY_TYPE[type] : undefined;
  return flag ? { [flag]: true } : {};
}

/** The history action each recorded experience action makes (published names). */
export const HISTORY_ACTION = { start: 'startExperience', pause: 'pauseExperience', end: 'endExperience', delete: 'deleteExperience' } as const;

/** Every seeded experience, with times counted back from `now` (whole minutes, as a dashboard shows them). */
export function seedExperiences(now: number): StoredExperience[] {
  const at = (daysAgo: number) => Math.floor((now - daysAgo * DAY) / 60_000) * 60_000;
  return SEEDS.map((seed) => {
    const split = seed.split ?? seed.variations.map(() => 100 / seed.variations.length);
    const suffix = seed.id.slice(-2);
    const actions = seed.actions.map(([action, daysAgo, by = 'jane'], index) => ({
      id: `act_${suffix}_${index + 1}`,
      experienceId: seed.id,
      action,
      actionTs: at(daysAgo),
      performedBy: SEED_ACTORS[by].user?.email ?? null,
    }));
    const history = [
      ...seed.actions.map(([action, daysAgo, by = 'jane'], index) =>
        historyRecord(seed.id, HISTORY_ACTION[action], SEED_ACTORS[by], at(daysAgo), `hist_${suffix}_a${index + 1}`),
      ),
      ...(seed.saves ?? []).map(([daysAgo, by], index) =>
        historyRecord(seed.id, 'saveExperience', SEED_ACTORS[by], at(daysAgo), `hist_${suffix}_s${index + 1}`),
      ),
    ].sort((a, b) => a.createdAtTs - b.createdAtTs);
    const last = (action: string) => actions.filter((a) => a.action === action).at(-1)?.actionTs ?? null;
    const createdAtTs = at(seed.createdDaysAgo);
    const deletedAtTs = last('delete');
    return {
      id: seed.id,
      name: seed.name,
      type: seed.type,
      category: seed.category,
      status: seed.status,
      organizationId: SANDBOX_ORGANIZATION.id,
      variations: seed.variations.map((name, index) => ({
        id: `var_${suffix}_${index}`,
        name,
        percentage: split[index],
        isControl: index === 0,
        order: index,
      })),
      experienceActions: actions,
      createdAtTs,
      lastUpdateTs: Math.max(createdAtTs, ...history.map((h) => h.createdAtTs)),
      startedAtTs: actions.find((a) => a.action === 'start')?.actionTs ?? null,
      pausedAtTs: seed.status === 'paused' ? last('pause') : null,
      endedAtTs: last('end'),
      archivedAtTs: deletedAtTs,
      testTypes: testTypesFor(seed.type),
      history,
      isDeleted: deletedAtTs !== null,
      isPreview: seed.status !== 'started',
      hasSchedule: seed.hasSchedule ?? false,
    };
  });
}
