import type { EventFacts } from '../../../../src/items/event/facts';
import { EVENT_TEXT_FACTS } from '../../../../src/items/event/facts';
import { eventId, toEventItem } from '../../../../src/items/event/item';
import { experienceEventOutputFields } from '../../../../src/items/event/output-fields';

/** Every fact known: a start by Jane on Acme's store. Each test breaks one thing from here. */
function facts(overrides: Partial<EventFacts> = {}, text: Partial<EventFacts['text']> = {}): EventFacts {
  return {
    action: 'startExperience',
    timestampMs: 1_764_412_200_000,
    idTime: 1_764_412_200_000,
    text: {
      experience_id: 'exp_1',
      experience_name: 'Spring pricing',
      experience_type_code: 'pricing',
      experience_category: 'experiment',
      experience_status: 'started',
      organization_id: 'org_1',
      organization_name: 'Acme Outdoors',
      shop: 'acme.myshopify.com',
      triggered_by_email: 'jane@acme.example',
      triggered_by_name: 'Jane Doe',
      ...text,
    },
    variations: [
      { id: 'v1', name: 'Control', percentage: 50, isControl: true },
      { id: 'v2', name: '+10% price', percentage: 50, isControl: false },
    ],
    experience: { id: 'exp_1' },
    organization: { id: 'org_1' },
    raw: { action: 'startExperience' },
    ...overrides,
  };
}

describe('toEventItem', () => {
  it('shapes every fact into its key, with the readable type, action type and ISO time', () => {
    const item = toEventItem(facts());
    expect(item).toMatchObject({
      experience_name: 'Spring pricing',
      action_type: 'Start Experience',
      experience_type: 'Price Test',
      timestamp: '2025-11-29T10:30:00.000Z',
      experience_id: 'exp_1',
      id: 'exp_1:startExperience:1764412200000',
      action: 'startExperience',
      triggered_by_name: 'Jane Doe',
      shop: 'acme.myshopify.com',
      summary: 'Jane Doe started the Price Test “Spring pricing” on acme.myshopify.com.',
    });
    expect(item.variations).toContain('+10% price');
    expect(item.raw).toEqual({ action: 'startExperience' });
  });

  it('keeps the Sheets columns first, in Intelligems’ order, and has a label for every key', () => {
    const keys = Object.keys(toEventItem(facts()));
    expect(keys.slice(0, 6)).toEqual(['experience_name', 'action_type', 'experience_type', 'timestamp', 'experience_id', 'triggered_by_email']);
    const labelled = new Set(experienceEventOutputFields.map((field) => field.key));
    for (const key of keys.filter((k) => !['experience', 'organization', 'raw'].includes(k))) expect(labelled).toContain(key);
  });

  it('turns every unknown fact into an empty string, never a missing key', () => {
    const empty = Object.fromEntries(EVENT_TEXT_FACTS.map((fact) => [fact, ''])) as EventFacts['text'];
    const item = toEventItem({ ...facts(), action: '', timestampMs: null, idTime: 'sig-abc', text: empty, variations: null });
    expect(item).toMatchObject({ action: '', action_type: '', experience_type: '', timestamp: '', variations: '', id: '::sig-abc' });
    expect(item.summary).toBe('The experience was changed.');
  });

  it('names who acted by name, else by email, else says what happened without a who', () => {
    expect(toEventItem(facts({}, { triggered_by_name: ' ' })).summary).toMatch(/^jane@acme\.example started/);
    expect(toEventItem(facts({}, { triggered_by_name: '', triggered_by_email: '' })).summary).toBe(
      'The Price Test “Spring pricing” was started on acme.myshopify.com.',
    );
  });

  it('names the experience by id when it has no name, and shows an unknown type as it is', () => {
    expect(toEventItem(facts({}, { experience_name: '', experience_type_code: 'futureType' })).summary).toBe(
      'Jane Doe started the futureType exp_1 on acme.myshopify.com.',
    );
  });

  it('keys the id on idTime, so an undated event keeps one id', () => {
    expect(toEventItem(facts({ timestampMs: null, idTime: 'sig-0123' })).id).toBe(eventId('exp_1', 'startExperience', 'sig-0123'));
  });
});
