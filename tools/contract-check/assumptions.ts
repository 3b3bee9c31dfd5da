/**
 * Every part of the Intelligems contract the app relies on, in the order the check reports them: what Intelligems
 * published, what this app assumes (src/contract/assumed.ts, docs/assumed-contract.md), and the parts no API call
 * can confirm. Names are stable: `--json` output and tests key on them.
 */
import { ANALYTICS_REQUEST_BODY } from '../../src/contract/published';

export type Source = 'published' | 'assumed';
export type Status = 'holds' | 'differs' | 'not_checked';

export interface Assumption {
  name: string;
  source: Source;
  /** What the app expects, in one line. */
  claim: string;
  /** Why no call can confirm it, for the parts the check never tries. */
  notCheckable?: string;
}

export const ASSUMPTIONS = [
  { name: 'experiences-list', source: 'published', claim: 'GET /experiences-list answers 200 {"experiencesList": Experience[]}' },
  { name: 'list-paging', source: 'published', claim: 'GET /experiences-list also answers page, limit, total and totalPages' },
  { name: 'list-history', source: 'published', claim: 'every list item carries history: who started, paused, ended, saved or deleted it, and when' },
  { name: 'rate-limit-headers', source: 'published', claim: 'every answer carries x-ratelimit-limit, x-ratelimit-remaining and x-ratelimit-reset' },
  { name: 'experience', source: 'published', claim: 'GET /experiences/{id} answers 200 {"experience": Experience}, wrapped unlike the list' },
  { name: 'unknown-experience', source: 'published', claim: 'GET /experiences/{id} of an unknown experience answers 404 {"error", "message"}' },
  {
    name: 'analytics',
    source: 'published',
    claim: `POST /analytics/resource/{id} ${JSON.stringify(ANALYTICS_REQUEST_BODY)} answers 200 Analytics; testResult, impact and p2bc, when present, in the types the app reads`,
  },
  {
    name: 'experience-actions',
    source: 'published',
    claim: 'POST /experiences/{id}/actions/{start|pause|end} answers 200 {"experience": Experience}',
    notCheckable: 'it would start, pause or end a live experience; run Start Experience from a Zap on an experience made for testing instead',
  },
  {
    name: 'webhook-create',
    source: 'assumed',
    claim: 'POST /webhooks {url, events, secret, description} answers 201 {"webhook": {id, url, events, createdAtTs, secret?}}',
  },
  { name: 'webhooks-list', source: 'assumed', claim: 'GET /webhooks answers 200 {"webhooks": Webhook[]}, never with a secret' },
  { name: 'webhook-delete', source: 'assumed', claim: 'DELETE /webhooks/{id} answers 204' },
  { name: 'webhook-delete-gone', source: 'assumed', claim: 'DELETE /webhooks/{id} of a webhook already deleted answers 404' },
  {
    name: 'delivery',
    source: 'assumed',
    claim: 'a delivery is signed JSON {action, timestamp, experience, organization, triggeredBy} with X-Intelligems-* headers',
    notCheckable: 'a delivery only reaches a receiving URL; capture one (a Catch Raw Hook in Zapier) and run npm run inspect-delivery on it',
  },
] as const satisfies ReadonlyArray<Assumption>;

export type AssumptionName = (typeof ASSUMPTIONS)[number]['name'];

/** The parts of the assumed webhook API: not tried on an account that offers none. */
export const WEBHOOK_PARTS = ['webhook-create', 'webhooks-list', 'webhook-delete', 'webhook-delete-gone'] as const satisfies ReadonlyArray<AssumptionName>;

export interface Finding {
  name: AssumptionName;
  status: Status;
  /** What was seen: statuses, counts and key names, never a value that could be a secret. */
  detail: string;
}

/** What the checks found so far; a part never reached stays unrecorded and is reported as not checked. */
export class Findings {
  private readonly byName = new Map<AssumptionName, Finding>();

  record(name: AssumptionName, status: Status, detail: string): void {
    this.byName.set(name, { name, status, detail });
  }

  get(name: AssumptionName): Finding | undefined {
    return this.byName.get(name);
  }

  /** One finding per assumption, in table order; `unreached` explains the parts no check recorded. */
  all(unreached: string): Finding[] {
    return ASSUMPTIONS.map(
      (assumption): Finding =>
        this.byName.get(assumption.name) ?? {
          name: assumption.name,
          status: 'not_checked',
          detail: 'notCheckable' in assumption ? `Not checked: ${assumption.notCheckable}.` : unreached,
        },
    );
  }
}
