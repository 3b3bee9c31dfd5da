/**
 * Hostile input over the delivery path, from raw bytes and headers to the item: property-based (fast-check), both
 * through the pure functions (many runs) and through the real `perform` under the app tester (fewer runs).
 * Properties: only a deliberate, readable rejection comes out, and the pipeline never throws; nothing unsigned or
 * mis-signed yields an item; every correctly signed JSON object that is not a test, a repeat or another event yields
 * exactly one item, whatever its shape; no secret appears in an error or a log line.
 */
import fc from 'fast-check';
import { DELIVERY_HEADERS, EVENT_NAMES, type EventName } from '../../src/contract/assumed';
import { readHeader } from '../../src/webhook/read-header';
import { EXPERIENCE_CATEGORIES, EXPERIENCE_STATUSES, KNOWN_EXPERIENCE_TYPES } from '../../src/contract/published';
import { checkDelivery, MAX_BODY_DEPTH, type DeliveryCheck, type DeliveryReport } from '../../src/webhook/check-delivery';
import { sign } from '../../src/webhook/signature';
import { SAMPLE_EXPERIENCE, SAMPLE_ORGANIZATION } from '../../src/items/sample-data';
import { App, appTester } from '../helpers/app-tester';
import { API_KEY, hookBundle } from '../helpers/signed-delivery';

type AnyRecord = Record<string, any>;
const RUNS = 250;
const PERFORM_RUNS = 30;
const HOUR = 60 * 60 * 1000;

// ---- generators ----

const secretArb = fc.stringMatching(/^[A-Za-z0-9_-]{24,64}$/);
const text = (maxLength = 30) => fc.string({ unit: 'binary', maxLength });
const nonEmptyText = (maxLength = 30) => fc.string({ unit: 'binary', minLength: 1, maxLength });
const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const timestampArb = optional(fc.option(fc.integer({ min: 0, max: 4_000_000_000_000 }), { nil: null }));

const variationArb = fc.record(
  {
    id: nonEmptyText(),
    name: text(),
    percentage: fc.double({ min: 0, max: 100, noNaN: true }),
    isControl: fc.boolean(),
    order: fc.integer({ min: -5, max: 50 }),
  },
  { requiredKeys: ['id', 'name', 'percentage', 'isControl'] },
);

const experienceArb = fc
  .tuple(
    fc.record(
      {
        id: nonEmptyText(),
        name: text(60),
        type: fc.oneof(fc.constantFrom(...KNOWN_EXPERIENCE_TYPES), nonEmptyText()),
        category: fc.constantFrom(...EXPERIENCE_CATEGORIES),
        status: fc.constantFrom(...EXPERIENCE_STATUSES),
        organizationId: text(),
        variations: fc.array(variationArb, { maxLength: 4 }),
        experienceActions: fc.array(
          fc.record({ id: text(), experienceId: text(), action: fc.oneof(fc.constantFrom('start', 'pause', 'end', 'delete'), text()), actionTs: fc.integer() }),
          { maxLength: 3 },
        ),
        createdAtTs: timestampArb,
        lastUpdateTs: timestampArb,
        startedAtTs: timestampArb,
        testTypes: fc.dictionary(text(10), fc.boolean(), { maxKeys: 3 }),
      },
      { requiredKeys: ['id', 'name', 'type', 'category', 'status'] },
    ),
    // Fields Intelligems may add later pass through untouched; unicode keys and values included.
    fc.dictionary(text(12), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 3 }),
  )
  .map(([known, extra]) => ({ ...extra, ...known }));

const organizationArb = fc.record({ id: nonEmptyText(), name: text(), shopId: text() }, { requiredKeys: ['id', 'name'] });
const triggeredByArb = fc.option(fc.record({ email: fc.option(text(), { nil: null }), name: fc.option(text(), { nil: null }) }, { requiredKeys: [] }), {
  nil: null,
});

/** A well-formed delivery body (as a value) of `action`, timestamped inside the accepted window. */
const bodyArb = (action: fc.Arbitrary<string>) =>
  fc.record({
    action,
    timestamp: fc.integer({ min: -23 * HOUR, max: 4 * 60 * 1000 }).map((offset) => Date.now() + offset),
    experience: experienceArb,
    organization: organizationArb,
    triggeredBy: triggeredByArb,
  });

