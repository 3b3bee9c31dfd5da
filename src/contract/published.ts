/**
 * The parts of the Intelligems External API (v25-10-beta) that Intelligems has published.
 * Every zod schema for a published shape lives here; the assumed webhook parts live in ./assumed.ts.
 * Schemas are loose (`passthrough`) because the API adds fields over time and power users map them.
 */
// A namespace import lets the app bundle (npm run build) drop the parts of zod the app never uses.
import * as z from 'zod';
import { visibleText } from '../util/visible-text';

export const API_VERSION_PREFIX = '/v25-10-beta';
export const DEFAULT_BASE_URL = 'https://api.intelligems.io';
export const ACCESS_TOKEN_HEADER = 'intelligems-access-token';

export const EXPERIENCE_STATUSES = ['pending', 'started', 'paused', 'ended'] as const;
export const EXPERIENCE_CATEGORIES = ['experiment', 'personalization'] as const;
export const EXPERIENCE_ACTIONS = ['start', 'pause', 'end'] as const;
/** The list's `module` filter. */
export const EXPERIENCE_MODULES = ['content', 'checkout', 'postPurchase', 'pricing', 'merchandising', 'shipping'] as const;
/** What `experiences-list` answers per page when a request sends no `limit`: the app always sends its own. */
export const DEFAULT_LIST_PAGE_SIZE = 20;

/** The user actions a list item's `history` records today; an unknown one is kept and ignored, never fatal. */
export const HISTORY_ACTIONS = [
  'startExperience',
  'pauseExperience',
  'endExperience',
  'saveExperience',
  'deleteExperience',
  'duplicateExperience',
  'rolloutExperience',
  'archiveExperience',
  'unArchiveExperience',
  'resetExperience',
  'enableCampaign',
  'disableCampaign',
  'saveCampaign',
  'archiveCampaign',
  'confirmIntegration',
] as const;

export const KNOWN_EXPERIENCE_TYPES = [
  'pricing',
  'shipping',
  'content/advanced',
  'content/onsiteEdits',
  'content/url',
  'content/theme',
  'content/template',
  'personalization',
  'personalization/offer',
  'sitewide',
  'checkoutBlock',
] as const;

export type ExperienceStatus = (typeof EXPERIENCE_STATUSES)[number];
export type ExperienceCategory = (typeof EXPERIENCE_CATEGORIES)[number];
export type ExperienceAction = (typeof EXPERIENCE_ACTIONS)[number];
export type ExperienceModule = (typeof EXPERIENCE_MODULES)[number];
export type HistoryAction = (typeof HISTORY_ACTIONS)[number];

/** The published values, for what the app sends (a query's filter); what it reads is any string (see below). */
export const experienceStatusSchema = z.enum(EXPERIENCE_STATUSES);
export const experienceCategorySchema = z.enum(EXPERIENCE_CATEGORIES);

/** An optional field read loosely: a value of another type is dropped (read as absent), never fatal to the list. */
function loose<T extends z.ZodType>(schema: T) {
  return schema.optional().catch(undefined);
}

/** A list read entry by entry: an entry that does not fit is dropped, the others kept; a value that is no list is absent. */
function entries<T extends z.ZodType>(schema: T) {
  return loose(z.array(schema.nullable().catch(null)).transform((items) => items.filter((item): item is NonNullable<typeof item> => item != null)));
}

/** A list that must be there, read entry by entry: an entry that does not fit is dropped, the others kept. */
function requiredEntries<T extends z.ZodType>(schema: T) {
  return z.array(schema.nullable().catch(null)).transform((items) => items.filter((item): item is NonNullable<typeof item> => item != null));
}

/** An optional time (Unix ms): anything else (a date string, text) is read as absent. */
const timestampMs = loose(z.number().finite().nullable());

export const variationSchema = z
  .object({
    id: z.string().min(1),
    name: z.string(),
    percentage: z.number().min(0).max(100),
    isControl: z.boolean(),
    order: z.number().optional(),
  })
  .passthrough();

export const experienceActionSchema = z
  .object({
    id: z.string(),
    experienceId: z.string(),
    // Intelligems may add actions; an unknown one is kept, not rejected (callers filter on the ones they know).
    action: z.string(),
    actionTs: z.number().finite(),
    /** Who did it: an email, or null (system actions). Only the detail endpoint carries it; list entries do not. */
    performedBy: loose(z.string().nullable()),
  })
  .passthrough();

/** The user who acted, as a history record carries it (null for system actions). Every field is read loosely. */
export const historyUserSchema = z
  .object({
    id: loose(z.string()),
    email: loose(z.string()),
    firstName: loose(z.string().nullable()),
    lastName: loose(z.string().nullable()),
    preferredName: loose(z.string().nullable()),
    preferredEmail: loose(z.string().nullable()),
  })
  .passthrough();

/**
 * One user action on a list item's `history`. Loose throughout: a record whose action is unknown, or whose time or
 * user is unusable, is kept here and skipped by whoever reads events from it (src/items/event/from-experience.ts).
 */
