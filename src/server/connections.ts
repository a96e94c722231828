import type { Server } from 'restify';
import { guardSlowClients } from './slow-clients.js';

/**
 * Seconds, not minutes: a client that opens a socket and sends its headers or body slowly
 * holds a file descriptor, and many such sockets could take the service down for everyone.
 */
export const HEADERS_TIMEOUT_MS = 10_000;
export const REQUEST_TIMEOUT_MS = 30_000;
export const KEEP_ALIVE_TIMEOUT_MS = 5_000;
/** How long a shutdown waits for turns in flight before it closes every connection. */
export const SHUTDOWN_GRACE_MS = 8_000;

export interface ConnectionLimits {
  maxConnections: number;
  /** Connections one address may hold while sending a request (slow-clients.ts). */
  maxPerClient: number;
  trustedProxies: number;
  /** Tests shorten the deadlines; production uses the constants above. */
  headersTimeoutMs?: number;
  requestTimeoutMs?: number;
}

/** The connection caps and timeouts of the HTTP server (documented in the README). */
export function limitConnections(server: Server, limits: ConnectionLimits): void {
  const http = server.server;
  const headersTimeoutMs = limits.headersTimeoutMs ?? HEADERS_TIMEOUT_MS;
  const requestTimeoutMs = limits.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
  http.maxConnections = limits.maxConnections;
  // Node's own checks stay as a backstop; they run only every 30 s (connectionsCheckingInterval,
  // fixed when restify makes the server), so guardSlowClients keeps a timer per request.
  http.headersTimeout = headersTimeoutMs;
  http.requestTimeout = requestTimeoutMs;
  http.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  guardSlowClients(http, { maxPerClient: limits.maxPerClient, trustedProxies: limits.trustedProxies, headersTimeoutMs, requestTimeoutMs });
}

/**
 * Stops accepting, lets the requests in flight finish, and closes keep-alive connections as
 * they fall idle (a busy keep-alive connection would otherwise hold the close open for ever);
 * after the grace period every connection is closed.
 */
export function closeGracefully(server: Server, graceMs = SHUTDOWN_GRACE_MS): Promise<void> {
  const http = server.server;
  return new Promise<void>((resolve) => {
    const sweeper = setInterval(() => http.closeIdleConnections(), 50);
    const deadline = setTimeout(() => http.closeAllConnections(), graceMs);
    server.close(() => {
      clearInterval(sweeper);
      clearTimeout(deadline);
      resolve();
    });
    http.closeIdleConnections();
  });
}
