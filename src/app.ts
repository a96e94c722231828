import type { Storage } from 'botbuilder';
import type { Server } from 'restify';
import type { Config } from './config/config.js';
import type { Logger } from './logging/logger.js';
import { createPersistence } from './storage/index.js';
import { TranscriptRecorder } from './bot/transcript-recorder.js';
import { ReplyAfterSave } from './bot/reply-after-save.js';
import { TypingIndicator } from './bot/typing-indicator.js';
import { sweepRetention } from './retention/retention.js';
import { createAdapter } from './server/adapter.js';
import { createServer } from './server/create-server.js';
import { closeGracefully, limitConnections } from './server/connections.js';
import { StoreHealth } from './storage/store-health.js';
import { createBot } from './bot/create-bot.js';
import type { GuideBot } from './bot/guide-bot.js';
import { clinicDetails, handoffSettings } from './config/clinic.js';
import { loadCore } from './core.js';
import { randomBytes } from 'node:crypto';
import type { AuditSink } from './safety/index.js';
import { warmUpRecognizers } from './understanding/warm-up.js';
import { registerChatPage } from './web/chat-page.js';
import { registerTokenRoute } from './web/direct-line-token.js';
import { LocalDirectLine } from './web/local-direct-line.js';
import { ResumeTickets, resumeTicketKey } from './web/resume-ticket.js';
import { WhatsAppAdapter } from './channels/whatsapp/adapter.js';
import { GraphTransport } from './channels/whatsapp/transport.js';
import { registerWhatsAppRoutes } from './channels/whatsapp/routes.js';
import { describeErrorForLog } from './logging/describe-error.js';
import { ConversationRateLimit } from './server/conversation-rate-limit.js';
import { readRedFlags } from './understanding/reader/index.js';
import { messageText } from '../dialogs/prompts/answer-prompt.js';
import { createInsightsStore, insightsRetentionTarget } from './insights/create-insights-store.js';
import { InsightsRecorder } from './insights/insights-recorder.js';
import { InsightsMiddleware } from './insights/insights-middleware.js';
import { registerAdminRoutes } from './server/admin-routes.js';
import { insightNamer } from './insights/insight-names.js';

export interface App {
  server: Server;
  storage: Storage;
  bot: GuideBot;
  /** Listens on the port; resolves with the bound port (useful with port 0 in tests). */
  listen: () => Promise<number>;
  /** Removes what is older than RETENTION_DAYS from every store; returns counts per kind. */
  sweepRetention: (now?: Date) => Promise<Record<string, number>>;
  /** The in-process Direct Line, when on (local development and tests). */
  localDirectLine?: LocalDirectLine;
  /** Waits for the WhatsApp turns taken so far and the writes that finish after a reply (transcripts). */
  settle: () => Promise<void>;
  /** Stops listening and waits for background writes. */
  close: () => Promise<void>;
}

export interface AppOptions {
  logger: Logger;
  clock?: () => Date;
  /** Tests pass a store to share it between two app instances or to inspect it. */
  storage?: Storage;
  audit?: AuditSink;
  /** Tests shorten the Graph API retry delays. */
  whatsappRetryDelaysMs?: number[];
  /** Tests shorten the handoff webhook's retry waits. */
  handoffRetryDelaysMs?: number[];
  /** How often /healthz's store probe runs (10 s); fault tests shorten it. */
  storeProbeIntervalMs?: number;
  /** The rate limits' clock in milliseconds (monotonic `performance.now` by default); tests step it. */
  rateLimitClock?: () => number;
  /** Tests shorten the header and request deadlines (10 s and 30 s). */
  connectionTimeouts?: { headersTimeoutMs?: number; requestTimeoutMs?: number };
}