const SIGNATURE_HEADER_NAMES = ['X-Intelligems-Signature', 'x-intelligems-signature', 'Http-X-Intelligems-Signature', 'HTTP-X-INTELLIGEMS-SIGNATURE'];
const signatureNameArb = fc.constantFrom(...SIGNATURE_HEADER_NAMES);
/** The accepted spellings of a correct signature. */
const signatureFormArb = fc.constantFrom(
  (hex: string) => hex,
  (hex: string) => hex.toUpperCase(),
  (hex: string) => `sha256=${hex}`,
  (hex: string) => ` ${hex} `,
);

/** Everything that is not a correct signature for (secret, body). */
const wrongSignatureArb = (secret: string, content: string): fc.Arbitrary<unknown> => {
  const right = sign(secret, content);
  return fc.oneof(
    secretArb.filter((other) => other !== secret).map((other) => sign(other, content)),
    fc
      .tuple(fc.nat({ max: 63 }), fc.constantFrom(...'0123456789abcdef'))
      .map(([i, c]) => right.slice(0, i) + (right[i] === c ? (c === '0' ? '1' : '0') : c) + right.slice(i + 1)),
    fc.nat({ max: 63 }).map((n) => right.slice(0, n)),
    // Surrounding whitespace is not part of a header value (HTTP strips it), so it does not make a signature wrong.
    fc
      .string({ unit: 'binary-ascii', minLength: 1, maxLength: 8 })
      .filter((extra) => extra.trim() !== '')
      .map((extra) => right + extra),
    fc.string({ unit: 'binary', minLength: 64, maxLength: 64 }),
    fc.stringMatching(/^[g-zG-Z]{64}$/),
    fc.constant(''),
    fc.constant('sha256='),
    fc.array(fc.string(), { maxLength: 3 }),
    fc.anything(),
  );
};

// ---- any signed JSON object (the tolerant reader's property) ----

const normalisedKey = (key: string) => key.replace(/[\s_-]/g, '').toLowerCase();
/** Keys the reader gives a meaning at the top level: random keys avoid them, the generator places them on purpose. */
const MEANINGFUL_KEYS = new Set([
  'action',
  'event',
  'eventtype',
  'type',
  'timestamp',
  'ts',
  'eventtimestamp',
  'eventtime',
  'occurredat',
  'test',
  'istest',
  'data',
  'payload',
]);
const freeKeyArb = fc.string({ unit: 'binary', maxLength: 12 }).filter((key) => !MEANINGFUL_KEYS.has(normalisedKey(key)));
const snake = (camel: string) => camel.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
/** A standard field under one of its accepted spellings, with any JSON value (often of the wrong type). */
const standardFieldArb = fc
  .tuple(
    fc.constantFrom(
      'experience',
      'organization',
      'triggeredBy',
      'experienceId',
      'experienceName',
      'experienceType',
      'experienceStatus',
      'organizationId',
      'shopId',
      'triggeredByEmail',
      'variations',
    ),
    fc.constantFrom(
      (k: string) => k,
      snake,
      (k: string) => k.toUpperCase(),
    ),
    fc.oneof(experienceArb, organizationArb, triggeredByArb, text(), fc.integer(), fc.boolean(), fc.constant(null), fc.jsonValue({ maxDepth: 2 })),
  )
  .map(([key, spell, value]) => [spell(key), value] as const);

/** The ways an event name is written: `startExperience`, `start_experience`, `experience.started`, `Start Experience`, `EXPERIENCE_STARTED`. */
function spellings(event: EventName): string[] {
  const verb = event.replace('Experience', '');
  const past = verb.endsWith('e') ? `${verb}d` : `${verb}ed`;
  return [event, `${verb}_experience`, `experience.${past}`, `${verb[0].toUpperCase()}${verb.slice(1)} Experience`, `EXPERIENCE_${past.toUpperCase()}`];
}

