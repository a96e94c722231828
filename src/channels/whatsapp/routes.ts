import type { Request, Response, Server } from 'restify';
import type { ActivityHandlerBase, TurnContext } from 'botbuilder';
import type { Logger } from '../../logging/logger.js';
import { describeErrorForLog } from '../../server/adapter.js';
import { isValidSignature } from './signature.js';
import { inboundTurns, webhookSchema } from './inbound.js';
import type { WhatsAppAdapter } from './adapter.js';
import { readBodyWithin } from '../../server/read-body.js';
import { MAX_JSON_DEPTH, nestsDeeperThan, TOO_DEEP_REASON } from '../../server/json-depth.js';

export interface WhatsAppRouteOptions {
  adapter?: WhatsAppAdapter;
  bot: ActivityHandlerBase;
  verifyToken?: string;
  appSecret?: string;
  maxBodyBytes: number;
  logger: Logger;
}

/**
 * GET /api/whatsapp answers Meta's verification challenge; POST takes signed webhooks: 401
 * without a valid signature (nothing reaches the bot), 400 for a body that is not a webhook,
 * otherwise 200 at once and the messages processed after.
 */
export function registerWhatsAppRoutes(server: Server, options: WhatsAppRouteOptions): void {
  const { adapter, bot, verifyToken, appSecret, maxBodyBytes, logger } = options;

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

    // After the answer: Meta only needs to know the webhook arrived.
    for (const turn of inboundTurns(payload.data)) {
      adapter
        .process(turn, (context: TurnContext) => bot.run(context))
        .catch((error: unknown) =>
          logger.error({ event: 'whatsapp.turn.error', error: describeErrorForLog(error) }, 'WhatsApp turn failed'),
        );
    }
  });
}
