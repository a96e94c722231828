import { INSIGHT_KINDS, type InsightEvent } from '../turn/insight-events.js';

/** Days and the check that only ids and known kinds reach the store; the events themselves: src/turn/insight-events.ts. */
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
