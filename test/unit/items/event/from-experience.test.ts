import type { EventName } from '../../../../src/contract/assumed';
import { experienceSchema, type Experience } from '../../../../src/contract/published';
import {
  SAME_OCCURRENCE_MS,
  absenceEvent,
  actorOf,
  eventsOfExperience,
  listedEventFacts,
  listedEventItem,
  recentEvents,
} from '../../../../src/items/event/from-experience';
import { LIST_EXPERIENCES } from '../../../helpers/experiences';

const [price, ship, offer] = LIST_EXPERIENCES as unknown as Experience[];
const T = 1_764_400_000_000;
const JANE = { id: 'u1', email: 'jane@acme.example', firstName: 'Jane', lastName: 'Doe', preferredName: null };

/** A list item as Intelligems sends it, parsed by the published schema (so loose parsing is part of what is tested). */
function listed(fields: Record<string, unknown>): Experience {
  return experienceSchema.parse({ id: 'exp_1', name: 'Spring pricing', type: 'pricing', category: 'experiment', status: 'started', ...fields });
}
const record = (action: string, at: unknown, user: unknown = JANE) => ({
  id: `h_${action}_${String(at)}`,
  experienceId: 'exp_1',
  action,
  createdAtTs: at,
  user,
});
const summary = (experience: Experience) => eventsOfExperience(experience).map((e) => [e.action, e.timestamp, e.who.email, e.who.name]);

describe('eventsOfExperience: each event, from where the published list records it', () => {
  it.each<[string, EventName]>([
    ['startExperience', 'startExperience'],
    ['pauseExperience', 'pauseExperience'],
    ['endExperience', 'endExperience'],
    ['saveExperience', 'updateExperience'],
    ['deleteExperience', 'deleteExperience'],
    ['archiveExperience', 'deleteExperience'],
  ])('history %s is %s, with who acted', (historyAction, event) => {
    expect(summary(listed({ history: [record(historyAction, T)] }))).toEqual([[event, T, 'jane@acme.example', 'Jane Doe']]);
  });

  it.each<[string, EventName]>([
    ['start', 'startExperience'],
    ['pause', 'pauseExperience'],
    ['end', 'endExperience'],
    ['delete', 'deleteExperience'],
  ])('experienceActions %s is %s (the list says nobody)', (recorded, event) => {
    const experience = listed({ experienceActions: [{ id: 'a', experienceId: 'exp_1', action: recorded, actionTs: T }] });
    expect(summary(experience)).toEqual([[event, T, '', '']]);
  });

  it("takes who acted from an action's performedBy when no history record says", () => {
    const experience = listed({ experienceActions: [{ id: 'a', experienceId: 'exp_1', action: 'end', actionTs: T, performedBy: 'sam@acme.example' }] });
    expect(summary(experience)).toEqual([['endExperience', T, 'sam@acme.example', '']]);
  });

  it('a creation at createdAtTs, with nobody named', () => {
    expect(summary(listed({ createdAtTs: T }))).toEqual([['createExperience', T, '', '']]);
  });

  it('a deletion from archivedAtTs, and from isDeleted (at its last change) when nothing else says when', () => {
    expect(summary(listed({ archivedAtTs: T }))).toEqual([['deleteExperience', T, '', '']]);
    expect(summary(listed({ isDeleted: true, lastUpdateTs: T }))).toEqual([['deleteExperience', T, '', '']]);
  });

  it('lastUpdateTs, startedAtTs, pausedAtTs and endedAtTs alone are never events', () => {
    expect(eventsOfExperience(listed({ lastUpdateTs: T, startedAtTs: T, pausedAtTs: T, endedAtTs: T }))).toEqual([]);
  });

  it('an unknown history action, or a history action that is no event, makes no item and no error', () => {
    const experience = listed({ history: [record('teleportExperience', T), record('duplicateExperience', T), record('saveCampaign', T), { action: 7 }] });
    expect(eventsOfExperience(experience)).toEqual([]);
  });

  it('a record or action whose time is unusable makes no item and no error', () => {
    const experience = listed({
      history: [record('startExperience', 'noon'), record('pauseExperience', 1.7e18), record('endExperience', null)],
      experienceActions: [{ id: 'a', experienceId: 'exp_1', action: 'start', actionTs: 1.7e18 }],
      createdAtTs: 1.7e18,
    });
    expect(eventsOfExperience(experience)).toEqual([]);
  });

  it('without any history, still reads experienceActions, createdAtTs and archivedAtTs', () => {
    const experience = listed({
      createdAtTs: T,
      experienceActions: [{ id: 'a', experienceId: 'exp_1', action: 'start', actionTs: T + 60 * 60_000 }],
      archivedAtTs: T + 2 * 60 * 60_000,
    });
    expect(summary(experience).map(([action]) => action)).toEqual(['createExperience', 'startExperience', 'deleteExperience']);
  });

  it('a user without a name is shown by email; a null user (a system action) leaves who acted empty', () => {
    expect(summary(listed({ history: [record('pauseExperience', T, { email: 'ops@acme.example' })] }))).toEqual([
      ['pauseExperience', T, 'ops@acme.example', ''],
    ]);
    expect(summary(listed({ history: [record('pauseExperience', T, null)] }))).toEqual([['pauseExperience', T, '', '']]);
  });
});