export const historyRecordSchema = z
  .object({
    id: loose(z.string()),
    userId: loose(z.string().nullable()),
    experienceId: loose(z.string()),
    user: loose(historyUserSchema.nullable()),
    action: loose(z.string()),
    source: loose(z.string().nullable()),
    createdAtTs: loose(z.number().finite().nullable()),
    lastUpdateTs: loose(z.number().finite().nullable()),
  })
  .passthrough();

export const experienceSchema = z
  .object({
    id: z.string().min(1),
    name: z.string(),
    // An unknown future type must not break parsing: any string is accepted and shown as it is ('' included).
    type: z.string(),
    // One experience in a status or category outside the published values must not fail the whole list (the dropdown,
    // search, samples and polls of the account): it is kept, and shown with its raw value.
    category: z.string(),
    status: z.string(),
    organizationId: loose(z.string()),
    // One variation or recorded action that does not fit (a percentage over 100, no isControl, no actionTs) is
    // dropped; the experience and its other entries are kept.
    variations: entries(variationSchema),
    experienceActions: entries(experienceActionSchema),
    createdAtTs: timestampMs,
    lastUpdateTs: timestampMs,
    startedAtTs: timestampMs,
    pausedAtTs: timestampMs,
    endedAtTs: timestampMs,
    archivedAtTs: timestampMs,
    testTypes: loose(z.record(z.string(), z.boolean())),
    // Only list items carry these four (the detail endpoint does not).
    /** The user actions on the experience, each with the full user who acted. A history that is no list is dropped. */
    history: loose(z.array(historyRecordSchema.catch({}))),
    isDeleted: loose(z.boolean()),
    isPreview: loose(z.boolean()),
    hasSchedule: loose(z.boolean()),
  })
  .passthrough();

export type Variation = z.infer<typeof variationSchema>;
export type Experience = z.infer<typeof experienceSchema>;
export type HistoryRecord = z.infer<typeof historyRecordSchema>;
export type HistoryUser = z.infer<typeof historyUserSchema>;

/** Whole page numbers and counts, read loosely: an answer without them (or with something else) is paged by length. */
const pageCount = loose(z.number().int().nonnegative());

const listPaging = { page: pageCount, limit: pageCount, total: pageCount, totalPages: pageCount };
export const experiencesListResponseSchema = z
  // An experience the app cannot even identify (no id, a name that is no text) is left out; it never fails the list.
  .object({ experiencesList: requiredEntries(experienceSchema), ...listPaging })
  .passthrough();
/** The same answer judged strictly, entry by entry, for `check-contract`: an entry the app would leave out is a deviation. */
export const experiencesListCheckSchema = z.object({ experiencesList: z.array(experienceSchema), ...listPaging }).passthrough();
export type ExperiencesListResponse = z.infer<typeof experiencesListResponseSchema>;
export const experienceResponseSchema = z.object({ experience: experienceSchema }).passthrough();

/**
 * The optional body of `POST /experiences/{id}/actions/{action}`. Ending with `variationId` selects the winning
 * variation; `updatePricesToVariation: true` also sets the store's prices to it (price tests). Starting and pausing
 * take no body fields.
 */
export const experienceActionBodySchema = z.object({ variationId: z.string().min(1).optional(), updatePricesToVariation: z.boolean().optional() });
export type ExperienceActionBody = z.infer<typeof experienceActionBodySchema>;

export const errorBodySchema = z.object({ error: z.string(), message: z.string() }).passthrough();

// ---- Analytics ----

const upliftSchema = z
  .object({ value: z.number().nullable().optional(), ci_low: z.number().nullable().optional(), ci_high: z.number().nullable().optional() })
  .passthrough();

export const metricValueSchema = z
  .object({
    value: z.number().nullable().optional(),
    uplift: upliftSchema.nullable().optional(),
    /** The probability to be best among all variations. */
    p2bb: z.number().min(0).max(1).nullable().optional(),
    /** The probability to beat control; only on non-control variations. */
    p2bc: z.number().min(0).max(1).nullable().optional(),
    ci_low: z.number().nullable().optional(),
    ci_high: z.number().nullable().optional(),
  })
  .passthrough();

export const variationMetricsSchema = z.object({ variation_id: z.string().min(1) }).catchall(z.unknown());

export const analyticsSchema = z
  .object({
    experienceId: z.string().min(1),
    experienceName: z.string().optional(),
    datasetId: z.string().optional(),
    latestRunTs: z.number().nullable().optional(),
    variations: z.array(variationSchema),
    metrics: z.array(variationMetricsSchema),
  })
  .passthrough();

/** `impact`: the projected 30-day revenue lift of the best non-control variation over control, null with too little data. */
export const impactSchema = z.object({ est_monthly_revenue_increase: z.number().nullable().optional() }).passthrough();

/** The verdicts Intelligems' `testResult` names (`error` comes with a `reason` instead). */
export const TEST_VERDICTS = ['strong_win', 'directional_win', 'directional_loss', 'strong_loss', 'mixed_signals', 'not_ready', 'error'] as const;

