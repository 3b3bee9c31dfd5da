import { readDelivery, STANDARD_FIELDS } from '../../../src/contract/read-delivery';
import { EVENT_TEXT_FACTS } from '../../../src/items/event/facts';
import { checkDelivery } from '../../../src/webhook/check-delivery';
import { sign } from '../../../src/webhook/signature';
import { DELIVERY_VARIANTS, FULL_FIELDS } from '../../helpers/delivery-variants';
import { SUBSCRIPTION_SECRET } from '../../helpers/signed-delivery';

const NOW = 1_764_412_260_000;
const AT = NOW - 60_000;

describe.each(DELIVERY_VARIANTS)('accepted variant: $name', (variant) => {
  const content = JSON.stringify(variant.body(AT));
  const run = (signature: string | undefined) =>
    checkDelivery({
      rawBody: content,
      signature,
      eventHeader: variant.eventHeader,
      secrets: [SUBSCRIPTION_SECRET],
      listensTo: ['startExperience'],
      subscribedEvents: variant.subscribedEvents ?? ['startExperience'],
      now: NOW,
    });

  it('signed, it yields one item with the fields it carries', () => {
    const report = run(sign(SUBSCRIPTION_SECRET, content));
    expect(report.outcome).toEqual({ status: 'accepted' });
    const item = report.item!;
    expect(item).toMatchObject(variant.fields);
    expect(item.action).toBe(variant.event);
    // Seconds lose the milliseconds; every other form keeps the exact time.
    const at = variant.name.includes('seconds') ? Math.floor(AT / 1000) * 1000 : AT;
    expect(item.timestamp).toBe(variant.dated ? new Date(at).toISOString() : '');
    expect(item.raw).toEqual(JSON.parse(content));
    expect(Object.keys(item).sort()).toEqual(
      Object.keys(FULL_FIELDS).concat(['action', 'action_type', 'experience', 'id', 'organization', 'raw', 'summary', 'timestamp']).sort(),
    );
  });

  it('unsigned, it is refused', () => {
    expect(run(undefined).outcome).toMatchObject({ status: 'rejected', check: 'signature_missing' });
  });

  it('mis-signed, it is refused', () => {
    expect(run(sign('not-the-subscription-secret', content)).outcome).toMatchObject({ status: 'rejected', check: 'signature_mismatch' });
    // One byte more (insignificant whitespace to JSON) is still an altered body, whatever the variant holds.
    const altered = `${content} `;
    const report = checkDelivery({
      rawBody: altered,
      signature: sign(SUBSCRIPTION_SECRET, content),
      secrets: [SUBSCRIPTION_SECRET],
      listensTo: ['startExperience'],
      now: NOW,
    });
    expect(report.outcome).toMatchObject({ status: 'rejected', check: 'signature_mismatch' });
  });
});

describe('readDelivery: what it looks for', () => {
  it('looks for exactly the text facts an event item carries, from that one list', () => {
    expect(STANDARD_FIELDS).toBe(EVENT_TEXT_FACTS);
    expect(Object.keys(readDelivery({}).fields)).toEqual([...EVENT_TEXT_FACTS]);
  });
});

describe('readDelivery: where it looks', () => {
  it('reports where it found each field', () => {
    const reading = readDelivery({ payload: { event_type: 'experience.started', experience: { id: 'e', name: 'n' }, shop_id: 's' } });
    expect(reading.event).toEqual({ kind: 'known', name: 'startExperience', text: 'experience.started', at: 'payload.event_type' });
    expect(reading.fields.experience_id).toEqual({ value: 'e', at: 'payload.experience.id' });
    expect(reading.fields.shop).toEqual({ value: 's', at: 'payload.shop_id' });
    expect(reading.fields.organization_name).toBeNull();
  });

  it('prefers the top level to `data`, and a nested field to a flat one', () => {
    const reading = readDelivery({ experienceName: 'flat', experience: { name: 'nested' }, data: { experience: { id: 'from-data', name: 'data' } } });
    expect(reading.fields.experience_name).toEqual({ value: 'nested', at: 'experience.name' });
    expect(reading.fields.experience_id).toEqual({ value: 'from-data', at: 'data.experience.id' });
  });

  it('a real value wins over an explicit null elsewhere; a null alone is found and empty', () => {
    expect(readDelivery({ triggeredBy: null, triggeredByEmail: 'a@b.c' }).fields.triggered_by_email).toEqual({ value: 'a@b.c', at: 'triggeredByEmail' });
    expect(readDelivery({ triggeredBy: null }).fields.triggered_by_email).toEqual({ value: '', at: 'triggeredBy' });
  });

  it('the body names the event first; then the header; the subscription only when nothing names one', () => {
    expect(readDelivery({ action: 'pauseExperience' }, { eventHeader: 'startExperience', subscribedEvents: ['endExperience'] }).event).toMatchObject({
      name: 'pauseExperience',
      at: 'action',
    });
    expect(readDelivery({}, { eventHeader: 'startExperience', subscribedEvents: ['endExperience'] }).event).toMatchObject({
      name: 'startExperience',
      at: 'X-Intelligems-Event header',
    });
    expect(readDelivery({}, { subscribedEvents: ['endExperience'] }).event).toMatchObject({ name: 'endExperience', at: 'the subscription (its only event)' });
    expect(readDelivery({}, { subscribedEvents: ['endExperience', 'startExperience'] }).event).toEqual({ kind: 'absent' });
    // A name this app does not know is an unknown event, never the subscription's own.
    expect(readDelivery({ action: 'archiveExperience' }, { subscribedEvents: ['endExperience'] }).event).toEqual({
      kind: 'unknown',
      text: 'archiveExperience',
      at: 'action',
    });
    // `type` counts only as an event name: a bare experience type is not one.
    expect(readDelivery({ type: 'pricing' }, { subscribedEvents: ['endExperience'] }).event).toMatchObject({ name: 'endExperience' });
    // A known name anywhere in the body beats an unknown one.
    expect(readDelivery({ action: 'started', event: 'experience.started' }).event).toMatchObject({ name: 'startExperience', at: 'event' });
  });

  it('reads the test flag', () => {
    expect(readDelivery({ test: true }).test).toEqual({ value: true, at: 'test' });
    expect(readDelivery({ data: { is_test: 'true' } }).test).toEqual({ value: true, at: 'data.is_test' });
    expect(readDelivery({ test: false }).test).toEqual({ value: false, at: 'test' });
    expect(readDelivery({}).test).toBeNull();
  });

  it('gathers flat fields into the item’s experience and organization objects, and never changes the body', () => {
    const body = { experience_id: 'e', experience_name: 'n', shop_id: 's', organization_name: 'o' };
    const frozen = JSON.parse(JSON.stringify(body));
    const reading = readDelivery(body);
    expect(reading.experience).toEqual({ id: 'e', name: 'n' });
    expect(reading.organization).toEqual({ name: 'o', shopId: 's' });
    expect(reading.raw).toBe(body);
    expect(body).toEqual(frozen);
  });

  it('keys with `__proto__` or `constructor` are plain keys, not prototypes', () => {
    const reading = readDelivery(JSON.parse('{"__proto__": {"experienceName": "polluted"}, "constructor": "x", "experience": {"name": "ok"}}'));
    expect(reading.fields.experience_name).toEqual({ value: 'ok', at: 'experience.name' });
    expect(({} as Record<string, unknown>).experienceName).toBeUndefined();
  });
});
