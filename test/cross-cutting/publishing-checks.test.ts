/**
 * Zapier's publishing (style) checks, run offline: `zapier-platform validate` checks style only on Zapier's servers.
 * Each test is named by the check it encodes and iterates the whole app definition, so new operations are covered.
 * (The platform schema itself is checked in test/app/index.test.ts.)
 */
import nock from 'nock';
import { authentication } from '../../src/authentication';
import { SAMPLE_EXPERIENCE } from '../../src/items/sample-data';
import { API, App, PREFIX, appTester } from '../helpers/app-tester';
import { API_KEY, hookBundle, signedRequest } from '../helpers/signed-delivery';

type AnyRecord = Record<string, any>;
interface Operation {
  kind: 'trigger' | 'create' | 'search';
  mapKey: string;
  def: AnyRecord;
}

const operations: Operation[] = [
  ...Object.entries(App.triggers as AnyRecord).map(([mapKey, def]) => ({ kind: 'trigger' as const, mapKey, def })),
  ...Object.entries(App.creates ?? {}).map(([mapKey, def]) => ({ kind: 'create' as const, mapKey, def })),
  ...Object.entries((App.searches ?? {}) as AnyRecord).map(([mapKey, def]) => ({ kind: 'search' as const, mapKey, def })),
];
const visible = operations.filter((op) => !op.def.display?.hidden);
const hookTriggers = operations.filter((op) => op.kind === 'trigger' && op.def.operation?.type === 'hook');
/** The polling twins of the hook triggers: `experience_started_poll` for `experience_started`. */
const eventPollingTriggers = hookTriggers.map((hook) => operations.find((op) => op.mapKey === `${hook.mapKey}_poll`)!);
const named = (ops: Operation[]) => ops.map((op) => [`${op.kind} ${op.mapKey}`, op] as const);

/** Words Zapier's title-case check leaves lowercase (AP style small words). */
const SMALL_WORDS = new Set([
  'a',
  'an',
  'and',
  'as',
  'at',
  'but',
  'by',
  'for',
  'from',
  'in',
  'into',
  'nor',
  'of',
  'on',
  'or',
  'per',
  'the',
  'to',
  'via',
  'vs',
  'with',
]);
function titleCaseProblems(label: string): string[] {
  return label.split(/\s+/).filter((word, index) => {
    const letters = word.replace(/^[^A-Za-z0-9]+/, '');
    if (letters === '' || /^[0-9]/.test(letters)) return false;
    if (index > 0 && SMALL_WORDS.has(letters.toLowerCase())) return letters !== letters.toLowerCase();
    return letters[0] !== letters[0].toUpperCase();
  });
}

/** The value at an output field key: `experience__id` is `experience.id` (Zapier's flattening). */
function valueAt(item: AnyRecord, key: string): unknown {
  if (key in item) return item[key];
  return key.split('__').reduce<unknown>((value, part) => (value != null && typeof value === 'object' ? (value as AnyRecord)[part] : undefined), item);
}

const ISO_8601_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const LOOKS_LIKE_DATE = /^\d{4}-\d{2}-\d{2}/;

function stringLeaves(value: unknown, path = ''): Array<[string, string]> {
  if (typeof value === 'string') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringLeaves(v, `${path}[${i}]`));
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => stringLeaves(v, path ? `${path}.${k}` : k));
  return [];
}

/** Input data that makes an operation's optional choices select everything (e.g. "any event" picks all events). */
function inputDataFor(def: AnyRecord): AnyRecord {
  const data: AnyRecord = {};
  for (const field of def.operation?.inputFields ?? []) {
    if (typeof field !== 'object' || field === null || !field.key) continue;
    const choices = Array.isArray(field.choices)
      ? field.choices.map((c: unknown) => (typeof c === 'object' && c !== null ? (c as AnyRecord).value : c))
      : field.choices && typeof field.choices === 'object'
        ? Object.keys(field.choices)
        : undefined;
    if (choices && choices.length > 0) data[field.key] = field.list ? choices : choices[0];
    else if (field.default !== undefined) data[field.key] = field.default;
  }
  return data;
}