/** Builds everything from config; nothing listens until `listen` is called. */
export async function buildApp(
  config: Config,
  {
    logger,
    clock = () => new Date(),
    storage,
    audit,
    whatsappRetryDelaysMs,
    rateLimitClock = () => performance.now(),
    storeProbeIntervalMs,
    handoffRetryDelaysMs,
    connectionTimeouts,
  }: AppOptions,
): Promise<App> {
  let ready = false;
  const { strings, kb, safety } = loadCore('en', clinicDetails(config));
  const persistence = await createPersistence(config, logger);
  const store = storage ?? persistence.storage;
  const auditSink = audit ?? persistence.audit;
  const transcripts = new TranscriptRecorder(persistence.transcripts, logger);
  // The clinic's insights: anonymous funnel events next to the audit trail, written in batches after the replies.
  const insightsStore = await createInsightsStore(config);
  const insights = new InsightsRecorder({ store: insightsStore, logger, clock });
  const insightsMiddleware = new InsightsMiddleware(insights);
  // Without a configured secret the pseudonymous keys are stable only for this process's life.
  const auditSecret = config.AUDIT_SECRET ?? randomBytes(32).toString('hex');
  const handoff = handoffSettings(config, handoffRetryDelaysMs);
  const { bot } = createBot({
    logger,
    storage: store,
    strings,
    kb,
    safety,
    audit: auditSink,
    auditSecret,
    retentionDays: config.RETENTION_DAYS,
    ...(config.BOOKING_URL ? { bookingUrl: config.BOOKING_URL } : {}),
    ...(config.EMERGENCY_NUMBER ? { emergencyNumber: config.EMERGENCY_NUMBER } : {}),
    ...(handoff ? { handoff } : {}),
    ...(config.CLINIC_PHONE ? { clinicPhone: config.CLINIC_PHONE } : {}),
    clock,
  });
  // One limiter for every channel (keys are channel/conversation), registered first on each adapter.
  const conversationLimit = new ConversationRateLimit({
    perWindow: config.RATE_LIMIT_PER_CONVERSATION,
    now: rateLimitClock,
    strings,
    logger,
    // The same text the bot's red-flag watch reads: typed, or from a card submit.
    raisesRedFlag: (activity) => readRedFlags(messageText(activity), safety.reader).decision !== 'none',
  });
  const adapter = createAdapter(config, logger, strings);
  // Replies wait for the turn's save, and only sent replies reach the transcript.
  const replyAfterSave = new ReplyAfterSave(strings, logger);
  adapter.use(conversationLimit);
  adapter.use(replyAfterSave);
  adapter.use(transcripts);
  adapter.use(insightsMiddleware);
  // Web Chat and Teams show "typing" while a message is worked on (WhatsApp shows nothing for it).
  adapter.use(new TypingIndicator(logger));
  const server = createServer({
    adapter,
    bot,
    logger,
    maxBodyBytes: config.MAX_BODY_BYTES,
    isReady: () => ready,
    isStoreHealthy: () => storeHealth.ok,
    clientRateLimit: {
      perMinute: config.RATE_LIMIT_PER_CLIENT_PER_MINUTE,
      trustedProxies: config.TRUST_PROXY,
      now: rateLimitClock,
      logger,
      // Only with an App ID does CloudAdapter authenticate the caller of /api/messages.
      platformRoutes: config.localMode ? ['/api/whatsapp'] : ['/api/messages', '/api/whatsapp'],
    },
  });
  let selfBaseUrl = `http://127.0.0.1:${config.PORT}`;
  const localDirectLine = config.localDirectLine ? new LocalDirectLine({ logger, selfBaseUrl: () => selfBaseUrl }) : undefined;
  localDirectLine?.register(server);
  registerTokenRoute(server, {
    logger,
    tickets: new ResumeTickets({ key: resumeTicketKey(config.DIRECT_LINE_SECRET), lifetimeDays: config.RETENTION_DAYS, clock }),
    directLineBase: config.DIRECT_LINE_BASE,
    ...(config.DIRECT_LINE_SECRET ? { secret: config.DIRECT_LINE_SECRET } : {}),
    ...(localDirectLine ? { local: localDirectLine } : {}),
  });
  const whatsapp = config.whatsappEnabled
    ? new WhatsAppAdapter({
        phoneNumberId: config.WHATSAPP_PHONE_NUMBER_ID!,
        logger,
        clock,
        transport: new GraphTransport({
          graphApiBase: config.WHATSAPP_GRAPH_API_BASE,
          phoneNumberId: config.WHATSAPP_PHONE_NUMBER_ID!,
          accessToken: config.WHATSAPP_ACCESS_TOKEN!,
          logger,
          ...(whatsappRetryDelaysMs ? { retryDelaysMs: whatsappRetryDelaysMs } : {}),
        }),
      })
    : undefined;
  if (whatsapp) {
    whatsapp.use(conversationLimit);
    whatsapp.use(replyAfterSave);
    whatsapp.use(transcripts);
    whatsapp.use(insightsMiddleware);
    whatsapp.onTurnError = async (context, error) => {
      logger.error({ event: 'turn.error', channelId: 'whatsapp', error: describeErrorForLog(error) }, 'turn failed');
      await context.sendActivity(strings('turnError')).catch(() => undefined);
    };
  }
  registerWhatsAppRoutes(server, {
    bot,
    logger,
    maxBodyBytes: config.MAX_BODY_BYTES,
    maxMessagesPerWebhook: config.WHATSAPP_MAX_MESSAGES_PER_WEBHOOK,
    ...(whatsapp ? { adapter: whatsapp } : {}),
    ...(config.WHATSAPP_VERIFY_TOKEN ? { verifyToken: config.WHATSAPP_VERIFY_TOKEN } : {}),
    ...(config.WHATSAPP_APP_SECRET ? { appSecret: config.WHATSAPP_APP_SECRET } : {}),
  });
  registerChatPage(server, {
    clinic: clinicDetails(config),
    ...(config.BOOKING_URL ? { bookingUrl: config.BOOKING_URL } : {}),
    ...(config.DIRECT_LINE_SECRET ? { directLineOrigin: new URL(config.DIRECT_LINE_BASE).origin } : {}),
  });

  registerAdminRoutes(server, {
    token: config.ADMIN_TOKEN,
    minCount: config.INSIGHTS_MIN_COUNT,
    namer: insightNamer(strings, safety.rules),
    store: insightsStore,
    flush: () => insights.flush(),
    clock,
    logger,
    trustedProxies: config.TRUST_PROXY,
    now: rateLimitClock,
  });

  limitConnections(server, {
    maxConnections: config.MAX_CONNECTIONS,
    maxPerClient: config.MAX_CONNECTIONS_PER_CLIENT,
    trustedProxies: config.TRUST_PROXY,
    ...connectionTimeouts,
  });
  const storeHealth = new StoreHealth(store, logger, storeProbeIntervalMs);
  await storeHealth.start();
  warmUpRecognizers();
  ready = true;

  return {
    server,
    storage: store,
    bot,
    ...(localDirectLine ? { localDirectLine } : {}),
    settle: async () => {
      await whatsapp?.idle();
      await transcripts.flush();
      await insights.flush();
    },
    sweepRetention: async (now = clock()) => {
      await transcripts.flush();
      await insights.flush();
      return sweepRetention(
        [...persistence.retention, insightsRetentionTarget(insightsStore, () => now)],
        now,
        config.RETENTION_DAYS,
        logger,
      );
    },
    listen: () =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.PORT, config.host, () => {
          const address = server.address();
          const port = typeof address === 'object' && address ? address.port : config.PORT;
          // The local Direct Line posts to the bot through this server's own address.
          const reachableHost = ['0.0.0.0', '::'].includes(config.host) ? '127.0.0.1' : config.host;
          selfBaseUrl = `http://${reachableHost.includes(':') ? `[${reachableHost}]` : reachableHost}:${port}`;
          resolve(port);
        });
      }),
    close: async () => {
      storeHealth.stop();
      await closeGracefully(server);
      await transcripts.flush();
      await insights.flush();
      // What cannot be written out now stays in the store's log, and the next start catches up from it.
      await persistence
        .close?.()
        .catch((error: unknown) =>
          logger.error({ event: 'store.close-failed', error: describeErrorForLog(error) }, 'store not closed cleanly'),
        );
    },
  };
}
