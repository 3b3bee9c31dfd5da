/**
 * Experiences: the published reads and actions, plus create/update/delete so a lifecycle can be driven. Every change
 * made through the API is recorded in `history` as the key's person (`store.apiActor`); each endpoint shows the view
 * Intelligems publishes for it (./../../state/history.ts).
 */
import { z } from 'zod';
import { EXPERIENCE_ACTIONS } from '../../../src/contract/published';
import { SandboxError, validationFailed } from '../../errors';
import { createExperience, deleteExperience, runAction, updateExperience, type LifecycleEvent } from '../../state/experience-lifecycle';
import { detailView, listItemView } from '../../state/history';
import { actionBodySchema, createExperienceBodySchema, listQuerySchema, updateExperienceBodySchema } from '../request-schemas';
import type { Route, RouteContext } from '../router';

const actionSchema = z.enum(EXPERIENCE_ACTIONS);

/**
 * Saves the changed experience and hands its event to the delivery engine, which delivers in the background. The
 * answer and the delivery show the experience as the detail endpoint does.
 */
function commit(context: RouteContext, event: LifecycleEvent, stored = event.experience) {
  const saved = context.store.saveExperience(stored);
  context.deliveries.publish({ ...event, experience: detailView(event.experience) }, context.store.webhooksFor(event.action));
  return detailView(saved);
}

export const experienceRoutes: Route[] = [
  {
    method: 'GET',
    path: '/experiences-list',
    handle: ({ query, store }) => {
      const parsed = listQuerySchema.safeParse(Object.fromEntries(query));
      if (!parsed.success) throw validationFailed('query', parsed.error);
      const { status, category, limit, page } = parsed.data;
      const { experiences, total } = store.pageOfExperiences({ status, category }, (page - 1) * limit, limit);
      return { status: 200, body: { experiencesList: experiences.map(listItemView), page, limit, total, totalPages: Math.ceil(total / limit) } };
    },
  },
  {
    method: 'GET',
    path: '/experiences/{experienceId}',
    handle: ({ params, store }) => ({ status: 200, body: { experience: detailView(store.requireExperience(params.experienceId)) } }),
  },
  {
    method: 'POST',
    path: '/experiences',
    handle: async (context) => {
      const parsed = createExperienceBodySchema.safeParse(await context.body());
      if (!parsed.success) throw validationFailed('experience', parsed.error);
      const event = createExperience(parsed.data, context.store.organization.id, context.now());
      return { status: 201, body: { experience: commit(context, event) } };
    },
  },
  {
    method: 'PUT',
    path: '/experiences/{experienceId}',
    handle: async (context) => {
      const current = context.store.requireExperience(context.params.experienceId);
      const parsed = updateExperienceBodySchema.safeParse(await context.body());
      if (!parsed.success) throw validationFailed('experience update', parsed.error);
      const event = updateExperience(current, parsed.data, context.now(), context.store.apiActor);
      return { status: 200, body: { experience: commit(context, event) } };
    },
  },
  {
    method: 'DELETE',
    path: '/experiences/{experienceId}',
    handle: (context) => {
      const current = context.store.requireExperience(context.params.experienceId);
      const { event, archived } = deleteExperience(current, context.now(), context.store.apiActor);
      return { status: 200, body: { experience: commit(context, event, archived) } };
    },
  },
  {
    method: 'POST',
    path: '/experiences/{experienceId}/actions/{action}',
    handle: async (context) => {
      const action = actionSchema.safeParse(context.params.action);
      if (!action.success) {
        throw new SandboxError(400, 'validation_failed', `Unknown action “${context.params.action}”: use /actions/${EXPERIENCE_ACTIONS.join(', /actions/')}.`);
      }
      const current = context.store.requireExperience(context.params.experienceId);
      const body = actionBodySchema.safeParse(await context.body());
      if (!body.success) throw validationFailed('action body', body.error);
      const event = runAction(current, action.data, context.now(), context.store.apiActor, body.data);
      return { status: 200, body: { experience: commit(context, event) } };
    },
  },
];
