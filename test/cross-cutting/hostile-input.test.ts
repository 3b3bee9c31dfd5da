/**
 * Hostile input over the delivery path, from raw bytes and headers to the item: property-based (fast-check), both
 * through the pure functions (many runs) and through the real `perform` under the app tester (fewer runs).
 * Properties: only a deliberate, readable error escapes; nothing unsigned or mis-signed yields an item; every
 * correctly signed, well-formed body yields exactly one item; no secret appears in an error or a log line.
 */
import fc from 'fast-check';
import { DELIVERY_HEADERS, EVENT_NAMES, isEventName } from '../../src/contract/assumed';
import { readHeader } from '../../src/triggers/read-header';
import { EXPERIENCE_CATEGORIES, EXPERIENCE_STATUSES, KNOWN_EXPERIENCE_TYPES } from '../../src/contract/published';
import { DeliveryRejectedError, MAX_BODY_DEPTH, verifyDelivery, type DeliveryCheck } from '../../src/webhook/verify-delivery';
import { toEventItem } from '../../src/items/event/item';
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
const triggeredByArb = fc.option(
  fc.record({ email: fc.option(text(), { nil: null }), name: fc.option(text(), { nil: null }) }, { requiredKeys: [] }),
  { nil: null },
);

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
const signatureFormArb = fc.constantFrom((hex: string) => hex, (hex: string) => hex.toUpperCase(), (hex: string) => `sha256=${hex}`, (hex: string) => ` ${hex} `);

/** Everything that is not a correct signature for (secret, body). */
const wrongSignatureArb = (secret: string, content: string): fc.Arbitrary<unknown> => {
  const right = sign(secret, content);
  return fc.oneof(
    secretArb.filter((other) => other !== secret).map((other) => sign(other, content)),
    fc.tuple(fc.nat({ max: 63 }), fc.constantFrom(...'0123456789abcdef')).map(([i, c]) => right.slice(0, i) + (right[i] === c ? (c === '0' ? '1' : '0') : c) + right.slice(i + 1)),
    fc.nat({ max: 63 }).map((n) => right.slice(0, n)),
    // Surrounding whitespace is not part of a header value (HTTP strips it), so it does not make a signature wrong.
    fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 8 }).filter((extra) => extra.trim() !== '').map((extra) => right + extra),
    fc.string({ unit: 'binary', minLength: 64, maxLength: 64 }),
    fc.stringMatching(/^[g-zG-Z]{64}$/),
    fc.constant(''),
    fc.constant('sha256='),
    fc.array(fc.string(), { maxLength: 3 }),
    fc.anything(),
  );
};

// ---- the pure path ----

/** The trigger's header reading and verifyDelivery, then what every trigger's perform does: an event it does not know is ignored, a known one shaped. */
function runPure(rawBody: unknown, headers: unknown, secrets: ReadonlyArray<unknown>): { item?: AnyRecord; ignored?: true; error?: unknown } {
  try {
    const { body } = verifyDelivery({ rawBody, signature: readHeader(headers as never, DELIVERY_HEADERS.signature), secrets: secrets as never });
    if (!isEventName(body.action)) return { ignored: true };
    return { item: toEventItem({ ...body, action: body.action }) };
  } catch (error) {
    return { error };
  }
}

/** A deliberate error: our type, a named check, a readable one-line message, no stack or secret in it. */
function expectReadableRejection(error: unknown, secrets: ReadonlyArray<unknown>, checks?: ReadonlyArray<DeliveryCheck>) {
  expect(error).toBeInstanceOf(DeliveryRejectedError);
  const { message, check } = error as DeliveryRejectedError;
  if (checks) expect(checks).toContain(check);
  expect(message).toMatch(/^Ignored a/);
  expect(message).not.toMatch(/\n\s+at /);
  for (const secret of secrets) if (typeof secret === 'string' && secret.length > 0) expect(message).not.toContain(secret);
}

const SIGNATURE_CHECKS: DeliveryCheck[] = ['signature_missing', 'signature_malformed', 'signature_mismatch'];

