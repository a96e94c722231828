import restify, { type Next, type Request, type RequestHandler, type Response, type Server } from 'restify';
import type { Activity } from 'botbuilder';
import type { Logger } from '../logging/logger.js';
import { checkIncomingActivity } from './activity-guard.js';
import { jsonBodyParser } from './json-body.js';
import { type GuideCloudAdapter } from './adapter.js';
import { describeErrorForLog } from '../logging/describe-error.js';
import { KeyedLock } from '../storage/keyed-lock.js';
import type { TurnTaker } from '../bot/turn-taker.js';
import { nextTick } from '../bot/question-timing.js';
import { clientRateLimit, type ClientRateLimitOptions } from './client-rate-limit.js';

export interface ServerDeps {
  adapter: GuideCloudAdapter;
  bot: TurnTaker;
  logger: Logger;
  maxBodyBytes: number;
  /** False until knowledge is loaded and recognizers are warm; /healthz says so. */
  isReady: () => boolean;
  /** False while the store cannot be read and written (the last background probe failed). */
  isStoreHealthy?: () => boolean;
  /** The per-client request limit (client-rate-limit.ts); absent or 0 a minute: none. */
  clientRateLimit?: ClientRateLimitOptions;
}

/** Routes that read their own body: the WhatsApp webhook signs the raw bytes. */
export const RAW_BODY_PATHS = new Set(['/api/whatsapp']);

/** restify's body parser for every route but those that must see the raw body. */
function parseJsonExcept(paths: Set<string>, handlers: RequestHandler[]): RequestHandler {
  return (req: Request, res: Response, done: Next) => {
    if (paths.has(req.getPath())) return done();
    let index = 0;
    const step = (error?: unknown) => {
      if (error !== undefined && error !== null) return done(error as Error);
      const handler = handlers[index++];
      if (!handler) return done();
      return handler(req, res, step as Next);
    };
    return step();
  };
}

function authorizationHeader(req: Request): string {
  const header = req.headers.authorization;
  return typeof header === 'string' ? header : '';
}

/** The timestamps a channel sends as strings become Dates, as CloudAdapter.process would do. */
function withDates(activity: Activity): Activity {
  for (const field of ['timestamp', 'localTimestamp', 'expiration'] as const) {
    const value: unknown = activity[field];
    if (typeof value === 'string') (activity as unknown as Record<string, unknown>)[field] = new Date(value);
  }
  return activity;
}

function isAuthenticationFailure(error: unknown): boolean {
  // botframework-connector's AuthenticationError carries the status it should answer with.
  return typeof error === 'object' && error !== null && (error as { statusCode?: unknown }).statusCode === 401;
}

export function createServer({
  adapter,
  bot,
  logger,
  maxBodyBytes,
  isReady,
  isStoreHealthy = () => true,
  clientRateLimit: rateLimit,
}: ServerDeps): Server {
  // restify logs through pino; ours redacts message text, names and whole requests.
  const server = restify.createServer({
    name: 'micro-needling-guide',
    handleUncaughtExceptions: false,
    log: logger.child({ component: 'http' }) as unknown as restify.ServerOptions['log'],
  });
  // Before routing and body parsing: a flooding client costs a lookup, not a parsed body.
  const limitClients = rateLimit ? clientRateLimit(rateLimit) : undefined;
  if (limitClients) server.pre(limitClients);
  // A request's place in the order of arrivals, taken as soon as its headers are in (before its
  // body, the adapter and the turns queued before it): see src/bot/question-timing.ts.
  const arrivals = new WeakMap<Request, number>();
  server.pre((req: Request, _res: Response, next: Next) => {
    arrivals.set(req, nextTick());
    return next();
  });
  server.use(parseJsonExcept(RAW_BODY_PATHS, jsonBodyParser(maxBodyBytes)));

  const turnsInOrder = new KeyedLock();

  // An access log at debug level: the route's pattern, never the URL (ids, verify tokens in
  // queries), and nothing from the body or the client's address.
  server.on('after', (req: Request, res: Response, route: { spec?: { path?: unknown } } | null) => {
    logger.debug(
      {
        event: 'http.request',
        method: req.method,
        route: String(route?.spec?.path ?? 'unmatched'),
        status: res.statusCode,
        ms: Date.now() - req.time(),
      },
      'request',
    );
  });

  server.get('/healthz', async (_req: Request, res: Response) => {
    if (!isReady()) res.send(503, { status: 'starting' });
    else if (!isStoreHealthy()) res.send(503, { status: 'degraded', reason: 'storage' });
    else res.send(200, { status: 'ok' });
  });

  server.post('/api/messages', async (req: Request, res: Response) => {
    const verdict = checkIncomingActivity(req.body);
    if (!verdict.ok) {
      res.send(400, { error: 'invalid activity', reason: verdict.reason });
      return;
    }
    try {
      // processActivity, not process: CloudAdapter.process prints a failed authentication's
      // stack to stderr itself; here it is a 401 with a reason and one log line.
      const invokeResponse = await adapter.runActivity(authorizationHeader(req), withDates(req.body as Activity), (context) => {
        bot.noteArrival(context, arrivals.get(req));
        // One turn at a time per conversation in this instance: a double-click sends two at once.
        return turnsInOrder.run(`${context.activity.channelId}/${context.activity.conversation?.id ?? ''}`, () => bot.run(context));
      });
      if (invokeResponse?.body !== undefined) res.send(invokeResponse.status ?? 200, invokeResponse.body);
      else res.send(invokeResponse?.status ?? 200);
    } catch (error) {
      if (isAuthenticationFailure(error)) {
        logger.warn({ event: 'messages.unauthorized' }, 'activity refused: not authenticated');
        if (!res.headersSent)
          res.send(401, { error: 'unauthorized', reason: 'a valid Bot Framework token is required (Authorization: Bearer ...)' });
        return;
      }
      logger.error({ event: 'messages.error', error: describeErrorForLog(error) }, 'activity not processed');
      if (!res.headersSent) res.send(400, { error: 'activity not processed' });
    }
  });

  return server;
}
