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

export const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** The UTC day before `day` (YYYY-MM-DD). */
export function dayBefore(day: string): string {
  return utcDay(new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000));
}

const KNOWN_KINDS = new Set<string>(INSIGHT_KINDS);
const EVENT_FIELDS = new Set(['day', 'kind', 'questionId', 'outcome', 'rules']);
const ID_PATTERN = /^[A-Za-z0-9_.:-]{1,80}$/;

/** Only ids and known kinds reach the store: a stray value can never carry text. */
export function isInsightEvent(value: unknown): value is InsightEvent {
  if (typeof value !== 'object' || value === null) return false;
  const event = value as Record<string, unknown>;
  if (!Object.keys(event).every((key) => EVENT_FIELDS.has(key))) return false;
  if (typeof event['day'] !== 'string' || !DAY_PATTERN.test(event['day'])) return false;
  if (typeof event['kind'] !== 'string' || !KNOWN_KINDS.has(event['kind'])) return false;
  for (const field of ['questionId', 'outcome'] as const) {
    if (event[field] !== undefined && (typeof event[field] !== 'string' || !ID_PATTERN.test(event[field]))) return false;
  }
  const rules = event['rules'];
  if (rules !== undefined && (!Array.isArray(rules) || !rules.every((rule) => typeof rule === 'string' && ID_PATTERN.test(rule)))) {
    return false;
  }
  return true;
}
