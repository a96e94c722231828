import { AsyncLocalStorage } from 'node:async_hooks';
import type { Decision } from '../safety/index.js';
import type { InsightFact } from './events.js';

/**
 * The facts of the turn being processed. The insights middleware opens a list around each
 * turn; code deep inside the turn (the assessment recorder, the prompts) adds to it without a
 * TurnContext. Outside a turn (the terminal chat, unit tests) facts are dropped.
 */
const currentTurn = new AsyncLocalStorage<InsightFact[]>();

export function collectTurnFacts<T>(facts: InsightFact[], run: () => Promise<T>): Promise<T> {
  return currentTurn.run(facts, run);
}

export function noteFact(fact: InsightFact): void {
  currentTurn.getStore()?.push(fact);
}

export function turnFacts(): readonly InsightFact[] {
  return currentTurn.getStore() ?? [];
}

const RED_FLAG_OUTCOMES = new Set(['emergency', 'urgent']);

/** A decision: the screening ended, its outcome with the rule ids that fired, and a red flag if it was one. */
export function noteDecision(decision: Decision): void {
  const rules = decision.reasons.map((reason) => reason.ruleId);
  noteFact({ kind: 'screening.completed' });
  noteFact({ kind: 'outcome', outcome: decision.outcome, rules });
  if (RED_FLAG_OUTCOMES.has(decision.outcome)) noteFact({ kind: 'red.flag', outcome: decision.outcome });
}
