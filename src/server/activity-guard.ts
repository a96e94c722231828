import { z } from 'zod';

/**
 * The shape an incoming activity needs before it is worth handing to the adapter. The adapter
 * would throw on wrong-typed fields; checking first lets us answer 400 with a reason.
 */
const channelAccount = z.object({ id: z.string().min(1).max(512) }).loose();

const incomingActivitySchema = z
  .object({
    type: z.string().min(1).max(64),
    channelId: z.string().min(1).max(64).optional(),
    serviceUrl: z.string().max(2048).optional(),
    text: z.string().max(20_000).optional(),
    from: channelAccount.optional(),
    recipient: channelAccount.optional(),
    conversation: z.object({ id: z.string().min(1).max(512) }).loose().optional(),
    deliveryMode: z.string().max(32).optional(),
  })
  .loose();

export type GuardResult = { ok: true } | { ok: false; reason: string };

export function checkIncomingActivity(body: unknown): GuardResult {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, reason: 'the body must be a JSON object (a Bot Framework activity)' };
  }
  const parsed = incomingActivitySchema.safeParse(body);
  if (parsed.success) return { ok: true };
  const issue = parsed.error.issues[0];
  return { ok: false, reason: `activity.${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}` };
}
