import type { InsightEvent } from '../turn/insight-events.js';
import { checkedLine } from '../checked-lines.js';

/**
 * A day as stored: the event lines appended so far (JSON text, one event a line) and, for a day
 * rolled up, each distinct line with how often it occurred. Text and counts, not objects: the
 * aggregation counts identical lines before parsing any (events repeat a lot).
 */
export interface StoredDay {
  lines: string;
  rolledUp?: Record<string, number>;
}

/** Where the funnel events live: one bucket per UTC day, appended to, read whole, dropped whole. */
export interface InsightsStore {
  append(events: InsightEvent[]): Promise<void>;
  readDays(days: string[]): Promise<StoredDay[]>;
  /**
   * Replaces a finished day's lines by their counts (a month of a busy clinic is millions of
   * lines, its roll-ups a few hundred entries a day). Only for days no event is written to any
   * more (before yesterday); resolves with whether there was anything to roll up.
   */
  rollUp(day: string): Promise<boolean>;
  /** Deletes the days that ended before the cutoff; resolves with how many days were deleted. */
  deleteDaysBefore(cutoff: Date): Promise<number>;
}

/** A day is kept while any part of it is within the retention period (as the audit trail). */
export function dayEndedBefore(day: string, cutoff: Date): boolean {
  return new Date(`${day}T23:59:59.999Z`) < cutoff;
}

/** Groups events by day, as checked JSON lines (src/checked-lines.ts), for a store that writes one bucket per day. */
export function linesByDay(events: InsightEvent[]): Map<string, string> {
  const byDay = new Map<string, string>();
  for (const event of events) byDay.set(event.day, (byDay.get(event.day) ?? '') + checkedLine(JSON.stringify(event)));
  return byDay;
}

/** Each distinct line with its count, added to what a previous roll-up counted. */
export function countLines(lines: string, into: Record<string, number> = {}): Record<string, number> {
  for (const line of lines.split('\n')) if (line !== '') into[line] = (into[line] ?? 0) + 1;
  return into;
}
