import type { ConcernId } from '../src/knowledge/index.js';
import type { Outcome, ScreeningAnswers } from '../src/safety/index.js';

export type Goal = 'clinic' | 'home' | 'unsure';

/** The decision as kept with the conversation: ids and dates only, never free text. */
export interface StoredDecision {
  outcome: Outcome;
  rules: string[];
  notes: string[];
  rulesVersion: string;
  reconsiderFrom?: string;
  at: string;
}

/** What one guidance conversation has gathered; structured answers only. */
export interface AssessmentRecord {
  concerns: ConcernId[];
  goal?: Goal;
  answers: ScreeningAnswers;
  decision?: StoredDecision;
}

export function emptyAssessment(): AssessmentRecord {
  return { concerns: [], answers: {} };
}
