/**
 * What the sandbox accepts, derived from the app's own contract schemas (src/contract) so the two cannot drift:
 * no field is redeclared here, only picked, made optional, or tightened with a rule the API enforces on input.
 */
import { z } from 'zod';
import { experienceCategorySchema, experienceSchema, experienceStatusSchema, variationSchema } from '../../src/contract/published';

/** Fields Intelligems sets itself; a request that tries to set one is told which endpoint changes it instead. */
const SERVER_MANAGED: Record<string, string> = {
  id: 'is assigned by Intelligems',
  status: 'changes only through POST /experiences/{id}/actions/{start|pause|end}',
  organizationId: 'comes from the API key',
  experienceActions: 'is recorded by Intelligems as actions happen',
  createdAtTs: 'is set by Intelligems',
  lastUpdateTs: 'is set by Intelligems',
  startedAtTs: 'is set by the start action',
  pausedAtTs: 'is set by the pause action',
  endedAtTs: 'is set by the end action',
  archivedAtTs: 'is set by DELETE /experiences/{id}',
  isDeleted: 'is set by DELETE /experiences/{id}',
  isPreview: 'changes only through POST /experiences/{id}/actions/{start|pause|end}',
  history: 'is recorded by Intelligems as people act',
  hasSchedule: 'is set by scheduling the experience in the Intelligems app',
};

/** A variation as a client sends it: the sandbox assigns `id` and `order` when they are left out. */
export const variationInputSchema = variationSchema.partial({ id: true });
export type VariationInput = z.infer<typeof variationInputSchema>;

const editableFields = experienceSchema.pick({ name: true, type: true, testTypes: true }).extend({
  name: experienceSchema.shape.name.trim().min(1, 'must not be empty'),
  category: experienceCategorySchema,
  variations: z.array(variationInputSchema).min(2, 'needs at least two variations (a control and one to test)'),
});

function rejectServerManaged(value: Record<string, unknown>, ctx: z.RefinementCtx): void {
  for (const [key, why] of Object.entries(SERVER_MANAGED)) {
    if (key in value) ctx.addIssue({ code: 'custom', path: [key], message: `cannot be set: it ${why}` });
  }
}

function checkVariations(variations: VariationInput[] | undefined, ctx: z.RefinementCtx): void {
  if (!variations) return;
  const total = variations.reduce((sum, v) => sum + v.percentage, 0);
  if (Math.abs(total - 100) > 0.01) {
    ctx.addIssue({ code: 'custom', path: ['variations'], message: `percentages must add up to 100 (they add up to ${total})` });
  }
  const controls = variations.filter((v) => v.isControl).length;
  if (controls !== 1) {
    ctx.addIssue({ code: 'custom', path: ['variations'], message: `exactly one variation must have isControl: true (found ${controls})` });
  }
  const ids = variations.map((v) => v.id).filter((id): id is string => id !== undefined);
  if (new Set(ids).size !== ids.length) ctx.addIssue({ code: 'custom', path: ['variations'], message: 'variation ids must be unique' });
}

/** `POST /experiences`: a name, a type and its variations; `category` follows from the type when left out. */
export const createExperienceBodySchema = editableFields.partial({ category: true, testTypes: true }).superRefine((value, ctx) => {
  rejectServerManaged(value, ctx);
  checkVariations(value.variations, ctx);
});
export type CreateExperienceBody = z.infer<typeof createExperienceBodySchema>;

/** `PUT /experiences/{id}`: any editable field, at least one. */
export const updateExperienceBodySchema = editableFields.partial().superRefine((value, ctx) => {
  rejectServerManaged(value, ctx);
  checkVariations(value.variations, ctx);
  if (Object.keys(value).length === 0) {
    ctx.addIssue({ code: 'custom', path: [], message: 'nothing to change: send at least one of name, type, category, variations, testTypes' });
  }
});
export type UpdateExperienceBody = z.infer<typeof updateExperienceBodySchema>;

/** `GET /experiences-list` query: the published filters, `limit` at most 100, pages from 1. */
export const MAX_LIST_LIMIT = 100;
export const DEFAULT_LIST_LIMIT = 20;
export const listQuerySchema = z.object({
  status: experienceStatusSchema.optional(),
  category: experienceCategorySchema.optional(),
  limit: z.coerce
    .number()
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(MAX_LIST_LIMIT, `must be at most ${MAX_LIST_LIMIT}`)
    .default(DEFAULT_LIST_LIMIT),
  page: z.coerce.number().int('must be a whole number').min(1, 'must be at least 1 (pages start at 1)').default(1),
});
export type ListQuery = z.infer<typeof listQuerySchema>;

/** The analytics `view`: only the overview is published; `testResult: true` asks for Intelligems' verdict too. */
export const analyticsViewSchema = z.object({
  view: z.literal('overview', { error: 'must be "overview" (the only view the API offers)' }).optional(),
  testResult: z.boolean().optional(),
});

/** `POST /experiences/{id}/actions/{action}`: ending may name the winning variation and roll its prices out. */
export { experienceActionBodySchema as actionBodySchema, type ExperienceActionBody as ActionBody } from '../../src/contract/published';
