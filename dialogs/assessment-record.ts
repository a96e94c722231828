import type { ConcernId } from '../src/knowledge/index.js';
import type { CheckId, Outcome, ScreeningAnswers } from '../src/safety/index.js';

import type { Goal } from '../src/understanding/goal-and-depth.js';

export type { Goal };

/** The decision as kept with the conversation: ids and dates only, never free text. */
export interface StoredDecision {
  outcome: Outcome;
  rules: string[];
  notes: string[];
  rulesVersion: string;
  reconsiderFrom?: string;
  /** The rule that ended the check (a minor): no booking or handoff is offered. */
  endedBy?: string;
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
  /** The warning-sign question of the safety net is waiting for its answer (SAFETY-SPEC v1.2). */
  pendingWarningSigns?: boolean;
  /** Fields a message touched without a clear answer: noted "not sure", still asked (src/safety/form.ts). */
  tentative?: string[];
  /**
   * The question (or checklist) of the catalogue the form is waiting on: `unit` is the prompt's
   * id, `units` the catalogue units it asks (several checklists at once; absent in records
   * saved before: then `unit` alone).
   */
  pending?: { check: CheckId; unit: string; units?: string[] };
}

export function emptyAssessment(): AssessmentRecord {
  return { concerns: [], answers: {} };
}
