import type { Request, Response, Server } from 'restify';
import type { ActivityHandlerBase, TurnContext } from 'botbuilder';
import type { Logger } from '../../logging/logger.js';
import { describeErrorForLog } from '../../server/adapter.js';
import { isValidSignature } from './signature.js';
import { inboundTurns, webhookSchema } from './inbound.js';
import type { WhatsAppAdapter } from './adapter.js';

export interface WhatsAppRouteOptions {
  adapter?: WhatsAppAdapter;
  bot: ActivityHandlerBase;
  verifyToken?: string;
  appSecret?: string;
  maxBodyBytes: number;
  logger: Logger;
}

/**
 * The body, or 'too-large' past `limit`. A body over the limit is still read to its end (and
 * dropped), as restify's body reader does for the other routes: leaving the loop early
 * destroyed the request and with it the keep-alive connection, so the 413 could be lost and
 * the client's next request on that connection failed (found by the fuzz suite).
 */
async function readRawBody(req: Request, limit: number): Promise<Buffer | 'too-large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= limit) chunks.push(chunk);
  }
  return size > limit ? 'too-large' : Buffer.concat(chunks);
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
    const raw = await readRawBody(req, maxBodyBytes);
    if (raw === 'too-large') {
      res.send(413, { error: 'body too large' });
      return;
    }
    if (!isValidSignature(raw, req.header('x-hub-signature-256'), appSecret)) {
      res.send(401, { error: 'missing or invalid X-Hub-Signature-256' });
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
