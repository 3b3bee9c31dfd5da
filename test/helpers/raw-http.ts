/**
 * One HTTP/1.1 request written by hand on a socket: for request targets (`http://[`) that fetch refuses to send,
 * but a client on the network can. Answers are read as text, which is enough for the ASCII JSON the sandbox sends.
 */
import net from 'node:net';

export async function rawRequest(url: string, requestLine: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(url);
  const lines = [requestLine, `Host: ${hostname}`, ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`), 'Connection: close', '', ''];
  const answer = await new Promise<string>((resolve, reject) => {
    const socket = net.connect(Number(port), hostname.replace(/^\[|\]$/g, ''), () => socket.end(lines.join('\r\n')));
    let text = '';
    socket.on('data', (chunk) => (text += chunk.toString('utf8')));
    socket.on('error', reject);
    socket.on('close', () => resolve(text));
  });
  const split = answer.indexOf('\r\n\r\n');
  const head = answer.slice(0, split);
  const body = answer.slice(split + 4);
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? NaN);
  return { status, body: /^transfer-encoding: *chunked/im.test(head) ? unchunked(body) : body };
}

function unchunked(body: string): string {
  let out = '';
  let rest = body;
  for (;;) {
    const lineEnd = rest.indexOf('\r\n');
    const size = parseInt(rest.slice(0, lineEnd), 16);
    if (!(size > 0)) return out;
    out += rest.slice(lineEnd + 2, lineEnd + 2 + size);
    rest = rest.slice(lineEnd + 2 + size + 2);
  }
}
