import { randomBytes } from 'node:crypto';
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import type { Logger } from '../logging/logger.js';
import { LOCAL_DIRECT_LINE_PATH, type LocalDirectLine } from './local-direct-line.js';

export interface TokenRouteOptions {
  logger: Logger;
  /** Production: the Direct Line secret and service; the secret never leaves the server. */
  secret?: string;
  directLineBase: string;
  /** Local development: tokens of the in-process Direct Line. */
  local?: LocalDirectLine;
}

const tokenRequestSchema = z
  .object({
    userId: z
      .string()
      .regex(/^[A-Za-z0-9_-]{8,64}$/)
      .optional(),
    // The conversation the page had before a reload or an earlier visit: resumed when it still exists.
    conversationId: z
      .string()
      .regex(/^[A-Za-z0-9_.|:-]{1,128}$/)
      .optional(),
  })
  .loose();
const directLineTokenSchema = z.object({
  token: z.string().min(1),
  conversationId: z.string().optional(),
  expires_in: z.number().optional(),
});

/**
 * POST /api/directline/token: what the page calls before starting Web Chat. With a secret it
 * exchanges it for a conversation token at Direct Line (user id bound into the token); in local
 * mode it issues a token of the in-process Direct Line. Answers `{ token, domain, userId }`, and
 * `conversationId` when the conversation the page asked for (a reload, a later visit) was resumed.
 */
export function registerTokenRoute(server: Server, { logger, secret, directLineBase, local }: TokenRouteOptions): void {
  server.post('/api/directline/token', async (req: Request, res: Response) => {
    const parsed = tokenRequestSchema.safeParse(req.body ?? {});
    if (!parsed.success) {
      res.send(400, {
        error: 'invalid request',
        reason: 'userId: 8 to 64 letters, digits, - or _; conversationId: at most 128 of those or . | :',
      });
      return;
    }
    // Direct Line wants user ids that start with dl_ when they come from a token request.
    const userId = `dl_${parsed.data.userId ?? randomBytes(12).toString('hex')}`;

    const resumeId = parsed.data.userId ? parsed.data.conversationId : undefined;
    if (secret) {
      try {
        // Reconnect: Direct Line gives a fresh token for the conversation the page had.
        if (resumeId) {
          const resumed = await fetch(`${directLineBase}/v3/directline/conversations/${encodeURIComponent(resumeId)}`, {
            headers: { authorization: `Bearer ${secret}` },
            signal: AbortSignal.timeout(10_000),
          });
          const body = directLineTokenSchema.safeParse(await resumed.json().catch(() => undefined));
          if (resumed.ok && body.success) {
            res.send(200, { token: body.data.token, domain: `${directLineBase}/v3/directline`, userId, conversationId: resumeId });
            return;
          }
        }
        const response = await fetch(`${directLineBase}/v3/directline/tokens/generate`, {
          method: 'POST',
          headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
          body: JSON.stringify({ user: { id: userId } }),
          signal: AbortSignal.timeout(10_000),
        });
        const body = directLineTokenSchema.safeParse(await response.json().catch(() => undefined));
        if (!response.ok || !body.success) {
          logger.warn({ event: 'directline.token.refused', status: response.status }, 'Direct Line refused the token request');
          res.send(502, { error: 'the chat service is not available right now' });
          return;
        }
        res.send(200, { token: body.data.token, domain: `${directLineBase}/v3/directline`, userId });
        return;
      } catch {
        logger.warn({ event: 'directline.token.unreachable' }, 'Direct Line did not answer');
        res.send(502, { error: 'the chat service is not available right now' });
        return;
      }
    }
    if (local) {
      const resumed = resumeId ? local.resumeToken(resumeId, userId) : undefined;
      if (resumed) {
        res.send(200, { token: resumed, domain: LOCAL_DIRECT_LINE_PATH, userId, conversationId: resumeId });
        return;
      }
      res.send(200, { token: local.issueToken(userId), domain: LOCAL_DIRECT_LINE_PATH, userId });
      return;
    }
    res.send(503, { error: 'chat is not configured on this server (DIRECT_LINE_SECRET is not set)' });
    return;
  });
}
