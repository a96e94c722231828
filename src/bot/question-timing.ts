import type { StatePropertyAccessor, Storage, TurnContext } from 'botbuilder';
import { questionOfClick } from '../../dialogs/renderers/render-choices.js';
import { notePredates, noteUnreadableAtArrival, questionAskedThisTurn, type PendingQuestion } from '../turn/question-facts.js';
import { PENDING_QUESTION_PROPERTY } from '../turn/state-properties.js';

/**
 * Each answer is taken once (issue 17): a question is answered only by a message written after
 * the person could see it. A message that arrived while the turn asking the question was still
 * running (a double click, ten copies of one answer, the next answer typed ahead) was not
 * written to it, so it answers nothing by itself; what it names is still read.
 *
 * Ordered without wall clocks (issue 26), which step back (NTP) and differ between instances:
 * - each new question of a conversation gets the next number of a sequence saved with the
 *   conversation's state (`PendingQuestion.seq`);
 * - in this instance, arrivals and the release of a turn's replies take numbers from one
 *   counter that only goes up (`nextTick`), so "arrived before the question was shown" is exact;
 * - a question put by another instance (or before a restart) is compared with what the store
 *   held when the message arrived: the conversation's pending question is read at arrival, and a
 *   message that arrived before that question was saved answers nothing. Across instances the one
 *   gap left is the few milliseconds between another instance's save and its replies leaving;
 * - a pressed button says which question it was shown with (`questionOfClick`): a second tap
 *   (a double click arrives after the next question left as often as not) answers nothing else.
 */

const ARRIVAL = Symbol('arrival');
const NEWLY_PENDING = Symbol('newlyPending');

interface Arrival {
  tick: number;
  /** The pending question's number in the store when the message arrived; undefined when the store could not say. */
  seqAtArrival: Promise<number | undefined>;
}

let ticks = 0;
/**
 * This process's order of events: it only goes up, whatever the clock does. A transport takes
 * one as early as it can (the route, when a request's headers are in), so a copy sent at once
 * with an answer is known to have arrived before that answer's turn let its question out.
 */
export const nextTick = (): number => ++ticks;

/** How many conversations' release numbers this instance keeps (the oldest go first). */
const REMEMBERED_RELEASES = 5_000;

const conversationKey = (context: TurnContext) => `${context.activity.channelId}/${context.activity.conversation?.id ?? ''}`;

function storedSeq(document: unknown): number {
  const pending = (document as Record<string, unknown> | undefined)?.[PENDING_QUESTION_PROPERTY] as Partial<PendingQuestion> | undefined;
  return typeof pending?.seq === 'number' ? pending.seq : 0;
}

export interface QuestionTimingOptions {
  pending: StatePropertyAccessor<PendingQuestion | undefined>;
  storage: Storage;
  /** The conversation state's storage key for a turn (ConversationState.getStorageKey). */
  storageKey: (context: TurnContext) => string | undefined;
  /** The marker property a store puts in place of a document it could not read. */
  unreadableProperty: string;
}

/** Notes arrivals, reads the pending question at the start of a turn and records a new one with the save. */
export class QuestionTiming {
  /** The question each conversation's last turn in this instance showed, and when its replies left. */
  private readonly released = new Map<string, PendingQuestion & { tick: number }>();

  constructor(private readonly options: QuestionTimingOptions) {}

  /**
   * Called by the route or adapter as a message arrives, before it waits for the turn before
   * it: takes its place in this instance's order and reads what the store holds now.
   */
  noteArrival(context: TurnContext, tick: number = nextTick()): void {
    const key = this.options.storageKey(context);
    const seqAtArrival = key
      ? this.options.storage.read([key]).then(
          (items) => {
            const document = items[key] as Record<string, unknown> | undefined;
            // Reading it moved an unreadable document aside: the turn must still tell the person.
            if (document?.[this.options.unreadableProperty]) noteUnreadableAtArrival(context);
            return storedSeq(document);
          },
          () => undefined,
        )
      : Promise.resolve(undefined);
    context.turnState.set(ARRIVAL, { tick, seqAtArrival } satisfies Arrival);
  }

  /**
   * Waits for the read started at arrival before the turn reads its state: two reads of one
   * unreadable document at once would both move it aside.
   */
  async arrivalRead(context: TurnContext): Promise<void> {
    await (context.turnState.get(ARRIVAL) as Arrival | undefined)?.seqAtArrival;
  }

  async startTurn(context: TurnContext): Promise<void> {
    const clickedAt = questionOfClick(context.activity);
    if (clickedAt !== undefined) {
      notePredates(context, (id) => id !== clickedAt);
      return;
    }
    const arrival = context.turnState.get(ARRIVAL) as Arrival | undefined;
    const pending = await this.options.pending.get(context);
    if (arrival === undefined || pending === undefined) return;
    const released = this.released.get(conversationKey(context));
    let predates: boolean;
    if (released?.id === pending.id && released.seq === pending.seq) predates = arrival.tick < released.tick;
    else {
      // Put by another instance or before a restart: was it saved when this message arrived?
      const seen = await arrival.seqAtArrival;
      predates = seen !== undefined && seen < pending.seq;
    }
    notePredates(context, (id) => predates && id === pending.id);
  }

  /** A question put this turn that differs from the one pending becomes the pending one, with the next number. */
  async beforeSave(context: TurnContext): Promise<void> {
    const asked = questionAskedThisTurn(context);
    if (asked === undefined) return;
    const pending = await this.options.pending.get(context);
    if (pending?.id === asked) return;
    const next: PendingQuestion = { id: asked, seq: (pending?.seq ?? 0) + 1 };
    context.turnState.set(NEWLY_PENDING, next);
    await this.options.pending.set(context, next);
  }

  /**
   * After the save, when the replies have gone: the shown question's place in this instance's
   * order. A question asked again (a retry) keeps its place: a message written to it before
   * still answers it.
   */
  afterRelease(context: TurnContext): void {
    // Saved this turn (the state itself is no longer read: the save dropped it from the turn).
    const pending = context.turnState.get(NEWLY_PENDING) as PendingQuestion | undefined;
    if (pending === undefined) return;
    const key = conversationKey(context);
    this.released.delete(key);
    this.released.set(key, { ...pending, tick: nextTick() });
    if (this.released.size > REMEMBERED_RELEASES) this.released.delete(this.released.keys().next().value!);
  }
}
