import type { IncomingMessage, Server as HttpServer, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { clientKey } from './rate-limit.js';

export interface SlowClientOptions {
  /** Connections one client address may hold while they send a request (MAX_CONNECTIONS_PER_CLIENT). */
  maxPerClient: number;
  /** Proxies in front (TRUST_PROXY): then every socket comes from a proxy, and the per-address cap is off. */
  trustedProxies: number;
  /** A request's headers must arrive within this of the connection opening or the previous answer. */
  headersTimeoutMs: number;
  /** The whole request, headers and body, within this of its first byte. */
  requestTimeoutMs: number;
  now?: () => number;
}

interface SocketState {
  key: string;
  /** Waiting for or receiving a request (not while a complete one is being answered). */
  receiving: boolean;
  /** When the request now arriving could have begun: the connection, or the previous answer. */
  started: number;
  timer: NodeJS.Timeout | undefined;
  current: IncomingMessage | undefined;
}

const REQUEST_TIMEOUT_RESPONSE = 'HTTP/1.1 408 Request Timeout\r\nConnection: close\r\nContent-Length: 0\r\n\r\n';

function hasBody(req: IncomingMessage): boolean {
  const length = Number(req.headers['content-length'] ?? 0);
  return length > 0 || req.headers['transfer-encoding'] !== undefined;
}

/**
 * Keeps slow clients from holding the server's connections (MAX_CONNECTIONS) for everyone.
 *
 * A connection counts against its address while it waits for or receives a request; once the
 * request is in, answering it (a turn) does not count, so a platform sending many people's
 * messages at once is never refused, and a client with idle keep-alive connections reuses
 * them before opening more. Past `maxPerClient`, a new connection from that address is closed
 * at once. Without trusted proxies only: behind one, every socket is the proxy's.
 *
 * Node checks `headersTimeout` and `requestTimeout` only every 30 s, so a slow body could hold
 * its connection for up to a minute. Here each request has its own timer, from its first
 * possible byte: a request not whole by then is answered 408 and its connection closed.
 */
export function guardSlowClients(http: HttpServer, options: SlowClientOptions): void {
  const now = options.now ?? (() => performance.now());
  const receivingByKey = new Map<string, number>();
  const states = new WeakMap<Socket, SocketState>();

  const setReceiving = (state: SocketState, receiving: boolean) => {
    if (state.receiving === receiving) return;
    state.receiving = receiving;
    const count = (receivingByKey.get(state.key) ?? 0) + (receiving ? 1 : -1);
    if (count > 0) receivingByKey.set(state.key, count);
    else receivingByKey.delete(state.key);
  };

  /** The next request's headers must come within headersTimeoutMs, or the connection closes. */
  const awaitRequest = (socket: Socket, state: SocketState) => {
    clearTimeout(state.timer);
    state.started = now();
    setReceiving(state, true);
    state.timer = setTimeout(() => socket.destroy(), options.headersTimeoutMs);
    state.timer.unref();
  };

  http.on('connection', (socket: Socket) => {
    const key = clientKey(socket.remoteAddress, undefined, 0);
    if (options.trustedProxies === 0 && (receivingByKey.get(key) ?? 0) >= options.maxPerClient) {
      socket.destroy();
      return;
    }
    const state: SocketState = { key, receiving: false, started: now(), timer: undefined, current: undefined };
    states.set(socket, state);
    awaitRequest(socket, state);
    socket.once('close', () => {
      clearTimeout(state.timer);
      setReceiving(state, false);
    });
  });

  http.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const socket = req.socket;
    const state = states.get(socket);
    if (!state) return;
    clearTimeout(state.timer);
    state.current = req;
    if (hasBody(req)) {
      const tooSlow = () => {
        if (req.complete || socket.destroyed) return;
        if (!res.headersSent) socket.end(REQUEST_TIMEOUT_RESPONSE);
        socket.destroySoon();
      };
      state.timer = setTimeout(tooSlow, Math.max(0, state.started + options.requestTimeoutMs - now()));
      state.timer.unref();
      req.once('end', () => {
        if (state.current !== req) return;
        clearTimeout(state.timer);
        setReceiving(state, false);
      });
    } else {
      setReceiving(state, false);
    }
    res.once('finish', () => {
      // A pipelined request may already have arrived; only the latest one's answer re-arms.
      if (state.current === req && !socket.destroyed) awaitRequest(socket, state);
    });
  });
}
