/**
 * A raw list page's time limit covers its headers and its body together: a body that stalls fails the call when the
 * call's own limit (or the poll's deadline) runs out, not a whole timeout after its headers came; an answer that
 * never comes is aborted at the same limit. Fake timers; a fake z that answers as core does for `raw: true`.
 */
import { PassThrough } from 'node:stream';
import { errors, type Bundle, type ZObject } from 'zapier-platform-core';
import { apiClient, type ClientOptions } from '../../../src/api/client';
import { failureOf } from '../../helpers/zapier-failure';

const TIMEOUT_MS = 1000;
const bundle = { authData: { apiKey: 'ig_test_key_5f2a9c' } } as unknown as Bundle;

/** What the fake z saw of the one request: whether its signal was aborted. */
interface Seen {
  aborted: boolean;
}

/** A z whose request is answered by `answer`, given the request's abort signal. */
function zAnswering(answer: (signal: AbortSignal) => Promise<unknown>, seen: Seen): ZObject {
  return {
    errors,
    console: { log: () => undefined },
    request: (options: { signal: AbortSignal }) => {
      options.signal.addEventListener('abort', () => (seen.aborted = true));
      return answer(options.signal);
    },
  } as unknown as ZObject;
}

/** Headers after `afterMs`, then the start of a body and nothing more. */
const stalledAfter = (afterMs: number) => () =>
  new Promise((resolve) =>
    setTimeout(() => {
      const body = new PassThrough();
      body.write('{"experiencesList": [');
      resolve({ status: 200, body, getHeader: () => undefined });
    }, afterMs),
  );

/** Starts a whole-list reading; reports whether it has failed yet, and its failure. */
function reading(z: ZObject, options: ClientOptions = {}) {
  let settled = false;
  const failure = failureOf(
    apiClient(z, bundle, options)
      .listAllExperiences({})
      .finally(() => (settled = true)),
  );
  return { settled: () => settled, failure };
}

beforeEach(() => {
  jest.useFakeTimers();
  process.env.INTELLIGEMS_REQUEST_TIMEOUT_MS = String(TIMEOUT_MS);
});
afterEach(() => {
  jest.useRealTimers();
  delete process.env.INTELLIGEMS_REQUEST_TIMEOUT_MS;
});

it('a body that stalls after late headers fails when the call’s limit runs out, not a timeout later', async () => {
  const seen = { aborted: false };
  const { settled, failure } = reading(zAnswering(stalledAfter(900), seen));
  await jest.advanceTimersByTimeAsync(999);
  expect(settled()).toBe(false);
  await jest.advanceTimersByTimeAsync(1);
  expect(settled()).toBe(true);
  expect((await failure).message).toMatch(/while listing experiences: the answer stopped arriving before it was complete/);
  expect(seen.aborted).toBe(true);
});

it('an answer that never comes is aborted at the limit and told as a timeout', async () => {
  const seen = { aborted: false };
  const never = (signal: AbortSignal) =>
    new Promise((_resolve, reject) =>
      signal.addEventListener('abort', () => reject(Object.assign(new Error('The user aborted a request.'), { name: 'AbortError' }))),
    );
  const { settled, failure } = reading(zAnswering(never, seen));
  await jest.advanceTimersByTimeAsync(999);
  expect(settled()).toBe(false);
  await jest.advanceTimersByTimeAsync(1);
  expect((await failure).message).toMatch(/while listing experiences: the request timed out/);
  expect(seen.aborted).toBe(true);
});

it('a poll’s deadline shortens the limit of its body too', async () => {
  const seen = { aborted: false };
  const { settled, failure } = reading(zAnswering(stalledAfter(100), seen), { deadline: Date.now() + 500 });
  await jest.advanceTimersByTimeAsync(499);
  expect(settled()).toBe(false);
  await jest.advanceTimersByTimeAsync(1);
  expect((await failure).message).toMatch(/the answer stopped arriving before it was complete/);
});
