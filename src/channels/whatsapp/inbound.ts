import { z } from 'zod';

/**
 * The parts of a WhatsApp Cloud API webhook the bot reads. Loose: Meta adds fields, and
 * anything not understood here is ignored rather than refused.
 */
const messageSchema = z
  .object({
    from: z.string().min(1).max(32),
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

/** What a person sent, reduced to what the bot needs. */
export interface InboundTurn {
  messageId: string;
  waId: string;
  /** Typed text, or the id of the reply button or list row (the full choice title). */
  text?: string;
  /** A photo, voice note, sticker...: something the bot cannot read. */
  unsupportedType?: string;
}

/** The messages of a webhook, skipping delivery statuses and anything malformed. */
export function inboundTurns(payload: z.infer<typeof webhookSchema>): InboundTurn[] {
  const turns: InboundTurn[] = [];
  for (const entry of payload.entry) {
    for (const change of entry.changes) {
      for (const raw of change.value.messages ?? []) {
        const parsed = messageSchema.safeParse(raw);
        if (!parsed.success) continue;
        const message = parsed.data;
        const base = { messageId: message.id, waId: message.from };
        if (message.type === 'text' && message.text) turns.push({ ...base, text: message.text.body });
        else if (message.type === 'interactive' && message.interactive?.button_reply)
          turns.push({ ...base, text: message.interactive.button_reply.id });
        else if (message.type === 'interactive' && message.interactive?.list_reply)
          turns.push({ ...base, text: message.interactive.list_reply.id });
        else turns.push({ ...base, unsupportedType: message.type });
      }
    }
  }
  return turns;
}
