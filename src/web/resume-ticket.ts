import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/**
 * A resume ticket: what the page keeps (with the conversation id) to prove, on a later visit,
 * that the conversation is its own. Without it a conversation id is enough to read someone's
 * health answers and carry on their chat, and ids travel (activities, the browser, support
 * tickets). The ticket is `payload.signature`: the payload names the visitor's user id, the
 * conversation and when the ticket expires; the signature is an HMAC-SHA256 under a server key.
 */

const DAY_MS = 24 * 60 * 60 * 1000;
/** Far longer than any ticket this server writes, short enough that a hostile one costs nothing to refuse. */
export const MAX_TICKET_LENGTH = 1024;

const payloadSchema = z.object({
  u: z.string().min(1).max(128),
  c: z.string().min(1).max(128),
  e: z.number().int().positive(),
});

export type TicketCheck =
  | { ok: true; userId: string; conversationId: string }
  | {
      ok: false;
      /** Why, for the answer and the log: never the ids themselves. */
      reason: 'missing' | 'malformed' | 'forged' | 'expired';
    };

export interface ResumeTicketOptions {
  key: Buffer;
  /** How long a ticket is good for: the page resumes within RETENTION_DAYS, after that the conversation is gone. */
  lifetimeDays: number;
  clock: () => Date;
}

/**
 * The key tickets are signed with. From the Direct Line secret when there is one (every instance
 * shares it, so a ticket written by one is good on another and after a restart; rotating the
 * secret ends every ticket, and pages then start new conversations); otherwise random for this
 * process, which is all the local Direct Line needs (its conversations live in memory).
 * Derived with a label, so a ticket's signature reveals nothing about the secret itself.
 */
export function resumeTicketKey(directLineSecret: string | undefined): Buffer {
  const root = directLineSecret ?? randomBytes(32).toString('hex');
  return createHmac('sha256', root).update('microneedling-guide resume ticket v1').digest();
}

export class ResumeTickets {
  constructor(private readonly options: ResumeTicketOptions) {}

  issue(userId: string, conversationId: string): string {
    const expires = this.options.clock().getTime() + this.options.lifetimeDays * DAY_MS;
    const payload = Buffer.from(JSON.stringify({ u: userId, c: conversationId, e: expires })).toString('base64url');
    return `${payload}.${this.sign(payload).toString('base64url')}`;
  }

  /** The user and conversation a ticket vouches for, or why it vouches for nothing. */
  check(ticket: string | undefined): TicketCheck {
    if (ticket === undefined || ticket === '') return { ok: false, reason: 'missing' };
    if (ticket.length > MAX_TICKET_LENGTH) return { ok: false, reason: 'malformed' };
    const [payload, signature, extra] = ticket.split('.');
    if (!payload || !signature || extra !== undefined) return { ok: false, reason: 'malformed' };
    const given = Buffer.from(signature, 'base64url');
    const expected = this.sign(payload);
    // The signature first, so nothing of an unsigned payload is even parsed.
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'forged' };
    let decoded: unknown;
    try {
      decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      return { ok: false, reason: 'malformed' };
    }
    const parsed = payloadSchema.safeParse(decoded);
    if (!parsed.success) return { ok: false, reason: 'malformed' };
    if (parsed.data.e <= this.options.clock().getTime()) return { ok: false, reason: 'expired' };
    return { ok: true, userId: parsed.data.u, conversationId: parsed.data.c };
  }

  private sign(payload: string): Buffer {
    return createHmac('sha256', this.options.key).update(payload).digest();
  }
}
