import { randomBytes } from 'node:crypto';
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import type { Logger } from '../logging/logger.js';
import { LOCAL_DIRECT_LINE_PATH, type LocalDirectLine } from './local-direct-line.js';
import { MAX_TICKET_LENGTH, type ResumeTickets } from './resume-ticket.js';

export interface TokenRouteOptions {
  logger: Logger;
  /** Signs and checks the resume tickets (resume-ticket.ts). */
  tickets: ResumeTickets;
  /** Production: the Direct Line secret and service; the secret never leaves the server. */
  secret?: string;
  directLineBase: string;
  /** Local development: tokens of the in-process Direct Line. */
  local?: LocalDirectLine;
}

const tokenRequestSchema = z
  .object({
    // The conversation the page had before a reload or an earlier visit: resumed only with its ticket.
    conversationId: z
      .string()
      .regex(/^[A-Za-z0-9_.|:-]{1,128}$/)
      .optional(),
    ticket: z
      .string()
      .max(MAX_TICKET_LENGTH)
      .regex(/^[A-Za-z0-9_.-]*$/)
      .optional(),
  })
  .loose();
const directLineTokenSchema = z.object({
  token: z.string().min(1),
  conversationId: z.string().min(1),
  expires_in: z.number().optional(),
});

/** A conversation the page may use: its token, and whether it is the one the page asked to resume. */
interface Session {
  token: string;
  conversationId: string;
  resumed: boolean;
}

/** Why the conversation the page asked for was not given: the ticket's own reasons, or a ticket for another conversation. */
type Refusal = 'missing' | 'malformed' | 'forged' | 'expired' | 'other-conversation';

/** The same answer for every refusal: a 4xx with a reason for a request that is not one. */
const INVALID_REQUEST = {
  error: 'invalid request',
  reason: 'conversationId: at most 128 letters, digits or - _ . | :; ticket: the one this route gave, as it gave it',
};

/**
 * POST /api/directline/token: what the page calls before starting Web Chat. Every answer is a
 * conversation of the caller's own: `{ token, domain, userId, conversationId, ticket, resumed }`.
 *
 * A new visitor gets a new user id (made here, never taken from the request) and a new
 * conversation. The ticket (resume-ticket.ts) names both; the page keeps it. With it, the page
 * may resume that conversation (`{ conversationId, ticket }`: a reload, a later visit) or start
 * another as the same person (`{ ticket }`: "Start a new chat", so "forget me" still erases
 * every conversation of theirs). A conversation asked for without its ticket, with a forged,
 * expired or another conversation's ticket, is never given: the caller gets a new conversation
 * (as a new visitor, unless the ticket proved who they are) and `resumeRefused` says why.
 */
export function registerTokenRoute(server: Server, { logger, tickets, secret, directLineBase, local }: TokenRouteOptions): void {
  /** Production: Direct Line, with the clinic's secret. */
  async function directLineSession(userId: string, resumeId: string | undefined): Promise<Session | 'unavailable'> {
    if (!secret) return 'unavailable';
    // Reconnect: Direct Line gives a fresh token for the conversation the page had.
    if (resumeId) {
      const resumed = await fetch(`${directLineBase}/v3/directline/conversations/${encodeURIComponent(resumeId)}`, {
        headers: { authorization: `Bearer ${secret}` },
        signal: AbortSignal.timeout(10_000),
      });
      const body = directLineTokenSchema.safeParse(await resumed.json().catch(() => undefined));
      if (resumed.ok && body.success && body.data.conversationId === resumeId) {
        return { token: body.data.token, conversationId: resumeId, resumed: true };
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
      return 'unavailable';
    }
    return { token: body.data.token, conversationId: body.data.conversationId, resumed: false };
  }

  /** Development: the in-process Direct Line. */
  function localSession(localDirectLine: LocalDirectLine, userId: string, resumeId: string | undefined): Session {
    const resumedToken = resumeId ? localDirectLine.resumeToken(resumeId, userId) : undefined;
    if (resumeId && resumedToken) return { token: resumedToken, conversationId: resumeId, resumed: true };
    return { ...localDirectLine.issueToken(userId), resumed: false };
  }

  server.post('/api/directline/token', async (req: Request, res: Response) => {
    const parsed = tokenRequestSchema.safeParse(req.body ?? {});
    if (!parsed.success) {
      res.send(400, INVALID_REQUEST);
      return;
    }
    if (!secret && !local) {
      res.send(503, { error: 'chat is not configured on this server (DIRECT_LINE_SECRET is not set)' });
      return;
    }
    const { conversationId: asked, ticket } = parsed.data;
    const proof = tickets.check(ticket);
    // The user id is the visitor's only when their ticket says so; Direct Line wants it to start with dl_.
    const userId = proof.ok ? proof.userId : `dl_${randomBytes(12).toString('hex')}`;
    let refusal: Refusal | undefined;
    if (asked !== undefined && !(proof.ok && proof.conversationId === asked)) {
      refusal = proof.ok ? 'other-conversation' : proof.reason;
      // Never the ids: the reason is enough to tell a stale page from someone trying ids.
      logger.info({ event: 'directline.resume.refused', reason: refusal }, 'conversation not resumed: no valid ticket for it');
    }
    const resumeId = refusal === undefined ? asked : undefined;

    let session: Session | 'unavailable';
    try {
      session = secret ? await directLineSession(userId, resumeId) : localSession(local!, userId, resumeId);
    } catch {
      logger.warn({ event: 'directline.token.unreachable' }, 'Direct Line did not answer');
      session = 'unavailable';
    }
    if (session === 'unavailable') {
      res.send(502, { error: 'the chat service is not available right now' });
      return;
    }
    res.send(200, {
      token: session.token,
      domain: secret ? `${directLineBase}/v3/directline` : LOCAL_DIRECT_LINE_PATH,
      userId,
      conversationId: session.conversationId,
      // A fresh ticket every time, so the RETENTION_DAYS a ticket lasts count from the last visit.
      ticket: tickets.issue(userId, session.conversationId),
      resumed: session.resumed,
      ...(refusal ? { resumeRefused: refusal } : {}),
    });
  });
}
