import { z } from 'zod';

/*
 * The shape an incoming activity needs before it is worth handing to the adapter. The adapter
 * and the bot would throw on missing or wrong-typed fields (a failed turn, or a reply the
 * connector refuses to serialise); checking first lets us answer 400 with a reason. The
 * fields checked are those the fuzz suite (test/fuzz) found the adapter or the bot to trip on.
 */

/** Half of a surrogate pair on its own: ids go into the connector's URLs, and encodeURIComponent throws on it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const wellFormed = (value: string) => !LONE_SURROGATE.test(value);
const identifier = (min: number, max: number) =>
  z.string().min(min).max(max).refine(wellFormed, { message: 'not well-formed Unicode (a lone surrogate)' });
const id = identifier(1, 512);
/** Descriptive fields: a channel may send them, the connector copies them into replies as strings. */
const label = z.string().max(1024).nullish();

const channelAccount = z.object({ id, name: label, role: label, aadObjectId: label }).loose();
const conversationAccount = z
  .object({ id, name: label, role: label, aadObjectId: label, conversationType: label, tenantId: label, isGroup: z.boolean().nullish() })
  .loose();

/** Every entity has a type (botbuilder lower-cases it); a mention says whom it mentions. */
const entity = z
  .object({ type: z.string().max(256), mentioned: channelAccount.optional() })
  .loose()
  .refine((value) => value.type.toLowerCase() !== 'mention' || value.mentioned !== undefined, {
    message: 'a mention entity needs mentioned.id',
    path: ['mentioned'],
  });
const attachment = z.object({ contentType: z.string().max(256) }).loose();

const fields = {
  type: z.string().min(1).max(64),
  id: identifier(0, 1024).optional(),
  channelId: z.string().min(1).max(64),
  serviceUrl: z.url({ protocol: /^https?$/ }).max(2048),
  text: z.string().max(20_000).optional(),
  from: channelAccount,
  recipient: channelAccount,
  conversation: conversationAccount,
  deliveryMode: z.string().max(32).optional(),
  replyToId: identifier(0, 1024).optional(),
  locale: z.string().max(64).nullish(),
  name: z.string().max(256).optional(),
  entities: z.array(entity).optional(),
  attachments: z.array(attachment).optional(),
  membersAdded: z.array(channelAccount).optional(),
  membersRemoved: z.array(channelAccount).optional(),
  channelData: z.record(z.string(), z.unknown()).nullish(),
};

/** Teams always sends channelData, and botbuilder's Teams handler reads it without a check. */
function teamsChannelData(activity: { channelId?: string | undefined; channelData?: unknown }, context: z.RefinementCtx): void {
  if (activity.channelId === 'msteams' && (typeof activity.channelData !== 'object' || activity.channelData === null)) {
    context.addIssue({ code: 'custom', path: ['channelData'], message: 'an msteams activity carries channelData' });
  }
}

/** An activity as a channel posts it to /api/messages: addressed, so the bot can key state and reply. */
const channelActivitySchema = z.object(fields).loose().superRefine(teamsChannelData);

/**
 * An activity as a Direct Line client posts it: the server fills in the channel, the service
 * URL, the conversation, the sender and the recipient before it reaches /api/messages.
 */
const clientActivitySchema = z
  .object({
    ...fields,
    channelId: fields.channelId.optional(),
    serviceUrl: fields.serviceUrl.optional(),
    from: fields.from.optional(),
    recipient: fields.recipient.optional(),
    conversation: fields.conversation.optional(),
  })
  .loose()
  .superRefine(teamsChannelData);

export type GuardResult = { ok: true } | { ok: false; reason: string };

function check(schema: z.ZodType, body: unknown): GuardResult {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, reason: 'the body must be a JSON object (a Bot Framework activity)' };
  }
  const parsed = schema.safeParse(body);
  if (parsed.success) return { ok: true };
  const issue = parsed.error.issues[0];
  return { ok: false, reason: `activity.${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}` };
}

/** For POST /api/messages: a whole activity from a channel. */
export function checkIncomingActivity(body: unknown): GuardResult {
  return check(channelActivitySchema, body);
}

/** For the local Direct Line: what Web Chat posts, before the server addresses it. */
export function checkClientActivity(body: unknown): GuardResult {
  return check(clientActivitySchema, body);
}
