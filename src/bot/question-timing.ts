import type { StatePropertyAccessor, TurnContext } from 'botbuilder';

/**
 * Each answer is taken once (issue 17): a question is answered only by a message that came
 * after the question was sent. A message that arrived while the turn asking the question was
 * still running (ten copies of one answer, or the next answer typed ahead) cannot have been
 * written to it, so it answers nothing by itself; what it names is still read.
 *
 * Both times come from this instance's own clock (never the channel's timestamp, which may
 * skew): the arrival is noted when the request comes in, before it waits for the turn before
 * it. A question's time is saved with its turn (so another instance knows it) and, in this
 * instance, moved on to the moment its replies were actually released after the save: a slow
 * store must not let a copy that arrived during the save answer the new question.
 */

const RECEIVED_AT = Symbol('receivedAt');
const QUESTION_ASKED = Symbol('questionAsked');
const PREDATES_QUESTION = Symbol('predatesQuestion');
const PENDING_AT_START = Symbol('pendingAtStart');

/** The question the conversation waits on, since when (ms since the epoch). */
export interface QuestionSince {
  id: string;
  at: number;
}

/** Noted by the route or adapter as the activity arrives, before it queues behind the turn before it. */
export function noteArrival(context: TurnContext, at: number): void {
  context.turnState.set(RECEIVED_AT, at);
}

/** Noted by a prompt when it puts its question (not when it asks it again). */
export function noteQuestionAsked(context: TurnContext, questionId: string): void {
  context.turnState.set(QUESTION_ASKED, questionId);
}

/** True when this turn's message arrived before `questionId` was sent: it cannot answer it. */
export function predatesQuestion(context: TurnContext, questionId: string): boolean {
  const check = context.turnState.get(PREDATES_QUESTION) as ((id: string) => boolean) | undefined;
  return check?.(questionId) ?? false;
}

/** How many conversations' release times this instance keeps (the oldest go first). */
const REMEMBERED_RELEASES = 5_000;

const conversationKey = (context: TurnContext) => `${context.activity.channelId}/${context.activity.conversation?.id ?? ''}`;

/** Reads the conversation's pending question at the start of a turn and records a new one with the save. */
export class QuestionTiming {
  private readonly released = new Map<string, QuestionSince>();

  constructor(
    private readonly since: StatePropertyAccessor<QuestionSince | undefined>,
    private readonly now: () => number = Date.now,
  ) {}

  async startTurn(context: TurnContext): Promise<void> {
    const receivedAt = context.turnState.get(RECEIVED_AT) as number | undefined;
    const stored = await this.since.get(context);
    context.turnState.set(PENDING_AT_START, stored?.id);
    if (receivedAt === undefined || stored === undefined) return;
    const released = this.released.get(conversationKey(context));
    const at = released?.id === stored.id ? Math.max(released.at, stored.at) : stored.at;
    context.turnState.set(PREDATES_QUESTION, (id: string) => id === stored.id && receivedAt < at);
  }

  /**
   * After the save, when the replies have gone: a new question's time in this instance. A
   * question asked again (a retry) keeps its time: a message written to it before still answers it.
   */
  afterRelease(context: TurnContext): void {
    const asked = context.turnState.get(QUESTION_ASKED) as string | undefined;
    if (asked === undefined || asked === context.turnState.get(PENDING_AT_START)) return;
    const key = conversationKey(context);
    this.released.delete(key);
    this.released.set(key, { id: asked, at: this.now() });
    if (this.released.size > REMEMBERED_RELEASES) this.released.delete(this.released.keys().next().value!);
  }

  /** A question put this turn that differs from the one pending becomes the pending one, timed now. */
  async beforeSave(context: TurnContext): Promise<void> {
    const asked = context.turnState.get(QUESTION_ASKED) as string | undefined;
    if (asked === undefined) return;
    const since = await this.since.get(context);
    if (since?.id === asked) return;
    await this.since.set(context, { id: asked, at: this.now() });
  }
}
