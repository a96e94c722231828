import type { Request, Response, Server } from 'restify';
import type { Activity } from 'botbuilder';
import type { Logger } from '../logging/logger.js';
import { KeyedLock } from '../storage/keyed-lock.js';
import { checkClientActivity } from '../server/activity-guard.js';
import { describeErrorForLog } from '../logging/describe-error.js';
import { LocalDirectLineStore } from './local-direct-line-store.js';

export const LOCAL_DIRECT_LINE_PATH = '/v3/directline';
const CONNECTOR_PATH = '/local-connector';
const TOKEN_LIFETIME_SECONDS = 3600;

export interface LocalDirectLineOptions {
  logger: Logger;
  /** Where this server listens, e.g. http://127.0.0.1:3978; known once it listens. */
  selfBaseUrl: () => string;
}

function bearer(req: Request): string {
  const header = req.headers.authorization ?? '';
  return header.startsWith('Bearer ') ? header.slice('Bearer '.length) : '';
}

/**
 * A Direct Line v3 subset for local development and tests (polling only). It plays both
 * sides of Azure Bot Service: towards Web Chat it is Direct Line; towards the bot it posts
 * activities to /api/messages with a serviceUrl pointing back at itself, and takes the bot's
 * replies on the Bot Connector routes. The bot therefore runs exactly the production path.
 */
export class LocalDirectLine {
  readonly store = new LocalDirectLineStore();
  private readonly inOrder = new KeyedLock();

  constructor(private readonly options: LocalDirectLineOptions) {}

  /** A token and the new conversation it is for. */
  issueToken(userId: string): { token: string; conversationId: string } {
    return this.store.issueToken(userId);
  }

  /** The token of the person's conversation, when it is still here; undefined: start a new one. */
  resumeToken(conversationId: string, userId: string): string | undefined {
    return this.store.resume(conversationId, userId)?.token;
  }

  register(server: Server): void {
    server.post(`${LOCAL_DIRECT_LINE_PATH}/conversations`, async (req: Request, res: Response) => {
      const conversation = this.store.start(bearer(req));
      if (!conversation) {
        res.send(403, { error: { code: 'BadToken', message: 'unknown or missing token' } });
        return;
      }
      res.send(201, { conversationId: conversation.id, token: conversation.token, expires_in: TOKEN_LIFETIME_SECONDS });
    });

    server.post(`${LOCAL_DIRECT_LINE_PATH}/tokens/refresh`, async (req: Request, res: Response) => {
      const token = bearer(req);
      if (!this.store.userForToken(token)) {
        res.send(403, { error: { code: 'BadToken', message: 'unknown token' } });
        return;
      }
      res.send(200, { token, expires_in: TOKEN_LIFETIME_SECONDS });
    });

    server.get(`${LOCAL_DIRECT_LINE_PATH}/conversations/:conversationId`, async (req: Request, res: Response) => {
      const conversation = this.store.authorised(String(req.params['conversationId']), bearer(req));
      if (!conversation) {
        res.send(403, { error: { code: 'BadToken', message: 'not your conversation' } });
        return;
      }
      res.send(200, { conversationId: conversation.id, token: conversation.token, expires_in: TOKEN_LIFETIME_SECONDS });
    });

    server.get(`${LOCAL_DIRECT_LINE_PATH}/conversations/:conversationId/activities`, async (req: Request, res: Response) => {
      const conversation = this.store.authorised(String(req.params['conversationId']), bearer(req));
      if (!conversation) {
        res.send(403, { error: { code: 'BadToken', message: 'not your conversation' } });
        return;
      }
      // No query parser plugin on this server: read the watermark from the URL itself.
      const watermark = Number(new URL(req.url ?? '', 'http://local').searchParams.get('watermark') ?? 0);
      res.send(200, this.store.since(conversation, watermark));
    });

    server.post(`${LOCAL_DIRECT_LINE_PATH}/conversations/:conversationId/activities`, async (req: Request, res: Response) => {
      const conversation = this.store.authorised(String(req.params['conversationId']), bearer(req));
      if (!conversation) {
        res.send(403, { error: { code: 'BadToken', message: 'not your conversation' } });
        return;
      }
      const verdict = checkClientActivity(req.body);
      if (!verdict.ok) {
        res.send(400, { error: { code: 'BadArgument', message: verdict.reason } });
        return;
      }
      const incoming = req.body as Partial<Activity>;
      // The person is who the token says, whatever the body claims.
      const from = { id: conversation.userId, role: 'user' } as Activity['from'];
      const id = this.store.append(conversation, { ...incoming, from });
      res.send(200, { id });
      void this.inOrder.run(conversation.id, () => this.deliverToBot({ ...incoming, id, from }, conversation.id));
    });

    const reply = async (req: Request, res: Response) => {
      const conversation = this.store.get(String(req.params['conversationId']));
      if (!conversation) {
        res.send(404, { error: { code: 'NotFound', message: 'no such conversation' } });
        return;
      }
      const activity = req.body as Partial<Activity>;
      const id = this.store.append(conversation, { ...activity, from: { id: 'bot', name: 'Guide', role: 'bot' } as Activity['from'] });
      res.send(200, { id });
    };
    server.post(`${CONNECTOR_PATH}/v3/conversations/:conversationId/activities`, reply);
    server.post(`${CONNECTOR_PATH}/v3/conversations/:conversationId/activities/:activityId`, reply);
  }

  /** What Azure Bot Service does: post the activity to the bot's messaging endpoint. */
  private async deliverToBot(activity: Partial<Activity>, conversationId: string): Promise<void> {
    const base = this.options.selfBaseUrl();
    const body: Partial<Activity> = {
      ...activity,
      channelId: 'webchat',
      serviceUrl: `${base}${CONNECTOR_PATH}`,
      recipient: { id: 'bot', name: 'Guide', role: 'bot' } as Activity['recipient'],
      conversation: { id: conversationId } as Activity['conversation'],
      timestamp: new Date(),
    };
    try {
      const response = await fetch(`${base}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (!response.ok)
        this.options.logger.warn({ event: 'directline.deliver.failed', status: response.status }, 'bot refused an activity');
    } catch (error) {
      this.options.logger.error({ event: 'directline.deliver.error', error: describeErrorForLog(error) }, 'could not reach the bot');
    }
  }
}
