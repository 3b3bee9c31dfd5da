/** Reading a raw body: text as node-fetch decodes it, and a failed or stalled body closes its connection. */
import { PassThrough } from 'node:stream';
import { BODY_STALLED, readBodyText } from '../../../src/api/read-body-text';

const TIMEOUT_MS = 1000;

/** A body stream, the reading started on it, and how often it abandoned the connection. */
function reading() {
  const body = new PassThrough();
  const abandon = jest.fn();
  return { body, abandon, text: readBodyText(body, TIMEOUT_MS, abandon) };
}

afterEach(() => jest.useRealTimers());

it('joins the chunks as UTF-8, a character split across two chunks included', async () => {
  const { body, abandon, text } = reading();
  const euro = Buffer.from('{"name":"10 € off"}');
  body.write(euro.subarray(0, 12));
  body.end(euro.subarray(12));
  await expect(text).resolves.toBe('{"name":"10 € off"}');
  expect(abandon).not.toHaveBeenCalled();
});

it('reads a missing body as empty', async () => {
  await expect(readBodyText(undefined, TIMEOUT_MS, jest.fn())).resolves.toBe('');
});

it('a body that fails rejects with its error and abandons the connection once', async () => {
  const { body, abandon, text } = reading();
  body.write('{"experiencesList": [');
  body.destroy(Object.assign(new Error('Premature close'), { code: 'ERR_STREAM_PREMATURE_CLOSE' }));
  await expect(text).rejects.toMatchObject({ code: 'ERR_STREAM_PREMATURE_CLOSE' });
  expect(abandon).toHaveBeenCalledTimes(1);
});

it('a body that stops arriving rejects as stalled after the time limit, abandons it, and hears its later error', async () => {
  jest.useFakeTimers();
  const { body, abandon, text } = reading();
  body.write('{"experiencesList": [');
  jest.advanceTimersByTime(TIMEOUT_MS - 1);
  expect(abandon).not.toHaveBeenCalled();
  jest.advanceTimersByTime(1);
  await expect(text).rejects.toMatchObject({ code: BODY_STALLED });
  expect(abandon).toHaveBeenCalledTimes(1);
  // node-fetch emits 'error' on the body once the request is aborted: a stream with no listener throws it.
  expect(() => body.emit('error', new Error('The user aborted a request.'))).not.toThrow();
  expect(abandon).toHaveBeenCalledTimes(1);
});

it('leaves no timer behind once the body has ended', async () => {
  jest.useFakeTimers();
  const { body, text } = reading();
  body.end('{}');
  await expect(text).resolves.toBe('{}');
  expect(jest.getTimerCount()).toBe(0);
});
