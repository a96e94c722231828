import type { Activity, Middleware, TranscriptStore, TurnContext } from 'botbuilder';
import type { Logger } from '../logging/logger.js';
import { describeErrorForLog } from '../server/adapter.js';
import { FORGET_THIS_TURN } from './turn-flags.js';

/**
 * Keeps the conversation (what the person sent and what the bot answered) in the transcript
 * store, written after the turn. Unlike botbuilder's TranscriptLoggerMiddleware it can erase:
 * on a "forget me" turn it deletes the conversation's transcript and writes nothing back.
 */
export class TranscriptRecorder implements Middleware {
  constructor(
    private readonly store: TranscriptStore,
    private readonly logger: Logger,
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const turn: Partial<Activity>[] = [{ ...context.activity }];
    context.onSendActivities(async (_context, activities, send) => {
      const responses = await send();
      activities.forEach((activity, i) => turn.push({ ...activity, id: responses[i]?.id ?? activity.id }));
      return responses;
    });
    await next();

    const { channelId, conversation } = context.activity;
    if (!channelId || !conversation?.id) return;
    try {
      if (context.turnState.get(FORGET_THIS_TURN)) {
        await this.store.deleteTranscript(channelId, conversation.id);
        return;
      }
      const entries = turn
        .filter((activity) => activity.type !== 'typing')
        .map(
          (activity, index) =>
            ({
              ...activity,
              id: activity.id || `${context.activity.id ?? 'turn'}-${index}`,
              channelId,
              conversation: activity.conversation ?? conversation,
              timestamp: activity.timestamp ?? new Date(),
            }) as Activity,
        );
      // A store that can take the whole turn at once gets it in one write.
      const batch = (this.store as Partial<{ logActivities: (activities: Activity[]) => Promise<void> }>).logActivities;
      if (batch) await batch.call(this.store, entries);
      else for (const entry of entries) await this.store.logActivity(entry);
    } catch (error) {
      // A transcript that cannot be written must not fail the person's turn.
      this.logger.error({ event: 'transcript.error', error: describeErrorForLog(error) }, 'transcript not written');
    }
  }
}