/** Fresh (inside the replay window) in one of the accepted forms, or absent. */
const timestampValueArb = fc.option(
  fc.tuple(fc.integer({ min: -23 * HOUR, max: 4 * 60 * 1000 }), fc.constantFrom('ms', 'seconds', 'iso', 'numeric string')).map(([offset, form]) => {
    const at = Date.now() + offset;
    return form === 'ms' ? at : form === 'seconds' ? Math.floor(at / 1000) + 1 : form === 'iso' ? new Date(at).toISOString() : String(at);
  }),
  { nil: undefined },
);

/**
 * Any JSON object Intelligems could sign for a Zap listening to `listensTo`, subscribed to `subscribed`: random keys
 * and values, standard fields in random spellings, places and types, wrapped or not, its event (one the Zap runs for)
 * named in the body in any spelling, or only in the header, or nowhere; a fresh timestamp in any form, or none.
 */
const anySignedObjectArb = (listensTo: ReadonlyArray<EventName>) =>
  fc
    .record({
      free: fc.dictionary(freeKeyArb, fc.jsonValue({ maxDepth: 3 }), { maxKeys: 5 }),
      fields: fc.array(standardFieldArb, { maxLength: 6 }),
      wrapper: fc.constantFrom(null, 'data', 'payload', 'Data'),
      event: fc.constantFrom(...listensTo).chain((event) => fc.tuple(fc.constant(event), fc.constantFrom(...spellings(event)))),
      eventAt: fc.constantFrom('action', 'event', 'eventType', 'event_type', 'type', 'header', 'nowhere'),
      timestamp: fc.tuple(timestampValueArb, fc.constantFrom('timestamp', 'ts', 'occurred_at')),
    })
    .map(({ free, fields, wrapper, event: [event, spelled], eventAt, timestamp: [timestamp, timestampKey] }) => {
      const inner: AnyRecord = { ...free, ...Object.fromEntries(fields) };
      if (timestamp !== undefined) inner[timestampKey] = timestamp;
      if (eventAt !== 'header' && eventAt !== 'nowhere') inner[eventAt] = spelled;
      const body = wrapper === null ? inner : { ...free, [wrapper]: inner };
      return { body, event, header: eventAt === 'header' ? spelled : undefined, named: eventAt !== 'nowhere' };
    });

// ---- the pure path ----

type PureOutcome = { item?: AnyRecord; ignored?: true; rejected?: { check: DeliveryCheck; message: string }; report?: DeliveryReport; thrown?: unknown };

/** The trigger's header reading and the delivery pipeline, exactly as every trigger's perform runs them. */
function runPure(rawBody: unknown, headers: unknown, secrets: ReadonlyArray<unknown>, listensTo: ReadonlyArray<EventName> = EVENT_NAMES): PureOutcome {
  try {
    const bag = headers as never;
    const report = checkDelivery({
      rawBody,
      signature: readHeader(bag, DELIVERY_HEADERS.signature),
      eventHeader: readHeader(bag, DELIVERY_HEADERS.event),
      secrets: secrets as never,
      listensTo,
    });
    const { outcome } = report;
    if (outcome.status === 'rejected') return { rejected: outcome, report };
    if (outcome.status === 'ignored') return { ignored: true, report };
    return { item: report.item, report };
  } catch (thrown) {
    return { thrown };
  }
}

/** A deliberate rejection: a named check, a readable one-line message, no stack or secret in it; nothing thrown. */
function expectReadableRejection(outcome: PureOutcome, secrets: ReadonlyArray<unknown>, checks?: ReadonlyArray<DeliveryCheck>) {
  expect(outcome.thrown).toBeUndefined();
  expect(outcome.item).toBeUndefined();
  expect(outcome.rejected).toBeDefined();
  const { message, check } = outcome.rejected!;
  if (checks) expect(checks).toContain(check);
  expect(message).toMatch(/^Ignored a/);
  expect(message).not.toMatch(/\n\s+at /);
  for (const secret of secrets) if (typeof secret === 'string' && secret.length > 0) expect(message).not.toContain(secret);
}

const SIGNATURE_CHECKS: DeliveryCheck[] = ['signature_missing', 'signature_malformed', 'signature_mismatch'];

