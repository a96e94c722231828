import { z } from 'zod';
import { readReplyId } from './render.js';

/**
 * The parts of a WhatsApp Cloud API webhook the bot reads. Loose: Meta adds fields, and
 * anything not understood here is ignored rather than refused.
 */
const messageSchema = z
  .object({
    // The phone number; since April 2026 a person with a username may come without one, with
    // only their business-scoped user id (BSUID, e.g. "US.13491208655302741918").
    from: z.string().min(1).max(32).optional(),
    from_user_id: z.string().min(1).max(160).optional(),
    id: z.string().min(1).max(256),
    timestamp: z.string().optional(),
    type: z.string().min(1).max(32),
    text: z
      .object({ body: z.string().max(65_536) })
      .loose()
      .optional(),
    interactive: z
      .object({
        type: z.string(),
        button_reply: z.object({ id: z.string(), title: z.string() }).loose().optional(),
        list_reply: z.object({ id: z.string(), title: z.string() }).loose().optional(),
      })
      .loose()
      .optional(),
  })
  .loose();

export const webhookSchema = z
  .object({
    object: z.string(),
    entry: z.array(
      z
        .object({
          changes: z.array(
            z
              .object({
                field: z.string().optional(),
                value: z
                  .object({
                    contacts: z.array(z.unknown()).optional(),
                    messages: z.array(z.unknown()).optional(),
                    statuses: z.array(z.unknown()).optional(),
                  })
                  .loose(),
              })
              .loose(),
          ),
        })
        .loose(),
    ),
  })
  .loose();

export type InboundMessage = z.infer<typeof messageSchema>;

const contactSchema = z.object({ wa_id: z.string().min(1).max(32).optional(), user_id: z.string().min(1).max(160).optional() }).loose();

/** A BSUID: a two-letter country code, a dot (and "ENT." for a parent id), then letters and digits. */
export const BSUID = /^[A-Z]{2}\.(ENT\.)?[A-Za-z0-9]{1,128}$/;

/** What a person sent, reduced to what the bot needs. */
export interface InboundTurn {
  messageId: string;
  /**
   * Who the person is, for the conversation and for replies: the phone number when Meta gives
   * one (so existing conversations carry on), else the BSUID. A BSUID is never a phone number.
   */
  waId: string;
  /** Typed text, or the choice of the reply button or list row pressed. */
  text?: string;
  /** The question a pressed button or row was shown with. */
  questionId?: string;
  /** A photo, voice note, sticker...: something the bot cannot read. */
  unsupportedType?: string;
}

/** How many messages a webhook carries, read or not (delivery statuses are not messages). */
export function messageCount(payload: z.infer<typeof webhookSchema>): number {
  let count = 0;
  for (const entry of payload.entry) for (const change of entry.changes) count += change.value.messages?.length ?? 0;
  return count;
}

/**
 * The messages of a webhook, skipping delivery statuses and anything malformed; at most
 * `maxMessages` of them are read (the first ones, in the webhook's order).
 */
export function inboundTurns(payload: z.infer<typeof webhookSchema>, maxMessages = Number.POSITIVE_INFINITY): InboundTurn[] {
  const turns: InboundTurn[] = [];
  let read = 0;
  for (const entry of payload.entry) {
    for (const change of entry.changes) {
      const contacts = (change.value.contacts ?? []).map((raw) => contactSchema.safeParse(raw)).flatMap((c) => (c.success ? [c.data] : []));
      for (const raw of change.value.messages ?? []) {
        if (read++ >= maxMessages) return turns;
        const parsed = messageSchema.safeParse(raw);
        if (!parsed.success) continue;
        const message = parsed.data;
        const sender =
          message.from ?? message.from_user_id ?? (contacts.length === 1 ? (contacts[0]!.wa_id ?? contacts[0]!.user_id) : undefined);
        if (!sender) continue;
        const base = { messageId: message.id, waId: sender };
        if (message.type === 'text' && message.text) turns.push({ ...base, text: message.text.body });
        else if (message.type === 'interactive' && (message.interactive?.button_reply || message.interactive?.list_reply)) {
          const { answer, questionId } = readReplyId((message.interactive.button_reply ?? message.interactive.list_reply)!.id);
          turns.push({ ...base, text: answer, ...(questionId !== undefined ? { questionId } : {}) });
        } else turns.push({ ...base, unsupportedType: message.type });
      }
    }
  }
  return turns;
}
