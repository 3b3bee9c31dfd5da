/**
 * The sandbox's memory: experiences, webhook subscriptions and results someone set by hand. Plain maps behind
 * methods that hand out copies, so nothing outside can change stored state without going through a route.
 */
import { randomUUID } from 'node:crypto';
import type { EventName, Organization } from '../../src/contract/assumed';
import type { Analytics, ExperienceCategory, ExperienceStatus } from '../../src/contract/published';
import { notFound } from '../errors';
import { bulkRunningExperiments } from './bulk-seeds';
import type { StoredExperience } from './history';
import { API_ACTOR, SANDBOX_ACTOR, SANDBOX_ORGANIZATION, seedExperiences } from './seed-data';

export interface StoredWebhook {
  id: string;
  url: string;
  events: EventName[];
  /** Deliveries are signed with it; never shown by any read endpoint. */
  secret: string;
  description?: string;
  createdAtTs: number;
}

/** A webhook as the API shows it: everything but the secret. */
export type PublicWebhook = Omit<StoredWebhook, 'secret'>;

export interface ExperienceFilter {
  status?: ExperienceStatus;
  category?: ExperienceCategory;
  /** Deleted experiences are left out, as Intelligems' default list leaves them out, unless this is true. */
  includeDeleted?: boolean;
}

export class SandboxStore {
  readonly organization: Organization = SANDBOX_ORGANIZATION;
  /** Who the API key acts as, as a delivery's `triggeredBy` names them. */
  readonly actor = SANDBOX_ACTOR;
  /** The same person, as history records them (user and source). */
  readonly apiActor = API_ACTOR;
  private readonly experiences = new Map<string, StoredExperience>();
  private readonly webhooks = new Map<string, StoredWebhook>();
  private readonly analytics = new Map<string, Analytics>();
  /** Experiences whose analytics never answer (until the sandbox closes). */
  private readonly hangingAnalytics = new Set<string>();
  private releaseHangs!: () => void;
  private readonly closed = new Promise<void>((resolve) => (this.releaseHangs = resolve));

  constructor(options: { seed: boolean; now: number; runningExperiments?: number }) {
    const seeds = options.seed ? seedExperiences(options.now) : [];
    for (const experience of [...seeds, ...bulkRunningExperiments(options.runningExperiments ?? 0, options.now)])
      this.experiences.set(experience.id, experience);
  }

  /** Newest first (by creation), then by id, so pages are stable. Stored form: with history and `performedBy`. */
  listExperiences(filter: ExperienceFilter = {}): StoredExperience[] {
    return this.matching(filter).map((e) => structuredClone(e));
  }

  /** One page of the list, and how many match in all: only the page is copied, so a large account pages cheaply. */
  pageOfExperiences(filter: ExperienceFilter, offset: number, count: number): { experiences: StoredExperience[]; total: number } {
    const all = this.matching(filter);
    return { experiences: all.slice(offset, offset + count).map((e) => structuredClone(e)), total: all.length };
  }

  private matching(filter: ExperienceFilter): StoredExperience[] {
    return [...this.experiences.values()]
      .filter(
        (e) =>
          (filter.includeDeleted || !e.isDeleted) && (!filter.status || e.status === filter.status) && (!filter.category || e.category === filter.category),
      )
      .sort((a, b) => (b.createdAtTs ?? 0) - (a.createdAtTs ?? 0) || a.id.localeCompare(b.id));
  }

  /** Deleted ones too: they stay readable by id. */
  getExperience(id: string): StoredExperience | undefined {
    const found = this.experiences.get(id);
    return found && structuredClone(found);
  }

  requireExperience(id: string): StoredExperience {
    const found = this.getExperience(id);
    if (!found) throw notFound(`Experience “${id}”`);
    return found;
  }

  saveExperience(experience: StoredExperience): StoredExperience {
    this.experiences.set(experience.id, structuredClone(experience));
    return structuredClone(experience);
  }

  addWebhook(input: { url: string; events: EventName[]; secret: string; description?: string }, now: number): StoredWebhook {
    const webhook: StoredWebhook = { id: `wh_${randomUUID().replace(/-/g, '').slice(0, 16)}`, ...input, createdAtTs: now };
    this.webhooks.set(webhook.id, webhook);
    return { ...webhook };
  }

  listWebhooks(): StoredWebhook[] {
    return [...this.webhooks.values()].sort((a, b) => a.createdAtTs - b.createdAtTs).map((w) => ({ ...w }));
  }

  requireWebhook(id: string): StoredWebhook {
    const found = this.webhooks.get(id);
    if (!found) throw notFound(`Webhook “${id}”`);
    return { ...found };
  }

  deleteWebhook(id: string): boolean {
    return this.webhooks.delete(id);
  }

  /** The subscriptions an event goes to. */
  webhooksFor(event: EventName): StoredWebhook[] {
    return this.listWebhooks().filter((w) => w.events.includes(event));
  }

  setAnalytics(experienceId: string, analytics: Analytics): void {
    this.analytics.set(experienceId, structuredClone(analytics));
  }

  /** Back to seeded results. */
  clearAnalytics(experienceId: string): void {
    this.analytics.delete(experienceId);
  }

  /** From now on this experience's analytics never answer (a slow or stuck Intelligems), or answer again. */
  setAnalyticsHanging(experienceId: string, hanging: boolean): void {
    if (hanging) this.hangingAnalytics.add(experienceId);
    else this.hangingAnalytics.delete(experienceId);
  }

  analyticsHang(experienceId: string): boolean {
    return this.hangingAnalytics.has(experienceId);
  }

  /** Resolves when the sandbox closes: what a hanging request waits for, so none is left pending forever. */
  untilClosed(): Promise<void> {
    return this.closed;
  }

  close(): void {
    this.releaseHangs();
  }

  /** Results set through the sandbox endpoint, if any (the caller falls back to seeded results). */
  getSetAnalytics(experienceId: string): Analytics | undefined {
    const found = this.analytics.get(experienceId);
    return found && structuredClone(found);
  }
}

export function publicWebhook(webhook: StoredWebhook): PublicWebhook {
  const { secret: _secret, ...rest } = webhook;
  return rest;
}
