import type { TurnContext } from 'botbuilder';

/**
 * What a turn knows about the question its message answers, kept on the turn: the prompts note
 * the question they put and ask whether this message was written to it; the bot's question
 * timing (src/bot/question-timing.ts) fills in the answers as the turn starts.
 */

const QUESTION_ASKED = Symbol('questionAsked');
const PREDATES_QUESTION = Symbol('predatesQuestion');
const UNREADABLE_AT_ARRIVAL = Symbol('unreadableAtArrival');

/** The question the conversation waits on, and its number in the conversation's sequence of questions. */
export interface PendingQuestion {
  id: string;
  seq: number;
}

/** Noted by a prompt when it puts its question (not when it asks it again). */
export function noteQuestionAsked(context: TurnContext, questionId: string): void {
  context.turnState.set(QUESTION_ASKED, questionId);
}

/** The question this turn put, if it put one. */
export function questionAskedThisTurn(context: TurnContext): string | undefined {
  return context.turnState.get(QUESTION_ASKED) as string | undefined;
}

/** Says, for this turn, which questions its message was not written to. */
export function notePredates(context: TurnContext, predates: (questionId: string) => boolean): void {
  context.turnState.set(PREDATES_QUESTION, predates);
}

/** True when this turn's message was not written to `questionId` (it arrived before it was shown, or a button of another question was pressed). */
export function predatesQuestion(context: TurnContext, questionId: string): boolean {
  const check = context.turnState.get(PREDATES_QUESTION) as ((id: string) => boolean) | undefined;
  return check?.(questionId) ?? false;
}

/** Noted when the read at arrival found the conversation's stored document unreadable. */
export function noteUnreadableAtArrival(context: TurnContext): void {
  context.turnState.set(UNREADABLE_AT_ARRIVAL, true);
}

/** True when the read at arrival found the conversation's stored document unreadable (and the store moved it aside). */
export function unreadableAtArrival(context: TurnContext): boolean {
  return context.turnState.get(UNREADABLE_AT_ARRIVAL) === true;
}
