/** Reading a request body and writing a JSON answer: the only code that touches raw request and response streams. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SandboxError } from './errors';

export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * The request's target as a URL, or null when it is not one: a client may send any target (`GET http://[ HTTP/1.1`),
 * and `new URL` throws on it, which must be a 400 for the client rather than a 500.
 */
export function requestUrl(req: IncomingMessage, base: string): URL | null {
  try {
    return new URL(req.url ?? '/', base);
  } catch {
    return null;
  }
}

export const INVALID_TARGET_MESSAGE = 'The request target is not a valid path or URL. Send a path such as /v25-10-beta/experiences-list.';

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new SandboxError(413, 'payload_too_large', `The request body is larger than ${MAX_BODY_BYTES} bytes.`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** An empty body reads as `{}`, so validation names the missing fields instead of complaining about emptiness. */
export function parseJsonBody(text: string): unknown {
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new SandboxError(
      400,
      'invalid_json',
      `The request body is not valid JSON (${(error as Error).message}). Send a JSON object with Content-Type: application/json.`,
    );
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  if (body === undefined || status === 204) {
    res.statusCode = status;
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(text);
}
