import type { Activity, Middleware, TranscriptStore, TurnContext } from 'botbuilder';
import type { Logger } from '../logging/logger.js';
import { describeErrorForLog } from '../server/adapter.js';
import { FORGET_THIS_TURN } from './turn-flags.js';
import { KeyedLock } from '../storage/keyed-lock.js';

/**
 * Keeps the conversation (what the person sent and what the bot answered) in the transcript
 * store, written after the turn. Unlike botbuilder's TranscriptLoggerMiddleware it can erase:
 * on a "forget me" turn it deletes the conversation's transcript and writes nothing back.
 *
 * The write is started, not awaited: the reply does not wait for the transcript (the state,
 * which the next turn needs, is saved before the reply). The store keeps one conversation's
 * appends and erasure in order; `flush` waits for everything started, before a shutdown.
 */
export class TranscriptRecorder implements Middleware {
  private readonly pending = new Set<Promise<void>>();
  private readonly order = new KeyedLock();

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
    // One conversation's writes and its erasure run in the order of its turns.
    const inOrder = <T>(task: () => Promise<T>) => this.order.run(`${channelId}/${conversation.id}`, task);
    if (context.turnState.get(FORGET_THIS_TURN)) {
      // Erasure is awaited: when the bot says it has forgotten, the transcript is gone.
      await inOrder(() => this.store.deleteTranscript(channelId, conversation.id)).catch((error: unknown) => this.reportFailure(error));
      return;
    }
    const write = inOrder(() => this.record(context, turn, channelId, conversation)).catch((error: unknown) => this.reportFailure(error));
    this.pending.add(write);
    void write.finally(() => this.pending.delete(write));
  }

  /** Resolves when every transcript write started so far has finished. */
  async flush(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  private async record(context: TurnContext, turn: Partial<Activity>[], channelId: string, conversation: Activity['conversation']): Promise<void> {
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
  }

  /** A transcript that cannot be written must not fail the person's turn. */
  private reportFailure(error: unknown): void {
    this.logger.error({ event: 'transcript.error', error: describeErrorForLog(error) }, 'transcript not written');
  }
}