describe('hostile input: the pure delivery path (checkDelivery, as perform runs it)', () => {
  it('random bytes, headers and secrets: only a readable rejection comes out, never an item or a throw', () => {
    const rawBodyArb = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 300 }),
      fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes).toString('utf8')),
      fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
      fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)),
      fc.anything(),
    );
    const headersArb = fc.oneof(
      fc.constantFrom(undefined, null, 'x', 42, []),
      fc.dictionary(fc.oneof(signatureNameArb, fc.string()), fc.oneof(fc.string({ unit: 'binary' }), fc.array(fc.string()), fc.anything()), { maxKeys: 5 }),
    );
    const secretsArb = fc.array(fc.oneof(secretArb, fc.constantFrom(undefined, null, '', 0, {})), { maxLength: 3 });
    fc.assert(
      fc.property(rawBodyArb, headersArb, secretsArb, (rawBody, headers, secrets) => {
        const outcome = runPure(rawBody, headers, secrets);
        expect(outcome.ignored).toBeUndefined();
        expectReadableRejection(outcome, secrets);
      }),
      { numRuns: RUNS },
    );
  });

  it('every correctly signed, well-formed body yields exactly one item, whatever the header spelling and secret order', () => {
    fc.assert(
      fc.property(
        bodyArb(fc.constantFrom(...EVENT_NAMES)),
        secretArb,
        secretArb,
        signatureNameArb,
        signatureFormArb,
        fc.boolean(),
        (body, secret, other, name, form, rightFirst) => {
          fc.pre(secret !== other);
          const content = JSON.stringify(body);
          const secrets = rightFirst ? [secret, other] : [other, secret];
          const outcome = runPure(content, { [name]: form(sign(secret, content)) }, secrets);
          expect(outcome.rejected).toBeUndefined();
          const item = outcome.item as AnyRecord;
          expect(item.id).toBe(`${body.experience.id}:${body.action}:${body.timestamp}`);
          expect(item.experience_name).toBe(body.experience.name);
          expect(item.timestamp).toBe(new Date(body.timestamp).toISOString());
          for (const key of ['experience_name', 'action_type', 'experience_type', 'summary', 'variations']) expect(typeof item[key]).toBe('string');
          const serialized = JSON.stringify(item);
          expect(serialized).not.toContain(secret);
          expect(serialized).not.toContain(other);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('nothing unsigned or mis-signed yields an item: every wrong signature is a signature rejection', () => {
    const caseArb = fc.tuple(bodyArb(fc.constantFrom(...EVENT_NAMES)), secretArb).chain(([body, secret]) => {
      const content = JSON.stringify(body);
      return fc.tuple(fc.constant(content), fc.constant(secret), wrongSignatureArb(secret, content), signatureNameArb, fc.boolean());
    });
    fc.assert(
      fc.property(caseArb, ([content, secret, signature, name, omit]) => {
        const headers = omit ? { 'X-Intelligems-Event': 'startExperience' } : { [name]: signature };
        const outcome = runPure(content, headers, [secret]);
        expectReadableRejection(outcome, [secret], SIGNATURE_CHECKS);
      }),
      { numRuns: RUNS },
    );
  });

  it('bytes changed after signing are refused as mis-signed', () => {
    const caseArb = fc.tuple(bodyArb(fc.constantFrom(...EVENT_NAMES)), secretArb).chain(([body, secret]) => {
      const content = JSON.stringify(body);
      return fc.tuple(
        fc.constant(content),
        fc.constant(secret),
        fc.nat({ max: content.length - 1 }),
        fc.string({ unit: 'binary', maxLength: 3 }),
        fc.nat({ max: 3 }),
      );
    });
    fc.assert(
      fc.property(caseArb, ([content, secret, at, insert, remove]) => {
        const mutated = content.slice(0, at) + insert + content.slice(at + remove);
        fc.pre(Buffer.compare(Buffer.from(mutated), Buffer.from(content)) !== 0);
        const outcome = runPure(mutated, { 'X-Intelligems-Signature': sign(secret, content) }, [secret]);
        expectReadableRejection(outcome, [secret], ['signature_mismatch', 'no_body']);
      }),
      { numRuns: RUNS },
    );
  });

  it('truncated and mutated JSON, correctly signed: one item or a readable body rejection, nothing else', () => {
    const caseArb = fc.tuple(bodyArb(fc.constantFrom(...EVENT_NAMES)), secretArb).chain(([body, secret]) => {
      const content = JSON.stringify(body);
      return fc.tuple(
        fc.constant(content),
        fc.constant(secret),
        fc.oneof(
          fc.nat({ max: content.length - 1 }).map((n) => content.slice(0, n + 1)),
          fc
            .tuple(fc.nat({ max: content.length - 1 }), fc.string({ unit: 'binary', maxLength: 4 }), fc.nat({ max: 4 }))
            .map(([at, insert, remove]) => content.slice(0, at) + insert + content.slice(at + remove)),
          fc
            .tuple(fc.nat({ max: content.length - 1 }), fc.constantFrom('{', '[', '"', ':', ',', '}', ']', 'null', '-1e999', '\\u0000', '\\ud800'))
            .map(([at, token]) => content.slice(0, at) + token + content.slice(at)),
        ),
      );
    });
    fc.assert(
      fc.property(caseArb, ([, secret, mutated]) => {
        const outcome = runPure(mutated, { 'Http-X-Intelligems-Signature': sign(secret, mutated) }, [secret]);
        if (outcome.ignored) return;
        if (outcome.item) {
          expect(typeof outcome.item.id).toBe('string');
          expect(() => JSON.stringify(outcome.item)).not.toThrow();
        } else {
          expectReadableRejection(
            outcome,
            [secret],
            ['not_json', 'not_object', 'too_deep', 'invalid_timestamp', 'timestamp_too_old', 'timestamp_in_future', 'no_body'],
          );
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('deeply nested bodies: up to the limit an item, beyond it a readable too_deep rejection', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: MAX_BODY_DEPTH * 3 }),
        fc.constantFrom('experience', 'organization', 'top'),
        fc.boolean(),
        (levels, where, arrays) => {
          const nested = Array.from({ length: levels }).reduce<unknown>((inner) => (arrays ? [inner] : { a: inner }), 'leaf');
          const body: AnyRecord = {
            action: 'startExperience',
            timestamp: Date.now(),
            experience: { ...SAMPLE_EXPERIENCE },
            organization: { ...SAMPLE_ORGANIZATION },
          };
          if (where === 'top') body.extra = nested;
          else body[where].extra = nested;
          const content = JSON.stringify(body);
          const secret = 'deep-nesting-secret-0123456789';
          const outcome = runPure(content, { 'X-Intelligems-Signature': sign(secret, content) }, [secret]);
          // Depth counts the body as 1; `extra` adds one more level inside experience and organization.
          const depth = levels + (where === 'top' ? 1 : 2);
          if (depth <= MAX_BODY_DEPTH) expect(outcome.item).toBeDefined();
          else expectReadableRejection(outcome, [secret], ['too_deep']);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('a body nested 1,000,000 levels deep is refused readably, without overflowing the stack', () => {
    const content = `{"action":"startExperience","timestamp":${Date.now()},"extra":${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}}`;
    const secret = 'deep-nesting-secret-0123456789';
    expectReadableRejection(runPure(content, { 'X-Intelligems-Signature': sign(secret, content) }, [secret]), [secret], ['too_deep']);
  });

  it('every correctly signed JSON object that is not a test, a repeat or another event yields exactly one item', () => {
    const caseArb = fc.subarray([...EVENT_NAMES], { minLength: 1 }).chain((listensTo) => fc.tuple(fc.constant(listensTo), anySignedObjectArb(listensTo)));
    fc.assert(
      fc.property(caseArb, secretArb, ([listensTo, { body, event, header, named }], secret) => {
        const content = JSON.stringify(body);
        const headers: AnyRecord = { 'Http-X-Intelligems-Signature': sign(secret, content) };
        if (header !== undefined) headers['Http-X-Intelligems-Event'] = header;
        const outcome = runPure(content, headers, [secret], listensTo);
        expect(outcome.thrown).toBeUndefined();
        expect(outcome.rejected).toBeUndefined();
        expect(outcome.ignored).toBeUndefined();
        const item = outcome.item as AnyRecord;
        // Named anywhere, or the subscription's only event: that event. Otherwise it cannot be known, and is empty.
        expect(item.action).toBe(named || listensTo.length === 1 ? event : '');
        expect(item.raw).toEqual(JSON.parse(content));
        for (const [key, value] of Object.entries(item)) if (!['experience', 'organization', 'raw'].includes(key)) expect(typeof value).toBe('string');
        expect(JSON.stringify(item)).not.toContain(secret);
      }),
      { numRuns: RUNS },
    );
  });

  it('the same objects marked `test: true` are ignored as test deliveries, never run', () => {
    fc.assert(
      fc.property(anySignedObjectArb(EVENT_NAMES), fc.constantFrom(true, 'true', 'TRUE'), secretArb, ({ body }, flag, secret) => {
        const content = JSON.stringify({ ...body, test: flag });
        const outcome = runPure(content, { 'X-Intelligems-Signature': sign(secret, content) }, [secret]);
        expect(outcome.item).toBeUndefined();
        expect(outcome.report?.outcome).toMatchObject({ status: 'ignored', reason: 'test' });
      }),
      { numRuns: 100 },
    );
  });

  it('timestamps beyond what a date can hold, correctly signed: a readable “timestamp” rejection, never a RangeError', () => {
    const beyondArb = fc.oneof(fc.double({ min: 8.7e15, max: 1e300, noNaN: true }), fc.double({ min: -1e300, max: -8.7e15, noNaN: true }), fc.constant(1.7e18));
    fc.assert(
      fc.property(beyondArb, secretArb, (timestamp, secret) => {
        const content = JSON.stringify({ action: 'startExperience', timestamp, experience: SAMPLE_EXPERIENCE });
        expectReadableRejection(runPure(content, { 'X-Intelligems-Signature': sign(secret, content) }, [secret]), [secret], ['invalid_timestamp']);
      }),
      { numRuns: 100 },
    );
  });

  it('a huge body (a 2 MB unicode name and 5,000 variations), correctly signed, yields one item', () => {
    const name = '𝔘nïcødé ✓ '.repeat(200_000);
    const variations = Array.from({ length: 5000 }, (_, i) => ({ id: `v${i}`, name: `Variation ${i} – 🎯`, percentage: 0.02, isControl: i === 0, order: i }));
    const content = JSON.stringify({
      action: 'endExperience',
      timestamp: Date.now(),
      experience: { ...SAMPLE_EXPERIENCE, name, variations },
      organization: SAMPLE_ORGANIZATION,
    });
    const secret = 'huge-body-secret-0123456789abcdef';
    const outcome = runPure(content, { 'X-Intelligems-Signature': sign(secret, content) }, [secret]);
    expect(outcome.rejected).toBeUndefined();
    expect(outcome.item?.experience_name).toBe(name);
    expect(outcome.item?.variations.split(', ')).toHaveLength(5000);
  });
});

// ---- the real perform, through the app tester ----

const hookTriggers = Object.entries(App.triggers as AnyRecord).filter(([, trigger]) => trigger.operation?.type === 'hook');

/** Runs perform with console output captured (z.console writes through to the global console). */
async function performCapturingLogs(operation: AnyRecord, bundle: AnyRecord): Promise<{ result?: AnyRecord[]; error?: AnyRecord; logs: string }> {
  const lines: string[] = [];
  const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((method) =>
    jest.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      lines.push(args.map(String).join(' '));
    }),
  );
  try {
    return { result: await appTester(operation.perform, bundle, true), logs: lines.join('\n') };
  } catch (error) {
    return { error: error as AnyRecord, logs: lines.join('\n') };
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
}

function performBundle(content: string, headers: Record<string, unknown>, secret: string) {
  const base = hookBundle({ content, headers: {} }, { subscribeData: { id: 'wh_hostile', secret, events: [] } });
  // Zapier's own middleware JSON.stringifies the bundle before perform runs and overflows on a few thousand levels of
  // cleanedRequest (perform reads only the raw body), so a too-deep body is handed over unparsed here.
  const cleanedRequest = content.length > 4000 && /[[{]{1000}/.test(content) ? {} : base.cleanedRequest;
  return { ...base, cleanedRequest, rawRequest: { ...base.rawRequest, headers } };
}

describe('hostile input: the real perform through the app tester', () => {
  const triggerArb = fc.constantFrom(...hookTriggers.map(([, trigger]) => trigger as AnyRecord));

  it('every correctly signed, well-formed delivery of its event yields exactly one item, and logs no secret', async () => {
    // The body comes from the property's own arbitrary (not fc.sample), so a failure replays from its seed and shrinks.
    const triggerAndBodyArb = triggerArb.chain((trigger) => fc.tuple(fc.constant(trigger), bodyArb(fc.constant(trigger.operation.sample.action as string))));
    await fc.assert(
      fc.asyncProperty(triggerAndBodyArb, secretArb, async ([trigger, body], secret) => {
        const content = JSON.stringify(body);
        const { result, error, logs } = await performCapturingLogs(
          trigger.operation,
          performBundle(content, { 'Http-X-Intelligems-Signature': sign(secret, content) }, secret),
        );
        expect(error).toBeUndefined();
        expect(result).toHaveLength(1);
        expect(result?.[0].id).toBe(`${body.experience.id}:${body.action}:${body.timestamp}`);
        expect(logs).not.toContain(secret);
        expect(JSON.stringify(result)).not.toContain(secret);
      }),
      { numRuns: PERFORM_RUNS },
    );
  });

  it('every correctly signed JSON object of its event, in any shape, yields exactly one item through perform, and logs no secret', async () => {
    const listensTo = (trigger: AnyRecord): EventName[] => (trigger.key === 'experience_event' ? [...EVENT_NAMES] : [trigger.operation.sample.action]);
    const caseArb = triggerArb.chain((trigger) => fc.tuple(fc.constant(trigger), anySignedObjectArb(listensTo(trigger))));
    await fc.assert(
      fc.asyncProperty(caseArb, secretArb, async ([trigger, { body, header }], secret) => {
        const content = JSON.stringify(body);
        const headers: AnyRecord = { 'Http-X-Intelligems-Signature': sign(secret, content) };
        if (header !== undefined) headers['Http-X-Intelligems-Event'] = header;
        const { result, error, logs } = await performCapturingLogs(trigger.operation, performBundle(content, headers, secret));
        expect(error).toBeUndefined();
        expect(result).toHaveLength(1);
        expect(result?.[0].raw).toEqual(JSON.parse(content));
        expect(logs).not.toContain(secret);
        expect(JSON.stringify(result)).not.toContain(secret);
      }),
      { numRuns: PERFORM_RUNS },
    );
  });

  it('unsigned, mis-signed, malformed or oversized deliveries: a readable HaltedError, never an item, no secret or key anywhere', async () => {
    const secret = 'perform-hostile-secret-0123456789';
    const caseArb = fc.oneof(
      // random bytes with random headers
      fc.tuple(
        fc.string({ unit: 'binary', maxLength: 200 }),
        fc.dictionary(fc.oneof(signatureNameArb, fc.string()), fc.string({ unit: 'binary' }), { maxKeys: 3 }),
      ),
      // a real body with a wrong signature
      bodyArb(fc.constantFrom(...EVENT_NAMES)).chain((body) => {
        const content = JSON.stringify(body);
        return fc.tuple(
          fc.constant(content),
          fc.tuple(signatureNameArb, wrongSignatureArb(secret, content)).map(([name, value]) => ({ [name]: value })),
        );
      }),
      // correctly signed but not JSON, or nested far too deep
      fc
        .constantFrom('not json at all', `{"a":${'['.repeat(5000)}${']'.repeat(5000)}}`)
        .map((content) => [content, { 'Http-X-Intelligems-Signature': sign(secret, content) }] as const),
    );
    await fc.assert(
      fc.asyncProperty(triggerArb, caseArb, async (trigger, [content, headers]) => {
        const { result, error, logs } = await performCapturingLogs(trigger.operation, performBundle(content, headers, secret));
        expect(result).toBeUndefined();
        expect(error?.name).toBe('HaltedError');
        expect(error?.message).toMatch(/^Ignored a /);
        expect(error?.message).not.toMatch(/\n\s+at /);
        for (const text of [error?.message, logs]) {
          expect(text).not.toContain(secret);
          expect(text).not.toContain(API_KEY);
        }
      }),
      { numRuns: PERFORM_RUNS * 2 },
    );
  });
});
