/**
 * Anonymous funnel events: a kind, a UTC day and, where it matters, a question id, an outcome
 * and rule ids. Nothing else: no text, no person or conversation ids, no times finer than a day,
 * so no event can be linked back to a person (and "forget me" has nothing to erase here).
 */
export const INSIGHT_KINDS = [
  /** The funnel's steps, in order, once per visit each and only after the step before (conversation-funnel.ts). */
  'conversation.started',
  'consent.given',
  'funnel.screening-started',
  'funnel.screening-completed',
  'funnel.followed-up',
  'question.asked',
  'question.answered',
  'question.unreadable',
  /** The conversation's pending question was replaced (next question, re-ask, or screening done). */
  'question.left',
  /** An answer the bot had noted was replaced by a later message (a correction), by question id. */
  'answer.corrected',
  /**
   * Legacy: written once per decision by versions before the nested funnel; still read (so an
   * older day's lines are not taken for damaged ones) but no longer counted.
   */
  'screening.completed',
  'outcome',
  'red.flag',
  'handoff.requested',
  'booking.opened',
] as const;

export type InsightKind = (typeof INSIGHT_KINDS)[number];

export interface InsightEvent {
  /** UTC day, YYYY-MM-DD. */
  day: string;
  kind: InsightKind;
  questionId?: string;
  outcome?: string;
  rules?: string[];
}

/**
 * An event before the recorder stamps its day. The funnel's steps carry the day their visit
 * began (today or yesterday), so every step of a visit lands in the same day.
 */
export type InsightFact = Omit<InsightEvent, 'day'> & { day?: string };
