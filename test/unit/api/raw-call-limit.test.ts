/** One time limit over a raw call's headers and body: a guard until the answer comes, then what is left. */
import { startRawCallLimit } from '../../../src/api/raw-call-limit';

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

it('aborts the call when the limit runs out before the answer comes, and says it expired', () => {
  const limit = startRawCallLimit(1000);
  jest.advanceTimersByTime(999);
  expect(limit.signal.aborted).toBe(false);
  jest.advanceTimersByTime(1);
  expect(limit.signal.aborted).toBe(true);
  expect(limit.expired).toBe(true);
});

it('once answered, never aborts by itself, and leaves the body what is left of the limit', () => {
  const limit = startRawCallLimit(1000);
  jest.advanceTimersByTime(900);
  limit.answered();
  expect(limit.remainingMs()).toBe(100);
  jest.advanceTimersByTime(5000);
  expect(limit.signal.aborted).toBe(false);
  expect(limit.expired).toBe(false);
  expect(limit.remainingMs()).toBe(1);
  expect(jest.getTimerCount()).toBe(0);
});

it('abandoning closes the call without calling it expired, and leaves no timer', () => {
  const limit = startRawCallLimit(1000);
  limit.abandon();
  expect(limit.signal.aborted).toBe(true);
  expect(limit.expired).toBe(false);
  expect(jest.getTimerCount()).toBe(0);
});
