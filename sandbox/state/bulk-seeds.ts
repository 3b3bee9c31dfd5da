/**
 * Many running experiments on top of the believable store, for the benchmarks and tests of a large account
 * (`SANDBOX_RUNNING_EXPERIMENTS=200` or `startSandbox({ runningExperiments: 200 })`). They come after the regular
 * seeds and leave them as they are; each has a stable id and name, so a test can pick one out (e.g. to make its
 * analytics hang), and started 7 to 36 days ago, so the seeded results have data to show.
 */
import { readableExperienceType } from '../../src/contract/published';
import { historyRecord, type StoredExperience } from './history';
import { SANDBOX_ORGANIZATION, SANDBOX_TEAMMATE, SANDBOX_USER, testTypesFor } from './seed-data';

const DAY = 24 * 60 * 60 * 1000;
const TYPES = ['pricing', 'shipping', 'content/advanced', 'content/onsiteEdits', 'content/theme', 'checkoutBlock'] as const;
const SUBJECTS = ['tents', 'sleeping bags', 'rain jackets', 'headlamps', 'trail shoes', 'backpacks', 'camp stoves', 'water filters'];

/** The id of the n-th bulk experiment (0-based): a uuid shape, recognisable by its `b0b0` group. */
export function bulkExperimentId(n: number): string {
  return `b0b0b0b0-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

export function bulkRunningExperiments(count: number, now: number): StoredExperience[] {
  return Array.from({ length: count }, (_, n) => {
    const id = bulkExperimentId(n);
    const type = TYPES[n % TYPES.length];
    // Whole minutes, as a dashboard shows them; spread over 30 days so the list's newest-first order mixes them.
    const startedAtTs = Math.floor((now - (7 + (n % 30)) * DAY - n * 60_000) / 60_000) * 60_000;
    const createdAtTs = startedAtTs - DAY;
    // Started in the dashboard, by the key's owner or (every third) a teammate.
    const user = n % 3 === 2 ? SANDBOX_TEAMMATE : SANDBOX_USER;
    return {
      id,
      name: `Bulk test ${n + 1}: ${readableExperienceType(type)} on ${SUBJECTS[n % SUBJECTS.length]}`,
      type,
      category: 'experiment',
      status: 'started',
      organizationId: SANDBOX_ORGANIZATION.id,
      variations: [
        { id: `var_b${n}_0`, name: 'Control', percentage: 50, isControl: true, order: 0 },
        { id: `var_b${n}_1`, name: 'Challenger', percentage: 50, isControl: false, order: 1 },
      ],
      experienceActions: [{ id: `act_b${n}_1`, experienceId: id, action: 'start', actionTs: startedAtTs, performedBy: user.email }],
      createdAtTs,
      lastUpdateTs: startedAtTs,
      startedAtTs,
      pausedAtTs: null,
      endedAtTs: null,
      archivedAtTs: null,
      testTypes: testTypesFor(type),
      history: [historyRecord(id, 'startExperience', { user, source: 'internal' }, startedAtTs, `hist_b${n}_1`)],
      isDeleted: false,
      isPreview: false,
      hasSchedule: false,
    };
  });
}
