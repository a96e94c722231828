import type { Activity, Middleware, TranscriptStore, TurnContext } from 'botbuilder';
import type { Logger } from '../logging/logger.js';
import { describeErrorForLog } from '../logging/describe-error.js';
import { ERASE_TRANSCRIPT, FORGET_OTHER_CONVERSATIONS, FORGET_THIS_TURN, KEEP_NO_TRANSCRIPT } from './turn-flags.js';
import { KeyedLock } from '../storage/keyed-lock.js';

/** Transcript writes allowed in flight before a turn waits for its own. */
const MAX_PENDING_WRITES = 1_000;
/**
 * How long a conversation's turns are gathered before one append writes them: a person typing
 * quickly (or the benchmark) then costs one file open and close for several turns, not one each.
 */
const GATHER_MS = 20;
/** Turns gathered across conversations before they are written without waiting. */
const MAX_GATHERED_TURNS = 500;

/** What the transcript keeps of one turn: both sides, without typing indicators, each with an id and time. */
function transcriptEntries(
  turn: Partial<Activity>[],
  turnId: string | undefined,
  channelId: string,
  conversation: Activity['conversation'],
): Activity[] {
  return turn
    .filter((activity) => activity.type !== 'typing')
    .map(
      (activity, index) =>
        ({
          ...activity,
          id: activity.id || `${turnId ?? 'turn'}-${index}`,
          channelId,
          conversation: activity.conversation ?? conversation,
          timestamp: activity.timestamp ?? new Date(),
        }) as Activity,
    );
}

/**
 * Keeps the conversation (what the person sent and what the bot answered) in the transcript
 * store, written after the turn. Unlike botbuilder's TranscriptLoggerMiddleware it can erase:
 * on a "forget me" turn it deletes the conversation's transcript and writes nothing back; on the
 * turn a person declines the terms it deletes what was kept of the conversation, and no turn of
 * theirs is written while they have declined.
 *
 * The write is not awaited: the reply does not wait for the transcript (the state, which the
 * next turn needs, is saved before the reply). A conversation's turns are gathered for 20 ms
 * and appended together; its appends and erasure run in order, and erasure drops what was
 * gathered and not yet written. `flush` writes what is gathered and waits for every write
 * started so far, before a shutdown, the retention sweep or a test's look at the files.
 */
export class TranscriptRecorder implements Middleware {
  private readonly pending = new Set<Promise<void>>();
  private readonly order = new KeyedLock();
  /** Entries of turns not yet written, by channel/conversation. */
  private readonly gathered = new Map<string, Activity[]>();
  private gatheredTurns = 0;
  private gatherTimer: NodeJS.Timeout | undefined;

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
    const { channelId, conversation, id: turnId } = context.activity;
    if (!channelId || !conversation?.id) return next();
    // One conversation's writes and its erasure run in the order of its turns.
    const inOrder = <T>(task: () => Promise<T>) => this.order.run(`${channelId}/${conversation.id}`, task);
    try {
      await next();
    } finally {
      // Erasure even when the rest of the turn failed: a person who asked to be forgotten is, and
      // one who declined the terms keeps nothing of the conversation either.
      // It is awaited: when the bot says it has forgotten, the transcript is gone.
      const forgotten = context.turnState.get(FORGET_THIS_TURN) === true;
      if (forgotten || context.turnState.get(ERASE_TRANSCRIPT)) {
        // Turns gathered and not yet written are dropped, never written after the erasure.
        this.gathered.delete(`${channelId}/${conversation.id}`);
        await inOrder(() => this.store.deleteTranscript(channelId, conversation.id)).catch((error: unknown) => this.reportFailure(error));
      }
      if (forgotten) {
        // The person's other conversations (an earlier visit of the website widget) go too.
        const others = (context.turnState.get(FORGET_OTHER_CONVERSATIONS) as string[] | undefined) ?? [];
        for (const other of others) {
          this.gathered.delete(`${channelId}/${other}`);
          await this.order
            .run(`${channelId}/${other}`, () => this.store.deleteTranscript(channelId, other))
            .catch((error: unknown) => this.reportFailure(error));
        }
      }
    }
    if (context.turnState.get(FORGET_THIS_TURN) || context.turnState.get(KEEP_NO_TRANSCRIPT)) return;

    // Built now: once the turn is over botbuilder revokes the context, and the write may wait.
    const entries = transcriptEntries(turn, turnId, channelId, conversation);
    const key = `${channelId}/${conversation.id}`;
    this.gathered.set(key, [...(this.gathered.get(key) ?? []), ...entries]);
    this.gatheredTurns += 1;
    if (this.gatheredTurns >= MAX_GATHERED_TURNS) this.writeGathered();
    else if (!this.gatherTimer) {
      this.gatherTimer = setTimeout(() => this.writeGathered(), GATHER_MS);
      this.gatherTimer.unref();
    }
    // Backpressure: if the store falls behind, turns wait for it rather than pile up in memory.
    if (this.pending.size > MAX_PENDING_WRITES) await Promise.race([...this.pending]);
  }

  /** Writes what is gathered, then resolves when every transcript write started so far has finished. */
  async flush(): Promise<void> {
    this.writeGathered();
    await Promise.all([...this.pending]);
  }

  /** Starts one append per conversation for the turns gathered so far. */
  private writeGathered(): void {
    if (this.gatherTimer) clearTimeout(this.gatherTimer);
    this.gatherTimer = undefined;
    this.gatheredTurns = 0;
    const batches = [...this.gathered.entries()];
    this.gathered.clear();
    for (const [key, entries] of batches) {
      const write = this.order.run(key, () => this.write(entries)).catch((error: unknown) => this.reportFailure(error));
      this.pending.add(write);
      void write.finally(() => this.pending.delete(write));
    }
  }

  private async write(entries: Activity[]): Promise<void> {
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