describe('Zapier publishing checks (offline)', () => {
  it('covers at least the six experience triggers, each with a polling twin', () => {
    expect(hookTriggers.length).toBeGreaterThanOrEqual(6);
    expect(eventPollingTriggers.every((op) => op?.def.operation?.type === 'polling')).toBe(true);
  });

  describe('a user can tell an instant trigger from its polling twin', () => {
    it('no two visible operations of a kind share a label', () => {
      for (const kind of ['trigger', 'create', 'search'] as const) {
        const labels = visible.filter((op) => op.kind === kind).map((op) => op.def.display.label);
        expect(new Set(labels).size).toBe(labels.length);
      }
    });

    it.each(named(hookTriggers))("%s: its description names its polling twin's label", (_name, op) => {
      const twin = operations.find((other) => other.mapKey === `${op.mapKey}_poll`)!;
      expect(op.def.display.description).toContain(twin.def.display.label);
    });
  });

  describe('D021: descriptions', () => {
    it.each(named(visible))('%s', (_name, op) => {
      const description: string = op.def.display?.description ?? '';
      if (op.kind === 'trigger') expect(description).toMatch(/^Triggers when /);
      expect(description.trim()).toMatch(/\.$/);
      expect(description.length).toBeGreaterThan('Triggers when .'.length);
    });
  });

  describe('D018: title-case labels', () => {
    it.each(named(visible))('%s', (_name, op) => {
      expect(titleCaseProblems(op.def.display?.label ?? '')).toEqual([]);
    });
    it('auth field labels', () => {
      for (const field of authentication.fields) expect(titleCaseProblems(field.label)).toEqual([]);
    });
  });

  describe('D006: hook triggers have performList', () => {
    it.each(named(hookTriggers))('%s', (_name, op) => {
      expect(typeof op.def.operation.performList).toBe('function');
    });
  });

  describe('D016/D017: no static webhooks (performSubscribe and performUnsubscribe present)', () => {
    it.each(named(hookTriggers))('%s', (_name, op) => {
      expect(typeof op.def.operation.performSubscribe).toBe('function');
      expect(typeof op.def.operation.performUnsubscribe).toBe('function');
    });
  });

  describe('D012: a static sample on every visible trigger, create and search', () => {
    it.each(named(visible))('%s', (_name, op) => {
      const sample = op.def.operation?.sample;
      expect(sample).toEqual(expect.any(Object));
      expect(Array.isArray(sample)).toBe(false);
      expect(Object.keys(sample).length).toBeGreaterThan(0);
    });
  });

  describe('D024: each sample matches its outputFields', () => {
    const withFields = operations.filter((op) => op.def.operation?.sample && Array.isArray(op.def.operation?.outputFields));
    it.each(named(withFields))('%s', (_name, op) => {
      const { sample, outputFields } = op.def.operation;
      const problems: string[] = [];
      for (const field of outputFields as AnyRecord[]) {
        if (typeof field !== 'object' || !field.key) continue;
        const value = valueAt(sample, field.key);
        // The app's convention for a missing value: "" for text and dates, null for numbers.
        if (value === undefined || value === null || value === '') {
          if (field.required) problems.push(`${field.key}: required but missing`);
          continue;
        }
        const expected = field.type ?? 'string';
        const ok =
          expected === 'string' || expected === 'text' || expected === 'copy'
            ? typeof value === 'string'
            : expected === 'integer'
              ? Number.isInteger(value)
              : expected === 'number'
                ? typeof value === 'number'
                : expected === 'boolean'
                  ? typeof value === 'boolean'
                  : expected === 'datetime'
                    ? typeof value === 'string' && ISO_8601_WITH_ZONE.test(value)
                    : true;
        if (!ok) problems.push(`${field.key}: expected ${expected}, got ${JSON.stringify(value)}`);
      }
      expect(problems).toEqual([]);
    });
  });

  describe('D023: dates are ISO 8601 with a zone', () => {
    const withSample = operations.filter((op) => op.def.operation?.sample);
    it.each(named(withSample))('%s', (_name, op) => {
      const bad = stringLeaves(op.def.operation.sample).filter(([, value]) => LOOKS_LIKE_DATE.test(value) && !ISO_8601_WITH_ZONE.test(value));
      expect(bad).toEqual([]);
    });
  });

  describe('D001/D002/D003: authentication', () => {
    const SECRET_LIKE = /key|secret|token|password|pass|pwd/i;
    it('D001: auth fields that look like secrets are typed password', () => {
      for (const field of authentication.fields) {
        if (SECRET_LIKE.test(field.key) || SECRET_LIKE.test(field.label)) expect([field.key, field.type]).toEqual([field.key, 'password']);
      }
    });
    it('D002: help text says where to find the key', () => {
      for (const field of authentication.fields.filter((f) => f.required)) {
        expect(field.helpText).toMatch(/Intelligems app/);
        expect(field.helpText).toMatch(/\*\*[^*]+\*\*/); // names the screen
      }
    });
    it('D003: the connection label shows nothing sensitive', async () => {
      const secret = 'whsec_account_wide_secret_1234567890';
      const bundle = { authData: { apiKey: API_KEY, webhookSecret: secret }, inputData: { organizationId: 'org_4c1b9a', hasExperiences: true } };
      const label: string = await appTester(authentication.connectionLabel, bundle);
      expect(label).toBe('organization org_4c1b9a');
      expect(label).not.toContain(API_KEY);
      expect(label).not.toContain(secret);
      expect(JSON.stringify(App.authentication)).not.toMatch(/\{\{\s*bundle\.authData/);
    });
  });

  describe('singular nouns', () => {
    it.each(named(operations))('%s', (_name, op) => {
      const noun: string = op.def.noun;
      expect(noun).toMatch(/^[A-Z][A-Za-z]*( [A-Z][A-Za-z]*)*$/);
      expect(noun).not.toMatch(/(?<!s)s$/);
    });
  });

  describe('key format', () => {
    it.each(named(operations))('%s', (_name, op) => {
      expect(op.def.key).toBe(op.mapKey);
      expect(op.def.key).toMatch(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/);
      for (const field of [...(op.def.operation?.inputFields ?? []), ...(op.def.operation?.outputFields ?? [])]) {
        if (typeof field === 'object' && field !== null) expect(field.key).toMatch(/^[A-Za-z][A-Za-z0-9_]*$/);
      }
    });
    it('auth fields', () => {
      for (const field of authentication.fields) expect(field.key).toMatch(/^[a-z][A-Za-z0-9]*$/);
    });
  });

  const user = { id: 'u1', email: 'jane@acme.example', firstName: 'Jane', lastName: 'Doe' };
  const experiences = [
    {
      ...SAMPLE_EXPERIENCE,
      experienceActions: [
        { id: 'a1', experienceId: SAMPLE_EXPERIENCE.id, action: 'start', actionTs: 1764412200000 },
        { id: 'a2', experienceId: SAMPLE_EXPERIENCE.id, action: 'pause', actionTs: 1764415800000 },
        { id: 'a3', experienceId: SAMPLE_EXPERIENCE.id, action: 'end', actionTs: 1764419400000 },
        { id: 'a4', experienceId: SAMPLE_EXPERIENCE.id, action: 'delete', actionTs: 1764423000000 },
      ],
      history: [{ id: 'h1', experienceId: SAMPLE_EXPERIENCE.id, action: 'saveExperience', createdAtTs: 1764410000000, user }],
      pausedAtTs: 1764415800000,
      endedAtTs: 1764419400000,
      archivedAtTs: 1764423000000,
    },
  ];

  describe('polling event triggers: the sample and every polled item have the keys of the instant twin', () => {
    it.each(named(eventPollingTriggers))('%s', async (_name, op) => {
      const twin = hookTriggers.find((hook) => `${hook.mapKey}_poll` === op.mapKey)!;
      const twinKeys = Object.keys(twin.def.operation.sample).sort();
      expect(Object.keys(op.def.operation.sample).sort()).toEqual(twinKeys);
      expect(op.def.operation.outputFields).toEqual(twin.def.operation.outputFields);
      expect(op.def.operation.inputFields).toEqual(twin.def.operation.inputFields);

      const scope = nock(API).get(`${PREFIX}/experiences-list`).query(true).reply(200, { experiencesList: experiences });
      const polled: AnyRecord[] = await appTester(op.def.operation.perform, { authData: { apiKey: API_KEY }, inputData: inputDataFor(op.def) }, true);
      expect(scope.isDone()).toBe(true);
      expect(polled.length).toBeGreaterThan(0);
      for (const item of polled) expect(Object.keys(item).sort()).toEqual(twinKeys);
    });
  });

  describe('hook triggers: sample, performList items and perform item have the same keys', () => {
    it.each(named(hookTriggers))('%s', async (_name, op) => {
      const inputData = inputDataFor(op.def);
      const sampleKeys = Object.keys(op.def.operation.sample).sort();

      const scope = nock(API).get(`${PREFIX}/experiences-list`).query(true).reply(200, { experiencesList: experiences });
      const listed: AnyRecord[] = await appTester(op.def.operation.performList, { authData: { apiKey: API_KEY }, inputData });
      expect(scope.isDone()).toBe(true);
      expect(listed.length).toBeGreaterThan(0);
      for (const item of listed) expect(Object.keys(item).sort()).toEqual(sampleKeys);

      const bundle = hookBundle(signedRequest({ action: op.def.operation.sample.action }), { inputData });
      const delivered: AnyRecord[] = await appTester(op.def.operation.perform, bundle, true);
      expect(delivered).toHaveLength(1);
      expect(Object.keys(delivered[0]).sort()).toEqual(sampleKeys);
    });
  });
});