describe('one occurrence, one item', () => {
  it('a history startExperience and an experienceActions start of the same moment are one start, with who acted', () => {
    const experience = listed({
      history: [record('startExperience', T + 1500)],
      experienceActions: [{ id: 'a', experienceId: 'exp_1', action: 'start', actionTs: T }],
    });
    expect(summary(experience)).toEqual([['startExperience', T, 'jane@acme.example', 'Jane Doe']]);
  });

  it('a history deleteExperience, an archivedAtTs and isDeleted are one deletion', () => {
    const experience = listed({ history: [record('deleteExperience', T)], archivedAtTs: T + 200, isDeleted: true, lastUpdateTs: T + 300 });
    expect(summary(experience)).toEqual([['deleteExperience', T, 'jane@acme.example', 'Jane Doe']]);
  });

  it('the same event within 5 minutes of the first sighting is one; later, another', () => {
    const experience = listed({
      history: [record('saveExperience', T), record('saveExperience', T + SAME_OCCURRENCE_MS), record('saveExperience', T + SAME_OCCURRENCE_MS + 1)],
    });
    expect(summary(experience).map(([, at]) => at)).toEqual([T, T + SAME_OCCURRENCE_MS + 1]);
  });

  it('different events at the same moment stay apart', () => {
    const experience = listed({ history: [record('startExperience', T), record('saveExperience', T)], createdAtTs: T });
    expect(
      summary(experience)
        .map(([action]) => action)
        .sort(),
    ).toEqual(['createExperience', 'startExperience', 'updateExperience']);
  });
});

describe('actorOf', () => {
  it('prefers the preferred name, then first and last name; the email, then the preferred email', () => {
    expect(actorOf({ email: 'j@x', preferredName: 'JD', firstName: 'Jane', lastName: 'Doe' })).toEqual({ email: 'j@x', name: 'JD' });
    expect(actorOf({ firstName: 'Jane', lastName: null, preferredEmail: 'p@x' })).toEqual({ email: 'p@x', name: 'Jane' });
    expect(actorOf(null)).toEqual({ email: '', name: '' });
  });
});

describe('recentEvents', () => {
  it('lists events newest first, at most the limit', () => {
    const events = recentEvents([price, ship, offer], ['startExperience', 'createExperience'], 3);
    expect(events.map((e) => [e.experience.id, e.action, e.timestamp])).toEqual([
      ['exp_offer', 'createExperience', 1_764_350_000_000],
      ['exp_ship', 'startExperience', 1_764_250_000_000],
      ['exp_ship', 'createExperience', 1_764_240_000_000],
    ]);
  });

  it('lists one event once, even when the list repeats an experience', () => {
    expect(recentEvents([ship, ship], ['startExperience'], 10)).toHaveLength(1);
  });

  it('only the events asked for, and the deletions seen by absence among them', () => {
    const gone = absenceEvent({ experience: { ...offer }, lastKnownChange: 5, noticedAt: T });
    expect(recentEvents([price], ['deleteExperience'], 10, [gone]).map((e) => e.experience.id)).toEqual(['exp_offer']);
    expect(recentEvents([price], ['startExperience'], 10, [gone]).every((e) => e.action === 'startExperience')).toBe(true);
  });
});

describe('listedEventFacts', () => {
  const [end] = eventsOfExperience(listed({ ...price, id: 'exp_price', history: [record('endExperience', 1_764_300_000_000)] })).filter(
    (e) => e.action === 'endExperience',
  );

  it("takes the experience's own fields and who acted, and says nothing of which store", () => {
    const facts = listedEventFacts(end);
    expect(facts.text).toMatchObject({
      experience_id: 'exp_price',
      experience_type_code: 'pricing',
      organization_id: 'org_4c1b9a',
      shop: '',
      triggered_by_email: 'jane@acme.example',
      triggered_by_name: 'Jane Doe',
    });
    expect(facts.organization).toEqual({ id: 'org_4c1b9a', name: '', shopId: '' });
  });

  it('leaves the history out of the item: the event says who acted', () => {
    const item = listedEventItem(end);
    expect(item.experience).not.toHaveProperty('history');
    expect(item.raw).toEqual({ action: 'endExperience', timestamp: 1_764_300_000_000, triggeredBy: { email: 'jane@acme.example', name: 'Jane Doe' } });
    expect(item.summary).toBe('Jane Doe ended the Price Test “Spring pricing”.');
  });

  it('keys the id on the occurrence: the same on every reading of the same list item', () => {
    const again = eventsOfExperience(listed({ ...price, id: 'exp_price', history: [record('endExperience', 1_764_300_000_000)] })).find(
      (e) => e.action === 'endExperience',
    );
    expect(listedEventItem(again!).id).toBe(listedEventItem(end).id);
    expect(listedEventItem(end).id).toBe('exp_price:endExperience:1764300000000');
  });

  it('a deletion seen by absence: the remembered fields, noticed now, keyed on the last known change', () => {
    const item = listedEventItem(
      absenceEvent({
        experience: { id: 'exp_9', name: 'Old test', type: 'shipping', category: 'experiment', status: 'ended' },
        lastKnownChange: 42,
        noticedAt: T,
      }),
    );
    expect(item).toMatchObject({
      id: 'exp_9:deleteExperience:gone-after-42',
      action: 'deleteExperience',
      timestamp: new Date(T).toISOString(),
      experience_name: 'Old test',
      experience_type: 'Shipping Test',
      triggered_by_email: '',
      summary: 'The Shipping Test “Old test” was deleted.',
    });
  });
});
