/**
 * Reading the pages of the experiences list a few at a time once the first says how many there are: the result is
 * the sequential reading's (page order, each experience once, stopped at the first missing page), whatever order the
 * answers come back in. Answers are held back by promises the test releases, never by timers.
 */
import type { Bundle, ZObject } from 'zapier-platform-core';
import { apiClient, MAX_PAGES_IN_FLIGHT, type ListReading, type PagingControl } from '../../src/api/client';
import { failsThePoll } from '../../src/triggers/poll-ports';
import { App, appTester, PREFIX } from '../helpers/app-tester';
import { api } from '../helpers/significance-api';
import { API_KEY } from '../helpers/signed-delivery';

const authData = { apiKey: API_KEY };
const triggers = App.triggers as Record<string, any>;

const CREATED = Date.UTC(2026, 10, 1);

function experience(id: string) {
  return { id, name: `Test ${id}`, type: 'pricing', category: 'experiment', status: 'started', createdAtTs: CREATED };
}

/** A promise and the function that resolves it. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open = () => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

/** Every request the list answered so far, in the order they arrived, and the largest number answered at once. */
interface Traffic {
  arrived: number[];
  maxInFlight: number;
}

/**
 * Page `page` of the list, answered once its gate opens: 200 with the ids and `totalPages`, or the status given.
 * Counts the pages in flight.
 */
function heldPage(
  traffic: Traffic,
  inFlight: { now: number },
  page: number,
  held: Promise<void>,
  answer: { ids: string[]; totalPages?: number } | number,
  headers: Record<string, string> = {},
) {
  return api()
    .get(`${PREFIX}/experiences-list`)
    .query({ limit: '100', page: String(page) })
    .reply(async () => {
      traffic.arrived.push(page);
      inFlight.now++;
      traffic.maxInFlight = Math.max(traffic.maxInFlight, inFlight.now);
      await held;
      inFlight.now--;
      if (typeof answer === 'number') return [answer, { error: 'Failed', message: `page ${page} failed` }, headers];
      const body: Record<string, unknown> = { experiencesList: answer.ids.map(experience) };
      if (answer.totalPages !== undefined) body.totalPages = answer.totalPages;
      return [200, body, headers];
    });
}

/** Reads every page through the app tester's real z.request, with the polls' rule for later failures by default. */
function readAll(control: PagingControl = { keepsWhatWasRead: (error) => !failsThePoll(error) }): Promise<ListReading> {
  return appTester(async (z: ZObject, bundle: Bundle) => apiClient(z, bundle).readAllExperiences({}, 'checking for new experience events', control), {
    authData,
    inputData: {},
  }) as Promise<ListReading>;
}

