import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Next, Request, RequestHandler, Response, Server } from 'restify';
import { projectRoot } from '../paths.js';
import type { Logger } from '../logging/logger.js';
import { isAuthorized } from './admin-auth.js';
import { clientKey, TokenBuckets } from './rate-limit.js';
import { parseDayRange } from '../insights/date-range.js';
import { insightsReport } from '../insights/insights-report.js';
import type { InsightsStore } from '../insights/insights-store.js';
import type { InsightNamer } from '../insights/insight-names.js';

export interface AdminRoutesOptions {
  /** ADMIN_TOKEN; without it no /admin route exists (404). */
  token: string | undefined;
  minCount: number;
  /** The names the page shows for rule, question and outcome ids (from the strings and the rule table). */
  namer: InsightNamer;
  store: InsightsStore;
  /** Writes the buffered events first, so the figures include the last turns. */
  flush: () => Promise<void>;
  clock: () => Date;
  logger: Logger;
  trustedProxies: number;
  now: () => number;
  /** Wrong tokens a minute per client on /admin (30); the right token is never refused by it. */
  failuresPerMinute?: number;
}

/** The page's own files only; no inline script or style, no third-party origin, no framing. */
export const ADMIN_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const SECURITY_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'content-security-policy': ADMIN_CONTENT_SECURITY_POLICY,
};

function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** JSON inside a non-executed script element: `<` escaped so no text can close the element. */
function embeddedJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

/**
 * GET /admin/insights (the page, figures embedded, so its script needs no token) and
 * GET /admin/api/insights (JSON). Both need the token; the page also takes HTTP Basic so a
 * browser asks for it. Static files (script, styles, Chart.js) hold no figures and are public.
 */
export function registerAdminRoutes(server: Server, options: AdminRoutesOptions): void {
  const { token } = options;
  if (!token) return;
  const adminDir = join(projectRoot, 'web', 'admin');
  const pageTemplate = readFileSync(join(adminDir, 'insights.html'), 'utf8');
  const files: Record<string, { body: Buffer; type: string }> = {
    '/admin/static/insights.js': { body: readFileSync(join(adminDir, 'insights.js')), type: 'text/javascript; charset=utf-8' },
    '/admin/static/insights.css': { body: readFileSync(join(adminDir, 'insights.css')), type: 'text/css; charset=utf-8' },
    // Chart.js's UMD bundle from node_modules (no CDN): it defines window.Chart.
    '/admin/static/chart.umd.min.js': {
      body: readFileSync(join(projectRoot, 'node_modules', 'chart.js', 'dist', 'chart.umd.min.js')),
      type: 'text/javascript; charset=utf-8',
    },
  };
  const failuresPerMinute = options.failuresPerMinute ?? 30;
  // Failures, not requests, are counted: someone sending wrong tokens from the clinic's address
  // (one office, one proxy) must not lock the manager out. The right token always opens: at 32
  // characters or more it cannot be guessed, so the limit only keeps guessing cheap to refuse.
  const failures = new TokenBuckets({ capacity: failuresPerMinute, refillPerSecond: failuresPerMinute / 60, now: options.now });

  const guard =
    ({ allowBasic }: { allowBasic: boolean }): RequestHandler =>
    (req: Request, res: Response, next: Next) => {
      if (isAuthorized(req.headers.authorization, token, { allowBasic })) return next();
      const limited = failures.take(clientKey(req.socket.remoteAddress, req.headers['x-forwarded-for'], options.trustedProxies));
      if (!limited.allowed) {
        res.writeHead(429, { ...SECURITY_HEADERS, 'retry-after': String(limited.retryAfterSeconds), 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: 'too many requests', reason: `more than ${failuresPerMinute} wrong tokens a minute to /admin` }));
        return next(false);
      }
      // Never the header itself: it is (a guess at) the token.
      options.logger.warn({ event: 'admin.unauthorized' }, 'admin request without a valid token');
      res.writeHead(401, {
        ...SECURITY_HEADERS,
        'content-type': 'application/json',
        'www-authenticate': allowBasic ? 'Basic realm="insights", charset="UTF-8"' : 'Bearer realm="insights"',
      });
      res.end(JSON.stringify({ error: 'unauthorized', reason: 'Authorization: Bearer ADMIN_TOKEN is required' }));
      return next(false);
    };

  const report = async (req: Request) => {
    // No query parser on this server: the two parameters are read from the URL here.
    const query = new URL(req.url ?? '/', 'http://localhost').searchParams;
    const parsed = parseDayRange({ from: query.get('from') ?? undefined, to: query.get('to') ?? undefined }, options.clock());
    if (!parsed.ok) return parsed;
    await options.flush();
    return {
      ok: true as const,
      report: await insightsReport(options.store, parsed.range, { minCount: options.minCount, namer: options.namer }),
    };
  };

  server.get('/admin/api/insights', guard({ allowBasic: false }), async (req: Request, res: Response) => {
    const result = await report(req);
    res.writeHead(result.ok ? 200 : 400, { ...SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(result.ok ? result.report : { error: 'invalid range', reason: result.reason }));
  });

  server.get('/admin/insights', guard({ allowBasic: true }), async (req: Request, res: Response) => {
    const result = await report(req);
    const page = pageTemplate
      .replace('{{data}}', embeddedJson(result.ok ? result.report : { error: result.reason }))
      .replace('{{from}}', escapeHtml(result.ok ? result.report.from : ''))
      .replace('{{to}}', escapeHtml(result.ok ? result.report.to : ''));
    res.writeHead(result.ok ? 200 : 400, { ...SECURITY_HEADERS, 'content-type': 'text/html; charset=utf-8' });
    res.end(page);
  });

  for (const [path, file] of Object.entries(files)) {
    server.get(path, async (_req: Request, res: Response) => {
      res.writeHead(200, { ...SECURITY_HEADERS, 'cache-control': 'no-cache', 'content-type': file.type });
      res.end(file.body);
    });
  }
}
