import { ActivityTypes, DeliveryModes, type Activity, type Middleware, type TurnContext } from 'botbuilder';
import { capabilitiesOf } from '../../dialogs/renderers/capabilities.js';
import { describeErrorForLog } from '../logging/describe-error.js';
import type { Logger } from '../logging/logger.js';

/**
 * Whether a turn shows the person that the bot is working: a message (typed, a button, a card)
 * on a channel that shows typing, whose replies are sent one by one. With `expectReplies` the
 * replies come back in one response, so an indicator would only arrive with them.
 */
export function showsTyping(activity: Partial<Activity>): boolean {
  return (
    activity.type === ActivityTypes.Message &&
    activity.deliveryMode !== DeliveryModes.ExpectReplies &&
    capabilitiesOf(activity.channelId).typingIndicator
  );
}

/**
 * Sends one `typing` activity as a message turn starts (Web Chat and Teams show it until the
 * next reply). It says nothing, so ReplyAfterSave lets it out at once, before the save, and
 * sends the held replies after it. Not awaited before the turn runs, so the reply is not
 * delayed by it; awaited before the turn ends, so it never outlives the turn. Registered last:
 * it passes every send handler (the transcript drops typing).
 */
export class TypingIndicator implements Middleware {
  constructor(private readonly logger: Logger) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    if (!showsTyping(context.activity)) return next();
    const typing = context.sendActivity({ type: ActivityTypes.Typing }).then(
      () => undefined,
      // The replies are what matters: an indicator that failed to go is only noted.
      (error: unknown) =>
        this.logger.warn(
          { event: 'typing.failed', channelId: context.activity.channelId, error: describeErrorForLog(error) },
          'typing indicator not sent',
        ),
    );
    try {
      await next();
    } finally {
      await typing;
    }
  }
}
