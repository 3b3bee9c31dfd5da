/**
 * A loopback API that answers like the one behind it (the sandbox), except where a test makes it deviate: it sees
 * each request, may forward it, and answers whatever the test says, or drops the connection.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
  method: string;
  /** Path and query, as sent. */
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface Upstream {
  status: number;
  headers: Record<string, string>;
  /** Parsed JSON, or undefined for an empty body. */
  body: any;
}

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  /** An object is sent as JSON; a string as it is. */
  body?: unknown;
  /** Send only this many bytes of the body, then drop the connection (a reset mid-answer) or leave it open, silent. */
  cut?: { afterBytes: number; then: 'drop' | 'stall' };
}

export type Deviate = (request: SeenRequest, forward: () => Promise<Upstream>) => Promise<Reply | 'drop'>;

export interface DeviatingApi {
  url: string;
  requests: SeenRequest[];
  /** Resolves once the client has closed every connection left stalled by a `cut` that stalls. */
  stalledConnectionsClosed(): Promise<void>;
  close(): Promise<void>;
}

/** Forwards every request unchanged, keeping the upstream's status, rate-limit headers and body. */
export const asIs = (upstream: Upstream): Reply => ({ status: upstream.status, headers: upstream.headers, body: upstream.body });

export async function startDeviatingApi(upstreamUrl: string, deviate: Deviate): Promise<DeviatingApi> {
  const requests: SeenRequest[] = [];
  const stalled: Promise<void>[] = [];
  const server = http.createServer((req, res) => {
    void (async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const seen: SeenRequest = { method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(seen);
      const forward = () => forwardTo(upstreamUrl, seen);
      const reply = await deviate(seen, forward);
      if (reply === 'drop') {
        req.socket.destroy();
        return;
      }
      const text = reply.body === undefined ? '' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
      res.writeHead(reply.status, {
        ...reply.headers,
        ...(text === '' ? {} : { 'content-type': typeof reply.body === 'string' ? 'text/html' : 'application/json' }),
      });
      const { cut } = reply;
      if (cut === undefined) {
        res.end(text);
        return;
      }
      if (cut.then === 'stall') stalled.push(new Promise((resolve) => req.socket.once('close', () => resolve())));
      res.write(Buffer.from(text).subarray(0, cut.afterBytes), () => {
        if (cut.then === 'drop') req.socket.destroy();
      });
    })().catch(() => req.socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    stalledConnectionsClosed: async () => {
      await Promise.all(stalled);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function forwardTo(upstreamUrl: string, request: SeenRequest): Promise<Upstream> {
  const headers: Record<string, string> = {};
  for (const name of ['intelligems-access-token', 'content-type', 'accept']) {
    const value = request.headers[name];
    if (typeof value === 'string') headers[name] = value;
  }
  const response = await fetch(`${upstreamUrl}${request.path}`, { method: request.method, headers, body: request.body === '' ? undefined : request.body });
  const text = await response.text();
  const kept: Record<string, string> = {};
  for (const [name, value] of response.headers) if (name.startsWith('x-ratelimit-') || name === 'retry-after') kept[name] = value;
  return { status: response.status, headers: kept, body: text === '' ? undefined : JSON.parse(text) };
}
