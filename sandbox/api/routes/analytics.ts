/**
 * Results per variation: what was set through the sandbox-only endpoint, else seeded results that follow from
 * how long the experience has run. The PUT is the sandbox's own control, not part of the Intelligems API.
 */
import { analyticsSchema } from '../../../src/contract/published';
import { SandboxError, validationFailed } from '../../errors';
import { analyticsViewSchema } from '../request-schemas';
import type { Route, RouteContext } from '../router';
import { seededAnalytics } from '../../state/seeded-analytics';
import { testResultOf } from '../../state/test-result';

/** `testResult` (Intelligems' verdict) only when the request asks for it, as the published API does. */
async function analyticsFor({ params, store, now }: RouteContext, withTestResult = false) {
  const experience = store.requireExperience(params.experienceId);
  if (store.analyticsHang(experience.id)) {
    await store.untilClosed();
    throw new SandboxError(500, 'internal_error', 'The sandbox closed while these results hung, as they were told to.');
  }
  const { testResult, ...analytics } = store.getSetAnalytics(experience.id) ?? seededAnalytics(experience, now());
  if (!withTestResult) return analytics;
  return { ...analytics, testResult: testResult ?? testResultOf(analytics, experience.startedAtTs, now()) };
}

/** `PUT` makes an experience's analytics hang (never answer), `DELETE` makes them answer again. */
function hangControl(hanging: boolean): Route['handle'] {
  return ({ params, store }) => {
    const experience = store.requireExperience(params.experienceId);
    store.setAnalyticsHanging(experience.id, hanging);
    return hanging ? { status: 200, body: { experienceId: experience.id, hanging } } : { status: 204 };
  };
}

export const analyticsRoutes: Route[] = [
  {
    method: 'POST',
    path: '/analytics/resource/{experienceId}',
    handle: async (context) => {
      const view = analyticsViewSchema.safeParse(await context.body());
      if (!view.success) throw validationFailed('analytics request', view.error);
      return { status: 200, body: await analyticsFor(context, view.data.testResult === true) };
    },
  },
  {
    method: 'GET',
    path: '/analytics/resource/{experienceId}',
    handle: async (context) => {
      const view = analyticsViewSchema.safeParse({ view: context.query.get('view') ?? undefined });
      if (!view.success) throw validationFailed('query', view.error);
      return { status: 200, body: await analyticsFor(context) };
    },
  },
  {
    method: 'PUT',
    path: '/sandbox/analytics/{experienceId}',
    sandboxControl: true,
    handle: async ({ params, store, body }) => {
      const experience = store.requireExperience(params.experienceId);
      const parsed = analyticsSchema.safeParse(await body());
      if (!parsed.success) throw validationFailed('analytics', parsed.error);
      if (parsed.data.experienceId !== experience.id) {
        throw new SandboxError(
          400,
          'validation_failed',
          `Invalid analytics: experienceId: must be “${experience.id}”, the experience in the path (got “${parsed.data.experienceId}”).`,
        );
      }
      store.setAnalytics(experience.id, parsed.data);
      return { status: 200, body: { analytics: parsed.data } };
    },
  },
  {
    method: 'DELETE',
    path: '/sandbox/analytics/{experienceId}',
    sandboxControl: true,
    handle: ({ params, store }) => {
      const experience = store.requireExperience(params.experienceId);
      store.clearAnalytics(experience.id);
      return { status: 204 };
    },
  },
  { method: 'PUT', path: '/sandbox/analytics/{experienceId}/hang', sandboxControl: true, handle: hangControl(true) },
  { method: 'DELETE', path: '/sandbox/analytics/{experienceId}/hang', sandboxControl: true, handle: hangControl(false) },
];
