import type { TurnContext } from 'botbuilder';
import type { AnswerChange, CatalogueQuestion, Decision } from '../safety/index.js';
import type { InsightFact } from './events.js';

/**
 * The facts of the turn being processed, kept on the turn. The insights middleware opens the
 * list; code inside the turn (the assessment recorder, the prompts) adds to it. Where no list
 * was opened (the terminal chat, unit tests) facts are dropped. On the turn rather than in an
 * AsyncLocalStorage: that one turns on Node's promise hooks, which cost every promise of every
 * turn (about 7 % of the throughput measured at one conversation).
 */
const TURN_FACTS = Symbol('insights.turnFacts');

export function collectTurnFacts(context: TurnContext, facts: InsightFact[]): void {
  context.turnState.set(TURN_FACTS, facts);
}

export function noteFact(context: TurnContext, fact: InsightFact): void {
  (context.turnState.get(TURN_FACTS) as InsightFact[] | undefined)?.push(fact);
}

export function turnFacts(context: TurnContext): readonly InsightFact[] {
  return (context.turnState.get(TURN_FACTS) as InsightFact[] | undefined) ?? [];
}

/** Takes back the facts noted since the turn had `count` of them: what they describe was not kept (a failed save). */
export function withdrawFactsSince(context: TurnContext, count: number): void {
  const facts = context.turnState.get(TURN_FACTS) as InsightFact[] | undefined;
  if (facts && facts.length > count) facts.length = count;
}

const RED_FLAG_OUTCOMES = new Set(['emergency', 'urgent']);

/** A decision: its outcome with the rule ids that fired, and a red flag if it was one (the funnel reads the outcome too). */
export function noteDecision(decision: Decision, context: TurnContext): void {
  const rules = decision.reasons.map((reason) => reason.ruleId);
  noteFact(context, { kind: 'outcome', outcome: decision.outcome, rules });
  if (RED_FLAG_OUTCOMES.has(decision.outcome)) noteFact(context, { kind: 'red.flag', outcome: decision.outcome });
}

/**
 * Answers a message replaced after the bot had noted them (from a question or from the
 * person's own words): one `answer.corrected` per question, by the catalogue's question id,
 * never the values. Frequent corrections of one question point at a misreading.
 */
export function noteCorrections(context: TurnContext, questions: readonly CatalogueQuestion[], changes: readonly AnswerChange[]): void {
  for (const change of changes) {
    if (change.kind !== 'corrected') continue;
    const question = questions.find((candidate) => candidate.field === change.field);
    if (question) noteFact(context, { kind: 'answer.corrected', questionId: question.id });
  }
}
