import { readDelivery } from '../../../src/contract/read-delivery';
import { EVENT_TEXT_FACTS } from '../../../src/items/event/facts';
import { deliveryFacts } from '../../../src/webhook/event-facts';
import { sampleDeliveryBody } from '../../../src/webhook/sample';

describe('deliveryFacts', () => {
  it('takes every text fact from where the reader found it', () => {
    const facts = deliveryFacts(readDelivery(sampleDeliveryBody('pauseExperience')));
    expect(facts).toMatchObject({ action: 'pauseExperience', timestampMs: 1764412200000, idTime: 1764412200000 });
    expect(facts.text).toMatchObject({ shop: 'acme-outdoors.myshopify.com', triggered_by_name: 'Jane Doe', organization_name: 'Acme Outdoors' });
    expect(Object.keys(facts.text).sort()).toEqual([...EVENT_TEXT_FACTS].sort());
  });

  it('stands the undated id in for a missing time, and leaves an unknown event empty', () => {
    const facts = deliveryFacts(readDelivery({ event: 'somethingNew', experience: { id: 'e1' } }), 'sig-1');
    expect(facts).toMatchObject({ action: '', timestampMs: null, idTime: 'sig-1' });
    expect(facts.text.experience_id).toBe('e1');
    expect(facts.text.shop).toBe('');
  });
});
