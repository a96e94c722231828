import type { ConcernId } from '../src/knowledge/index.js';
import type { Outcome, ScreeningAnswers, Tri } from '../src/safety/index.js';

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

/** A red flag read as perhaps the person's and current, waiting for "Is this happening to you now?". */
export interface PendingRedFlag {
  outcome: 'emergency' | 'urgent';
  ruleIds: string[];
}

/** What one guidance conversation has gathered; structured answers only. */
export interface AssessmentRecord {
  concerns: ConcernId[];
  goal?: Goal;
  answers: ScreeningAnswers;
  decision?: StoredDecision;
  pendingRedFlag?: PendingRedFlag;
  /** Yes / not sure answers a message gave before their question came ("I have eczema" at the concerns question). */
  early?: Record<string, Tri>;
}

export function emptyAssessment(): AssessmentRecord {
  return { concerns: [], answers: {} };
}