/**
 * `testResult`, Intelligems' own verdict, sent only when the analytics request asks for it. Read loosely: an unknown
 * verdict is kept as text, and `best_challenger.variant` is only typed as a string (a variation's id or its name).
 */
export const testResultSchema = z
  .object({
    verdict: z.string(),
    action_to_take: z.string().nullable().optional(),
    runtime_days: z.number().nullable().optional(),
    primary_metric: z
      .object({ key: z.string().optional(), best_challenger: z.object({ variant: z.unknown().optional() }).passthrough().nullable().optional() })
      .passthrough()
      .nullable()
      .optional(),
  })
  .passthrough();

/**
 * The body of every results request (`POST paths.analytics(id)`): the overview, with Intelligems' own verdict
 * (`testResult`) carried on every results item. check-contract sends the same body.
 */
export const ANALYTICS_REQUEST_BODY = { view: 'overview', testResult: true } as const;

export type MetricValue = z.infer<typeof metricValueSchema>;
export type TestResult = z.infer<typeof testResultSchema>;
export type VariationMetrics = z.infer<typeof variationMetricsSchema>;
export type Analytics = z.infer<typeof analyticsSchema>;

export const METRIC_LABELS = {
  net_revenue_per_visitor: 'Revenue per Visitor',
  conversion_rate: 'Conversion Rate',
  net_revenue_per_order: 'Revenue per Order',
  gross_profit_per_visitor: 'Gross Profit per Visitor',
  gross_profit_per_order: 'Gross Profit per Order',
  add_to_cart_rate: 'Add to Cart Rate',
  checkout_begin_rate: 'Checkout Begin Rate',
  avg_units_per_order: 'Units per Order',
} as const;
export type MetricKey = keyof typeof METRIC_LABELS;

// ---- Paths (the only place outside ./assumed.ts that spells them) ----

/**
 * Why an ID cannot be one segment of an address, or null when it can. `.` and `..` survive encodeURIComponent and
 * URL normalisation then resolves them (`/experiences/../actions/start` is `/actions/start`), so encoding alone is
 * not enough. `/` and `\` are refused too, since servers and proxies may decode them back into separators, and
 * control characters are never IDs.
 */
export function unsafePathSegmentReason(id: string): string | null {
  if (id === '') return 'an ID is never empty';
  if (id === '.' || id === '..') return '“.” and “..” are never IDs';
  if (/[/\\]/.test(id)) return 'an ID never holds / or \\';
  if (/\p{Cc}/u.test(id)) return 'an ID never holds a control character such as a line break';
  return null;
}

/** Thrown where a path is built from an ID that would change the address; inputs refuse such IDs before this. */
export class UnsafePathSegmentError extends Error {
  override readonly name = 'UnsafePathSegmentError';
  constructor(
    readonly id: string,
    readonly reason: string,
  ) {
    super(`The ID “${visibleText(id)}” cannot be put in an address: ${reason}.`);
  }
}

/** One encoded path segment: the last line of defence for IDs that come from anywhere but an input. */
export function pathSegment(id: string): string {
  const reason = unsafePathSegmentReason(id);
  if (reason !== null) throw new UnsafePathSegmentError(id, reason);
  return encodeURIComponent(id);
}

export const paths = {
  experiencesList: () => `${API_VERSION_PREFIX}/experiences-list`,
  experience: (id: string) => `${API_VERSION_PREFIX}/experiences/${pathSegment(id)}`,
  experienceAction: (id: string, action: ExperienceAction) => `${API_VERSION_PREFIX}/experiences/${pathSegment(id)}/actions/${action}`,
  analytics: (id: string) => `${API_VERSION_PREFIX}/analytics/resource/${pathSegment(id)}`,
};

/** Readable names for `type`, as a merchant says them. Unknown values are shown as they are. */
export function readableExperienceType(type: string): string {
  switch (type) {
    case 'pricing':
      return 'Price Test';
    case 'shipping':
      return 'Shipping Test';
    case 'content/theme':
      return 'Theme Test';
    case 'content/template':
      return 'Template Test';
    case 'content/url':
      return 'Split URL Test';
    case 'content/onsiteEdits':
      return 'Onsite Edit Test';
    case 'personalization':
      return 'Personalization';
    case 'personalization/offer':
      return 'Offer';
    case 'sitewide':
      return 'Sitewide Experience';
    case 'checkoutBlock':
      return 'Checkout Block Test';
    default:
      return type.startsWith('content/') || type === 'content' ? 'Content Test' : type;
  }
}

// ---- Rate limit (published: every answer carries these headers) ----

export const RATE_LIMIT_HEADERS = {
  remaining: 'x-ratelimit-remaining',
  /** Unix ms of the next refill step. */
  reset: 'x-ratelimit-reset',
} as const;

/** What one answer said about the key's rate budget. */
export interface RateLimitReading {
  /** Calls this key may still make before a 429. */
  remaining: number;
  /** Unix ms when the bucket next refills; null when the answer did not say. */
  resetAt: number | null;
}
