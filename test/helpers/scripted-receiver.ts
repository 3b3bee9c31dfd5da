/** A webhook receiver on loopback that answers from a script (a status, or 'hang' to never answer) and records every request. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type Reply = number | 'hang';

export interface ReceivedRequest {
  at: number;
  method: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface ScriptedReceiver {
  url: string;
  requests: ReceivedRequest[];
  /** Resolves once `count` requests have arrived. */
  waitForRequests(count: number, timeoutMs?: number): Promise<ReceivedRequest[]>;
  close(): Promise<void>;
}

/** Replies in order; the last one repeats. */
export async function startScriptedReceiver(script: Reply[]): Promise<ScriptedReceiver> {
  const requests: ReceivedRequest[] = [];
  const waiters: Array<() => void> = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      requests.push({ at: Date.now(), method: req.method ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      waiters.splice(0).forEach((wake) => wake());
      const reply = script[Math.min(requests.length - 1, script.length - 1)];
      if (reply === 'hang') return;
      res.writeHead(reply, reply >= 300 && reply < 400 ? { Location: 'http://127.0.0.1:9/elsewhere' } : {});
      res.end(reply < 300 ? 'ok' : 'no');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;

  return {
    url,
    requests,
    async waitForRequests(count, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      while (requests.length < count) {
        if (Date.now() > deadline) throw new Error(`Expected ${count} requests, got ${requests.length} within ${timeoutMs} ms.`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 50);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      return requests;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
