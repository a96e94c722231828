import { ActivityTypes, type Activity, type Middleware, type TurnContext } from 'botbuilder';
import type { Logger } from '../logging/logger.js';
import type { Strings } from '../strings/index.js';
import { describeErrorForLog } from '../logging/describe-error.js';
import { TokenBuckets } from './rate-limit.js';

/** RATE_LIMIT_PER_CONVERSATION counts messages per this many seconds. */
export const CONVERSATION_WINDOW_SECONDS = 10;

export interface ConversationRateLimitOptions {
  /** RATE_LIMIT_PER_CONVERSATION: messages per CONVERSATION_WINDOW_SECONDS; 0 turns it off. */
  perWindow: number;
  now: () => number;
  strings: Strings;
  logger: Logger;
  /** True when a message holds a red flag (the safety module's watch): such a message is never held back. */
  raisesRedFlag: (activity: Activity) => boolean;
}

/**
 * The per-conversation limit, as the FIRST adapter middleware (on CloudAdapter and on the
 * WhatsApp adapter, whose conversation is the sender's wa_id). It runs after the request is
 * authenticated, so a forged activity cannot use up a real person's allowance, and before
 * everything else: a message over the limit reaches neither the transcript (a flood does not
 * fill the store) nor the bot (no dialog step, no state read or written).
 *
 * The bucket holds `perWindow` messages (a burst: 20 by default) and refills at `perWindow`
 * per 10 s (2 a second). That is far above what a person can type or tap, even someone
 * writing in a hurry because something is wrong; only a script or a stuck client is held
 * back. And a message over the limit that holds a red flag goes through anyway: the red-flag
 * watch covers every free-text message (SAFETY-SPEC), and its check costs microseconds.
 *
 * Over the limit the person gets ONE reply, the first time (`rateLimited`, which also points
 * to emergency services, because messages dropped here are not read by the red-flag watch);
 * further messages are dropped silently until they have slowed down enough for the bucket to
 * fill again. The turn still ends normally, so the HTTP answer is 200 (with `expectReplies`,
 * the notice or an empty list): Bot Connector treats other statuses as failures and retries.
 * Only messages count: typing, conversation updates and events are not a person flooding.
 */
export class ConversationRateLimit implements Middleware {
  private readonly buckets: TokenBuckets | undefined;

  constructor(private readonly options: ConversationRateLimitOptions) {
    const { perWindow, now } = options;
    this.buckets =
      perWindow > 0 ? new TokenBuckets({ capacity: perWindow, refillPerSecond: perWindow / CONVERSATION_WINDOW_SECONDS, now }) : undefined;
  }

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const activity = context.activity;
    if (!this.buckets || activity.type !== ActivityTypes.Message) return next();
    const result = this.buckets.take(`${activity.channelId}/${activity.conversation?.id ?? ''}`);
    if (result.allowed || this.options.raisesRedFlag(activity)) return next();
    if (!result.firstRefusal) return;
    this.options.logger.warn({ event: 'ratelimit.conversation', channelId: activity.channelId }, 'conversation over its message rate');
    try {
      await context.sendActivity(this.options.strings('rateLimited'));
    } catch (error) {
      this.options.logger.error(
        { event: 'ratelimit.notice-failed', error: describeErrorForLog(error) },
        'could not tell the person to slow down',
      );
    }
  }
}
