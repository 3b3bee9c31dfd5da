import type { Experience } from '../../../../src/contract/published';
import { eventTimestamps, listedEventFacts, listedEventItem, recentEvents } from '../../../../src/items/event/from-experience';
import { LIST_EXPERIENCES } from '../../../helpers/experiences';

const [price, ship, offer] = LIST_EXPERIENCES as unknown as Experience[];

describe('eventTimestamps', () => {
  it('reads a recorded event from experienceActions, every time it happened', () => {
    expect(eventTimestamps(price, 'startExperience')).toEqual([1_764_000_000_000, 1_764_200_000_000]);
  });

  it("falls back on the experience's own timestamp when no action records the event", () => {
    expect(eventTimestamps(offer, 'createExperience')).toEqual([1_764_350_000_000]);
    expect(eventTimestamps({ ...ship, experienceActions: [] }, 'startExperience')).toEqual([]);
    expect(eventTimestamps({ ...ship, experienceActions: [], startedAtTs: 5 }, 'startExperience')).toEqual([5]);
  });

  it('ignores an action it does not know', () => {
    const odd = { ...ship, experienceActions: [{ id: 'x', experienceId: ship.id, action: 'archive', actionTs: 9 }] };
    expect(eventTimestamps(odd, 'startExperience')).toEqual([]);
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
});

describe('listedEventFacts', () => {
  it("takes the experience's own fields and says nothing of who acted or which store", () => {
    const facts = listedEventFacts({ action: 'endExperience', timestamp: 1_764_300_000_000, experience: price });
    expect(facts.text).toMatchObject({
      experience_id: 'exp_price',
      experience_type_code: 'pricing',
      organization_id: 'org_4c1b9a',
      shop: '',
      triggered_by_email: '',
    });
    expect(facts.organization).toEqual({ id: 'org_4c1b9a' });
    expect(facts.raw).toEqual({ action: 'endExperience', timestamp: 1_764_300_000_000, experience: price });
  });

  it('keeps a time no date can hold in the id, with an empty timestamp, so two such events stay two', () => {
    const item = listedEventItem({ action: 'startExperience', timestamp: 1.7e18, experience: ship });
    expect(item.timestamp).toBe('');
    expect(item.id).toBe('exp_ship:startExperience:1700000000000000000');
  });
});
