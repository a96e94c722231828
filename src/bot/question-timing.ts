import type { StatePropertyAccessor, TurnContext } from 'botbuilder';

/**
 * Each answer is taken once (issue 17): a question is answered only by a message that came
 * after the question was sent. A message that arrived while the turn asking the question was
 * still running (ten copies of one answer, or the next answer typed ahead) cannot have been
 * written to it, so it answers nothing by itself; what it names is still read.
 *
 * Both times come from this instance's own clock (never the channel's timestamp, which may
 * skew): the arrival is noted when the request comes in, before it waits for the turn before
 * it, and a question's time when its turn is saved, just before its replies are released.
 */

const RECEIVED_AT = Symbol('receivedAt');
const QUESTION_ASKED = Symbol('questionAsked');
const PREDATES_QUESTION = Symbol('predatesQuestion');

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

/** Reads the conversation's pending question at the start of a turn and records a new one before the save. */
export class QuestionTiming {
  constructor(
    private readonly since: StatePropertyAccessor<QuestionSince | undefined>,
    private readonly now: () => number = Date.now,
  ) {}

  async startTurn(context: TurnContext): Promise<void> {
    const receivedAt = context.turnState.get(RECEIVED_AT) as number | undefined;
    const since = await this.since.get(context);
    if (receivedAt === undefined || since === undefined) return;
    context.turnState.set(PREDATES_QUESTION, (id: string) => id === since.id && receivedAt < since.at);
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
