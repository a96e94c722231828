import type { IncomingMessage, Server as HttpServer, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { clientKey } from './rate-limit.js';

export interface SlowClientOptions {
  /** Slow connections one client address may hold (MAX_CONNECTIONS_PER_CLIENT). */
  maxPerClient: number;
  /** Proxies in front (TRUST_PROXY): then every socket comes from a proxy, and the per-address cap is off. */
  trustedProxies: number;
  /** A request's headers must arrive within this of the connection opening or the previous answer. */
  headersTimeoutMs: number;
  /** The whole request, headers and body, within this of its first byte. */
  requestTimeoutMs: number;
  /** A connection whose request is not whole this long after it could begin counts as slow (1 s). */
  slowAfterMs?: number;
  now?: () => number;
}

/** Longer than any client on a working network takes to send a chat message's request. */
const SLOW_AFTER_MS = 1_000;

interface SocketState {
  key: string;
  /** Counted against its address: its request has been arriving for longer than slowAfterMs. */
  slow: boolean;
  /** When the request now arriving could have begun: the connection, or the previous answer. */
  started: number;
  /** The header or request deadline. */
  deadline: NodeJS.Timeout | undefined;
  /** When the connection becomes slow if its request is not in by then. */
  grace: NodeJS.Timeout | undefined;
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
 * A connection counts against its address only while it is slow: a new connection with no
 * whole request, or a request whose body is still arriving, a second (slowAfterMs) after it
 * could have begun. A connection that becomes slow when its address already holds
 * `maxPerClient` slow ones is closed. So a burst of many fast requests from one address (a
 * platform sending many people's messages at once, or the benchmark) is never refused, an idle
 * keep-alive connection between two requests never counts (it closes by itself after 5 s), and
 * hundreds of slow bodies from one address are cut down to `maxPerClient` within a second.
 * Without trusted proxies only: behind one, every socket is the proxy's.
 *
 * Node checks `headersTimeout` and `requestTimeout` only every 30 s, so a slow body could hold
 * its connection for up to a minute. Here each request has its own timer, from its first
 * possible byte: a request not whole by then is answered 408 and its connection closed.
 */
export function guardSlowClients(http: HttpServer, options: SlowClientOptions): void {
  const now = options.now ?? (() => performance.now());
  const slowAfterMs = options.slowAfterMs ?? SLOW_AFTER_MS;
  const slowByKey = new Map<string, number>();
  const states = new WeakMap<Socket, SocketState>();

  const unmarkSlow = (state: SocketState) => {
    clearTimeout(state.grace);
    state.grace = undefined;
    if (!state.slow) return;
    state.slow = false;
    const count = (slowByKey.get(state.key) ?? 1) - 1;
    if (count > 0) slowByKey.set(state.key, count);
    else slowByKey.delete(state.key);
  };

  /** After the grace: the connection counts as slow, or is closed when its address holds enough slow ones. */
  const startGrace = (socket: Socket, state: SocketState) => {
    clearTimeout(state.grace);
    state.grace = setTimeout(() => {
      state.grace = undefined;
      if (socket.destroyed || state.slow) return;
      if (options.trustedProxies === 0 && (slowByKey.get(state.key) ?? 0) >= options.maxPerClient) {
        socket.destroy();
        return;
      }
      state.slow = true;
      slowByKey.set(state.key, (slowByKey.get(state.key) ?? 0) + 1);
    }, slowAfterMs);
    state.grace.unref();
  };

  /** The next request's headers must come within headersTimeoutMs, or the connection closes. */
  const awaitRequest = (socket: Socket, state: SocketState, fresh: boolean) => {
    clearTimeout(state.deadline);
    unmarkSlow(state);
    state.started = now();
    state.deadline = setTimeout(() => socket.destroy(), options.headersTimeoutMs);
    state.deadline.unref();
    // A kept-alive connection idle between requests is not slow: a new one that sends nothing is.
    if (fresh) startGrace(socket, state);
  };

  http.on('connection', (socket: Socket) => {
    const key = clientKey(socket.remoteAddress, undefined, 0);
    const state: SocketState = { key, slow: false, started: now(), deadline: undefined, grace: undefined, current: undefined };
    states.set(socket, state);
    awaitRequest(socket, state, true);
    socket.once('close', () => {
      clearTimeout(state.deadline);
      unmarkSlow(state);
    });
  });

  http.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const socket = req.socket;
    const state = states.get(socket);
    if (!state) return;
    clearTimeout(state.deadline);
    state.current = req;
    if (hasBody(req) && !req.complete) {
      const tooSlow = () => {
        if (req.complete || socket.destroyed) return;
        if (!res.headersSent) socket.end(REQUEST_TIMEOUT_RESPONSE);
        socket.destroySoon();
      };
      state.deadline = setTimeout(tooSlow, Math.max(0, state.started + options.requestTimeoutMs - now()));
      state.deadline.unref();
      if (!state.grace && !state.slow) startGrace(socket, state);
      req.once('end', () => {
        if (state.current !== req) return;
        clearTimeout(state.deadline);
        unmarkSlow(state);
      });
    } else {
      unmarkSlow(state);
    }
    res.once('finish', () => {
      // A pipelined request may already have arrived; only the latest one's answer re-arms.
      if (state.current === req && !socket.destroyed) awaitRequest(socket, state, false);
    });
  });
}