describe('hostile input: the pure delivery path (verifyDelivery + toEventItem)', () => {
  it('random bytes, headers and secrets: only a DeliveryRejectedError escapes, never an item', () => {
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
        expect(outcome.item).toBeUndefined();
        expect(outcome.ignored).toBeUndefined();
        expectReadableRejection(outcome.error, secrets);
      }),
      { numRuns: RUNS },
    );
  });

  it('every correctly signed, well-formed body yields exactly one item, whatever the header spelling and secret order', () => {
    fc.assert(
      fc.property(bodyArb(fc.constantFrom(...EVENT_NAMES)), secretArb, secretArb, signatureNameArb, signatureFormArb, fc.boolean(), (body, secret, other, name, form, rightFirst) => {
        fc.pre(secret !== other);
        const content = JSON.stringify(body);
        const secrets = rightFirst ? [secret, other] : [other, secret];
        const outcome = runPure(content, { [name]: form(sign(secret, content)) }, secrets);
        expect(outcome.error).toBeUndefined();
        const item = outcome.item as AnyRecord;
        expect(item.id).toBe(`${body.experience.id}:${body.action}:${body.timestamp}`);
        expect(item.experience_name).toBe(body.experience.name);
        expect(item.timestamp).toBe(new Date(body.timestamp).toISOString());
        for (const key of ['experience_name', 'action_type', 'experience_type', 'summary', 'variations']) expect(typeof item[key]).toBe('string');
        const serialized = JSON.stringify(item);
        expect(serialized).not.toContain(secret);
        expect(serialized).not.toContain(other);
      }),
      { numRuns: RUNS },
    );
  });

  it('nothing unsigned or mis-signed yields an item: every wrong signature is a signature rejection', () => {
    const caseArb = fc
      .tuple(bodyArb(fc.constantFrom(...EVENT_NAMES)), secretArb)
      .chain(([body, secret]) => {
        const content = JSON.stringify(body);
        return fc.tuple(fc.constant(content), fc.constant(secret), wrongSignatureArb(secret, content), signatureNameArb, fc.boolean());
      });
    fc.assert(
      fc.property(caseArb, ([content, secret, signature, name, omit]) => {
        const headers = omit ? { 'X-Intelligems-Event': 'startExperience' } : { [name]: signature };
        const outcome = runPure(content, headers, [secret]);
        expect(outcome.item).toBeUndefined();
        expectReadableRejection(outcome.error, [secret], SIGNATURE_CHECKS);
      }),
      { numRuns: RUNS },
    );
  });

  it('bytes changed after signing are refused as mis-signed', () => {
    const caseArb = fc.tuple(bodyArb(fc.constantFrom(...EVENT_NAMES)), secretArb).chain(([body, secret]) => {
      const content = JSON.stringify(body);
      return fc.tuple(fc.constant(content), fc.constant(secret), fc.nat({ max: content.length - 1 }), fc.string({ unit: 'binary', maxLength: 3 }), fc.nat({ max: 3 }));
    });
    fc.assert(
      fc.property(caseArb, ([content, secret, at, insert, remove]) => {
        const mutated = content.slice(0, at) + insert + content.slice(at + remove);
        fc.pre(Buffer.compare(Buffer.from(mutated), Buffer.from(content)) !== 0);
        const outcome = runPure(mutated, { 'X-Intelligems-Signature': sign(secret, content) }, [secret]);
        expect(outcome.item).toBeUndefined();
        expectReadableRejection(outcome.error, [secret], ['signature_mismatch', 'no_body']);
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
          fc.tuple(fc.nat({ max: content.length - 1 }), fc.string({ unit: 'binary', maxLength: 4 }), fc.nat({ max: 4 })).map(
            ([at, insert, remove]) => content.slice(0, at) + insert + content.slice(at + remove),
          ),
          fc.tuple(fc.nat({ max: content.length - 1 }), fc.constantFrom('{', '[', '"', ':', ',', '}', ']', 'null', '-1e999', '\\u0000', '\\ud800')).map(
            ([at, token]) => content.slice(0, at) + token + content.slice(at),
          ),
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
          expectReadableRejection(outcome.error, [secret], ['not_json', 'invalid_body', 'too_deep', 'timestamp_too_old', 'timestamp_in_future', 'no_body']);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('deeply nested bodies: up to the limit an item, beyond it a readable too_deep rejection', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_BODY_DEPTH * 3 }), fc.constantFrom('experience', 'organization', 'top'), fc.boolean(), (levels, where, arrays) => {
        const nested = Array.from({ length: levels }).reduce<unknown>((inner) => (arrays ? [inner] : { a: inner }), 'leaf');
        const body: AnyRecord = { action: 'startExperience', timestamp: Date.now(), experience: { ...SAMPLE_EXPERIENCE }, organization: { ...SAMPLE_ORGANIZATION } };
        if (where === 'top') body.extra = nested;
        else body[where].extra = nested;
        const content = JSON.stringify(body);
        const secret = 'deep-nesting-secret-0123456789';
        const outcome = runPure(content, { 'X-Intelligems-Signature': sign(secret, content) }, [secret]);
        // Depth counts the body as 1; `extra` adds one more level inside experience and organization.
        const depth = levels + (where === 'top' ? 1 : 2);
        if (depth <= MAX_BODY_DEPTH) expect(outcome.item).toBeDefined();
        else expectReadableRejection(outcome.error, [secret], ['too_deep']);
      }),
      { numRuns: 100 },
    );
  });

  it('a body nested 1,000,000 levels deep is refused readably, without overflowing the stack', () => {
    const content = `{"action":"startExperience","timestamp":${Date.now()},"extra":${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}}`;
    const secret = 'deep-nesting-secret-0123456789';
    expectReadableRejection(runPure(content, { 'X-Intelligems-Signature': sign(secret, content) }, [secret]).error, [secret], ['too_deep']);
  });

  it('a huge body (a 2 MB unicode name and 5,000 variations), correctly signed, yields one item', () => {
    const name = '𝔘nïcødé ✓ '.repeat(200_000);
    const variations = Array.from({ length: 5000 }, (_, i) => ({ id: `v${i}`, name: `Variation ${i} – 🎯`, percentage: 0.02, isControl: i === 0, order: i }));
    const content = JSON.stringify({ action: 'endExperience', timestamp: Date.now(), experience: { ...SAMPLE_EXPERIENCE, name, variations }, organization: SAMPLE_ORGANIZATION });
    const secret = 'huge-body-secret-0123456789abcdef';
    const outcome = runPure(content, { 'X-Intelligems-Signature': sign(secret, content) }, [secret]);
    expect(outcome.error).toBeUndefined();
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
    return { result: await appTester(operation.perform, bundle as never, true), logs: lines.join('\n') };
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
        const { result, error, logs } = await performCapturingLogs(trigger.operation, performBundle(content, { 'Http-X-Intelligems-Signature': sign(secret, content) }, secret));
        expect(error).toBeUndefined();
        expect(result).toHaveLength(1);
        expect(result?.[0].id).toBe(`${body.experience.id}:${body.action}:${body.timestamp}`);
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
      fc.tuple(fc.string({ unit: 'binary', maxLength: 200 }), fc.dictionary(fc.oneof(signatureNameArb, fc.string()), fc.string({ unit: 'binary' }), { maxKeys: 3 })),
      // a real body with a wrong signature
      bodyArb(fc.constantFrom(...EVENT_NAMES)).chain((body) => {
        const content = JSON.stringify(body);
        return fc.tuple(fc.constant(content), fc.tuple(signatureNameArb, wrongSignatureArb(secret, content)).map(([name, value]) => ({ [name]: value })));
      }),
      // correctly signed but not JSON, or nested far too deep
      fc.constantFrom('not json at all', `{"a":${'['.repeat(5000)}${']'.repeat(5000)}}`).map((content) => [content, { 'Http-X-Intelligems-Signature': sign(secret, content) }] as const),
    );
    await fc.assert(
      fc.asyncProperty(triggerArb, caseArb, async (trigger, [content, headers]) => {
        const { result, error, logs } = await performCapturingLogs(trigger.operation, performBundle(content, headers as Record<string, unknown>, secret));
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
