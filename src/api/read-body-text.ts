/**
 * Reading a raw answer's body to text, as the client does for the pages of a whole-list reading (`rawBody` in
 * client.ts). node-fetch's own `text()` neither closes the connection when a body fails or stalls nor clears its body
 * timer; this reader does both, within the time the caller gives (what is left of the call's limit, raw-call-limit.ts).
 */

/** The `code` of the error a body that stopped arriving in time rejects with. */
export const BODY_STALLED = 'EBODYSTALLED';

/** The part of a Node readable stream this reader uses (node-fetch's `response.body`, already decompressed). */
export interface BodyStream {
  on(event: 'data', listener: (chunk: Buffer | string) => void): unknown;
  on(event: 'end', listener: () => void): unknown;
  on(event: 'error', listener: (error: unknown) => void): unknown;
  removeListener(event: 'data' | 'end', listener: (...args: never[]) => void): unknown;
}

/**
 * The body as UTF-8 text (as node-fetch's `text()` decodes it). When the body fails, or has not ended after
 * `timeoutMs`, `abandon` is called (it closes the connection) and the reading rejects: with the stream's error, or
 * with an error whose code is BODY_STALLED. A missing body reads as ''.
 */
export function readBodyText(body: BodyStream | null | undefined, timeoutMs: number, abandon: () => void): Promise<string> {
  if (body == null) return Promise.resolve('');
  return new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let settled = false;
    const onData = (chunk: Buffer | string) => void chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    const finish = (error?: unknown) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      body.removeListener('data', onData);
      body.removeListener('end', onEnd);
      if (error === undefined) {
        resolve(Buffer.concat(chunks).toString('utf8'));
        return;
      }
      abandon();
      reject(error instanceof Error ? error : new Error('the body could not be read'));
    };
    const onEnd = () => finish();
    const timer = setTimeout(() => finish(Object.assign(new Error(`the body did not arrive within ${timeoutMs} ms`), { code: BODY_STALLED })), timeoutMs);
    body.on('data', onData);
    body.on('end', onEnd);
    // Kept after settling: abandoning makes node-fetch emit 'error' on the body, and a stream with no other listener
    // would throw it. (node-fetch listens to its own bodies too; this reader does not count on that.)
    body.on('error', (error) => finish(error));
  });
}
