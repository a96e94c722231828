import { request } from 'node:http';
import { connect } from 'node:net';

/** A socket that has sent `head` and stays open; `closed` resolves with everything the server wrote. */
export function slowSocket(port: number, head: string, localAddress = '127.0.0.1') {
  const socket = connect({ port, host: '127.0.0.1', localAddress });
  let received = '';
  socket.on('data', (chunk) => (received += chunk.toString('latin1')));
  socket.on('error', () => undefined);
  const closed = new Promise<string>((resolve) => socket.once('close', () => resolve(received)));
  const connected = new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  socket.write(head);
  return { socket, closed, connected, isClosed: () => socket.destroyed || socket.closed };
}

export const postHead = (length: number) =>
  `POST /api/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n\r\n`;

/** Waits until `done` holds, polling; gives up quietly after `ms` so the assertions that follow say what is wrong. */
export async function waitFor(done: () => boolean, ms = 5_000): Promise<void> {
  const until = Date.now() + ms;
  while (!done() && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
}

/** One request from `localAddress` (another loopback address is another client). */
export function postFrom(localAddress: string, port: number, body: unknown): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, localAddress, path: '/api/messages', method: 'POST', headers: { 'content-type': 'application/json' } },
      (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text || 'null') }));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}