/** Resolves once the list has received `count` requests (polled on the event loop, never on the clock); fails if they never come. */
async function arrivals(traffic: Traffic, count: number): Promise<void> {
  for (let turn = 0; traffic.arrived.length < count; turn++) {
    if (turn > 20_000) throw new Error(`the list received ${traffic.arrived.length} requests (pages ${traffic.arrived.join(', ')}), not ${count}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('reading the remaining pages at once', () => {
  it('keeps page order and each experience once, whatever order the answers come in', async () => {
    const traffic: Traffic = { arrived: [], maxInFlight: 0 };
    const inFlight = { now: 0 };
    const gates = Array.from({ length: 7 }, gate);
    const pages = [
      { ids: ['e1', 'e2'], totalPages: 6 },
      // e2 pushed onto page 2 by an experience created meanwhile: kept where it was first read.
      { ids: ['e2', 'e3'], totalPages: 6 },
      { ids: ['e4'], totalPages: 6 },
      { ids: ['e5', 'e4'], totalPages: 6 },
      { ids: ['e6'], totalPages: 6 },
      { ids: ['e7'], totalPages: 6 },
    ];
    const scopes = pages.map((answer, i) => heldPage(traffic, inFlight, i + 1, gates[i + 1].opened, answer));
    const reading = readAll();
    gates[1].open();
    await arrivals(traffic, 1 + MAX_PAGES_IN_FLIGHT);
    // Pages 2–5 are asked at once; answered last to first.
    expect(traffic.arrived).toEqual([1, 2, 3, 4, 5]);
    for (const page of [5, 4, 3]) gates[page].open();
    await arrivals(traffic, 6);
    gates[6].open();
    gates[2].open();
    expect(await reading).toEqual({
      experiences: ['e1', 'e2', 'e3', 'e4', 'e5', 'e6', 'e7'].map(experience),
      complete: true,
      pages: 6,
    });
    expect(traffic.maxInFlight).toBe(MAX_PAGES_IN_FLIGHT);
    scopes.forEach((scope) => expect(scope.isDone()).toBe(true));
  });

  it('reads one page at a time when the answers do not say totalPages, and a short page ends the list', async () => {
    const traffic: Traffic = { arrived: [], maxInFlight: 0 };
    const inFlight = { now: 0 };
    const full = (page: number) => Array.from({ length: 100 }, (_, n) => `p${page}_${n}`);
    heldPage(traffic, inFlight, 1, Promise.resolve(), { ids: full(1) });
    heldPage(traffic, inFlight, 2, Promise.resolve(), { ids: full(2) });
    heldPage(traffic, inFlight, 3, Promise.resolve(), { ids: ['last'] });
    const fourth = heldPage(traffic, inFlight, 4, Promise.resolve(), { ids: ['never'] });
    const reading = await readAll();
    expect(reading).toMatchObject({ complete: true, pages: 3 });
    expect(reading.experiences).toHaveLength(201);
    expect(traffic.maxInFlight).toBe(1);
    expect(fourth.isDone()).toBe(false);
  });

  it('a failed middle page returns the pages before it only, incomplete, even when later pages were answered', async () => {
    const traffic: Traffic = { arrived: [], maxInFlight: 0 };
    const inFlight = { now: 0 };
    const later = gate();
    const middle = gate();
    heldPage(traffic, inFlight, 1, Promise.resolve(), { ids: ['e1'], totalPages: 5 });
    heldPage(traffic, inFlight, 2, Promise.resolve(), { ids: ['e2'], totalPages: 5 });
    heldPage(traffic, inFlight, 3, middle.opened, 500);
    heldPage(traffic, inFlight, 4, later.opened, { ids: ['e4'], totalPages: 5 });
    heldPage(traffic, inFlight, 5, later.opened, { ids: ['e5'], totalPages: 5 });
    const reading = readAll();
    await arrivals(traffic, 5);
    later.open();
    // Pages 4 and 5 answer while page 3 is still out.
    while (inFlight.now > 1) await new Promise((resolve) => setImmediate(resolve));
    middle.open();
    const result = await reading;
    expect(result).toMatchObject({ experiences: [experience('e1'), experience('e2')], complete: false, pages: 2 });
    expect(result.stoppedBecause).toMatch(/HTTP 500/);
    expect(traffic.arrived.sort()).toEqual([1, 2, 3, 4, 5]);
  });

  it('starts no page after a failure, and a 401 on a later page still fails the reading', async () => {
    const traffic: Traffic = { arrived: [], maxInFlight: 0 };
    const inFlight = { now: 0 };
    heldPage(traffic, inFlight, 1, Promise.resolve(), { ids: ['e1'], totalPages: 9 });
    heldPage(traffic, inFlight, 2, Promise.resolve(), 401);
    const held = gate();
    for (const page of [3, 4, 5]) heldPage(traffic, inFlight, page, held.opened, { ids: [`e${page}`], totalPages: 9 });
    const reading = readAll();
    await arrivals(traffic, 5);
    held.open();
    await expect(reading).rejects.toMatchObject({ name: 'ExpiredAuthError' });
    expect(traffic.arrived.sort()).toEqual([1, 2, 3, 4, 5]);
  });

  it('asks the budget hook before each page starts, with the pages in flight, and stops where it refuses', async () => {
    const traffic: Traffic = { arrived: [], maxInFlight: 0 };
    const inFlight = { now: 0 };
    const held = gate();
    heldPage(traffic, inFlight, 1, Promise.resolve(), { ids: ['e1'], totalPages: 6 });
    for (const page of [2, 3]) heldPage(traffic, inFlight, page, held.opened, { ids: [`e${page}`], totalPages: 6 });
    const asked: Array<[number, number]> = [];
    const reading = readAll({ beforePage: (page, pagesInFlight) => (asked.push([page, pagesInFlight]), page >= 4 ? 'the budget is spent' : null) });
    await arrivals(traffic, 3);
    expect(asked).toEqual([
      [2, 0],
      [3, 1],
      [4, 2],
    ]);
    held.open();
    expect(await reading).toEqual({ experiences: ['e1', 'e2', 'e3'].map(experience), complete: false, pages: 3, stoppedBecause: 'the budget is spent' });
    // Asked again as the slots freed, last with nothing in flight, as a page-by-page reading would ask it.
    expect(asked.slice(3).every(([page]) => page === 4)).toBe(true);
    expect(asked[asked.length - 1]).toEqual([4, 0]);
    expect(traffic.arrived).toEqual([1, 2, 3]);
  });

  it('a poll counts the pages in flight as spent: it never starts one that could take the key below its reserve', async () => {
    const traffic: Traffic = { arrived: [], maxInFlight: 0 };
    const inFlight = { now: 0 };
    const reset = String(Date.now() + 30_000);
    // 13 calls left after page 1 and 10 kept for other Zaps: three more pages may be in flight at once, not four.
    const rate = (remaining: number) => ({ 'x-ratelimit-remaining': String(remaining), 'x-ratelimit-reset': reset });
    heldPage(traffic, inFlight, 1, Promise.resolve(), { ids: ['e1'], totalPages: 10 }, rate(13));
    const held = gate();
    for (const page of [2, 3, 4]) heldPage(traffic, inFlight, page, held.opened, { ids: [`e${page}`], totalPages: 10 }, rate(14 - page));
    const fifth = heldPage(traffic, inFlight, 5, Promise.resolve(), { ids: ['e5'], totalPages: 10 });
    const items = appTester(triggers.experience_created_poll.operation.perform, { authData, inputData: {} }) as Promise<Array<{ experience_id: string }>>;
    await arrivals(traffic, 4);
    held.open();
    expect((await items).map((item) => item.experience_id).sort()).toEqual(['e1', 'e2', 'e3', 'e4']);
    expect(traffic.arrived).toEqual([1, 2, 3, 4]);
    expect(traffic.maxInFlight).toBe(3);
    // Once they answered, the key is at its reserve: page 5 never starts.
    expect(fifth.isDone()).toBe(false);
  });
});
