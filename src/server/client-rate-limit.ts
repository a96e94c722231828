import type { Next, Request, RequestHandler, Response } from 'restify';
import type { Logger } from '../logging/logger.js';
import { clientKey, TokenBuckets } from './rate-limit.js';

export interface ClientRateLimitOptions {
  /** RATE_LIMIT_PER_CLIENT_PER_MINUTE; 0 turns the limit off. */
  perMinute: number;
  /** TRUST_PROXY: how many proxies in front add themselves to X-Forwarded-For. */
  trustedProxies: number;
  now: () => number;
  logger: Logger;
  /**
   * POST routes whose callers are messaging platforms that prove who they are: Bot Connector
   * (a signed JWT, checked by CloudAdapter; only when the bot has an App ID) and Meta (an
   * HMAC of the body). See below.
   */
  platformRoutes: string[];
}

/** Never limited: the platform's health probe must see the truth, not a 429. */
const EXEMPT_PATHS = new Set(['/healthz']);

/**
 * The per-client limit, as a restify `pre` handler: it runs before routing and before the
 * body parser, so a flooding client costs a map lookup, not a parsed 256 KB body; unknown
 * paths (a scanner's 404s) count too. Over the limit: 429, `Retry-After` in seconds and
 * `{error, reason}`.
 *
 * The bucket holds ten seconds' worth of requests (100 at the default 600 a minute) and
 * refills at the per-minute rate: a page load (page, script, styles, Web Chat bundle, token)
 * is a handful of requests, so people behind one office NAT share it comfortably.
 *
 * Platform traffic. In production /api/messages is called by Bot Connector and /api/whatsapp
 * by Meta: a few addresses carry every person's messages. Counting those against one bucket
 * would let one flooding person (or simply a busy day) get 429s for everyone, and a channel
 * answered with 429 retries and reports the bot unhealthy. So a request to a platform route
 * is let through while its client's bucket has a token, and charged only once it has ended
 * refused (4xx/5xx: a forged signature or token) or unfinished (aborted): a flood of forged
 * requests empties the bucket and is then stopped like any other, while accepted platform
 * traffic, however much of it is in flight at once, never costs a token (it is limited per
 * conversation instead, conversation-rate-limit.ts). Without an App ID (local mode) anyone can
 * post activities, so /api/messages is not a platform route there and every request counts.
 */
export function clientRateLimit(options: ClientRateLimitOptions): RequestHandler | undefined {
  const { perMinute, trustedProxies, now, logger } = options;
  if (perMinute <= 0) return undefined;
  const platformRoutes = new Set(options.platformRoutes);
  const buckets = new TokenBuckets({ capacity: Math.max(1, Math.ceil(perMinute / 6)), refillPerSecond: perMinute / 60, now });

  return (req: Request, res: Response, next: Next) => {
    const path = req.getPath();
    if (EXEMPT_PATHS.has(path)) return next();
    const key = clientKey(req.socket.remoteAddress, req.headers['x-forwarded-for'], trustedProxies);
    const platform = req.method === 'POST' && platformRoutes.has(path);
    const result = platform ? buckets.peek(key) : buckets.take(key);
    if (!result.allowed) {
      // Once per flood, without the address (personal data) or the path (it may hold ids).
      if (result.firstRefusal)
        logger.warn({ event: 'ratelimit.client', retryAfterSeconds: result.retryAfterSeconds }, 'client over its request rate');
      res.header('Retry-After', String(result.retryAfterSeconds));
      res.send(429, {
        error: 'too many requests',
        reason: `more than ${perMinute} requests a minute from this client; try again in ${result.retryAfterSeconds} s`,
      });
      return next(false);
    }
    if (platform) {
      res.once('close', () => {
        if (!res.writableFinished || res.statusCode >= 400) buckets.take(key);
      });
    }
    return next();
  };
}
