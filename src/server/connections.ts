import type { Server } from 'restify';

/**
 * Seconds, not minutes: a client that opens a socket and sends its headers or body slowly
 * holds a file descriptor, and many such sockets could take the service down for everyone.
 */
export const HEADERS_TIMEOUT_MS = 10_000;
export const REQUEST_TIMEOUT_MS = 30_000;
export const KEEP_ALIVE_TIMEOUT_MS = 5_000;
/** How long a shutdown waits for turns in flight before it closes every connection. */
export const SHUTDOWN_GRACE_MS = 8_000;

/** The connection cap and timeouts of the HTTP server (documented in the README). */
export function limitConnections(server: Server, maxConnections: number): void {
  const http = server.server;
  http.maxConnections = maxConnections;
  http.headersTimeout = HEADERS_TIMEOUT_MS;
  http.requestTimeout = REQUEST_TIMEOUT_MS;
  http.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  // Node checks headersTimeout only every 30 s (connectionsCheckingInterval, fixed when restify
  // makes the server): a new connection gets its own deadline for its first request's headers.
  const firstRequestDeadline = new WeakMap<object, NodeJS.Timeout>();
  http.on('connection', (socket: import('node:net').Socket) => {
    const timer = setTimeout(() => socket.destroy(), HEADERS_TIMEOUT_MS);
    timer.unref();
    firstRequestDeadline.set(socket, timer);
    socket.once('close', () => clearTimeout(timer));
  });
  http.on('request', (request: import('node:http').IncomingMessage) => clearTimeout(firstRequestDeadline.get(request.socket)));
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
