import type { Request, Response, Server } from 'restify';
import type { TurnTaker } from '../bot/turn-taker.js';
import type { Logger } from '../logging/logger.js';
import { describeErrorForLog } from '../logging/describe-error.js';
import { isValidSignature } from './signature.js';
import { inboundTurns, messageCount, webhookSchema } from './inbound.js';
import type { TurnGate, WhatsAppAdapter } from './adapter.js';
import { KeyedLock } from '../storage/keyed-lock.js';
import { readBodyWithin } from '../server/read-body.js';
import { MAX_JSON_DEPTH, nestsDeeperThan, TOO_DEEP_REASON } from '../server/json-depth.js';

export interface WhatsAppRouteOptions {
  adapter?: WhatsAppAdapter;
  bot: TurnTaker;
  verifyToken?: string;
  appSecret?: string;
  maxBodyBytes: number;
  /** WHATSAPP_MAX_MESSAGES_PER_WEBHOOK: messages read from one webhook at most. */
  maxMessagesPerWebhook: number;
  logger: Logger;
}

/**
 * GET /api/whatsapp answers Meta's verification challenge; POST takes signed webhooks: 401
 * without a valid signature (nothing reaches the bot), 400 for a body that is not a webhook,
 * otherwise 200 at once and the messages processed after.
 */
export function registerWhatsAppRoutes(server: Server, options: WhatsAppRouteOptions): void {
  const { adapter, bot, verifyToken, appSecret, maxBodyBytes, maxMessagesPerWebhook, logger } = options;

  server.get('/api/whatsapp', async (req: Request, res: Response) => {
    const query = new URL(req.url ?? '', 'http://local').searchParams;
    const mode = query.get('hub.mode');
    const token = query.get('hub.verify_token');
    const challenge = query.get('hub.challenge') ?? '';
    if (!verifyToken || mode !== 'subscribe' || token !== verifyToken) {
      res.send(403, { error: 'verification refused' });
      return;
    }
    res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(challenge);
  });

  server.post('/api/whatsapp', async (req: Request, res: Response) => {
    if (!adapter || !appSecret) {
      res.send(404, { error: 'WhatsApp is not configured on this server' });
      return;
    }
    // The client went away mid-body (or was too slow, slow-clients.ts): there is no one to answer.
    const raw = await readBodyWithin(req, maxBodyBytes).catch(() => 'gone' as const);
    if (raw === 'gone') return;
    if (raw === 'too-large') {
      res.send(413, { error: 'body too large' });
      return;
    }
    if (!isValidSignature(raw, req.header('x-hub-signature-256'), appSecret)) {
      res.send(401, { error: 'missing or invalid X-Hub-Signature-256' });
      return;
    }
    if (nestsDeeperThan(raw, MAX_JSON_DEPTH)) {
      res.send(400, { error: 'body is not a webhook', reason: TOO_DEEP_REASON });
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(raw.toString('utf8'));
    } catch {
      res.send(400, { error: 'body is not JSON' });
      return;
    }
    const payload = webhookSchema.safeParse(json);
    if (!payload.success) {
      const issue = payload.error.issues[0];
      res.send(400, { error: 'not a WhatsApp webhook', reason: `${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}` });
      return;
    }
    res.send(200, { received: true });

    // After the answer: Meta only needs to know the webhook arrived. Meta batches at most 1,000
    // updates; what is past the bound is not Meta's and is not read (counted, never its text).
    const count = messageCount(payload.data);
    if (count > maxMessagesPerWebhook) {
      logger.warn(
        { event: 'whatsapp.webhook.over-limit', messages: count, read: maxMessagesPerWebhook, dropped: count - maxMessagesPerWebhook },
        'webhook carried more messages than WHATSAPP_MAX_MESSAGES_PER_WEBHOOK; the rest were not read',
      );
    }
    // One message of this webhook at a time (each person's still in their order): a webhook of
    // thousands is worked through while other webhooks, other people, are answered beside it.
    const oneAtATime = new KeyedLock();
    const gate: TurnGate = (task) => oneAtATime.run('webhook', task);
    for (const turn of inboundTurns(payload.data, maxMessagesPerWebhook)) {
      adapter
        .process(turn, bot, gate)
        .catch((error: unknown) =>
          logger.error({ event: 'whatsapp.turn.error', error: describeErrorForLog(error) }, 'WhatsApp turn failed'),
        );
    }
  });
}
