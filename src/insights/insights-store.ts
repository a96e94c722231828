import type { InsightEvent } from './events.js';

/** Where the funnel events live: one bucket per UTC day, appended to, read whole, dropped whole. */
export interface InsightsStore {
  append(events: InsightEvent[]): Promise<void>;
  /**
   * The stored lines of the given days, as JSON text, one event a line. Text, not objects: the
   * aggregation counts identical lines before parsing (events repeat a lot), which keeps a
   * 100k-conversation month well under a second.
   */
  readDays(days: string[]): Promise<string[]>;
  /** Deletes the days that ended before the cutoff; resolves with how many days were deleted. */
  deleteDaysBefore(cutoff: Date): Promise<number>;
}

/** A day is kept while any part of it is within the retention period (as the audit trail). */
export function dayEndedBefore(day: string, cutoff: Date): boolean {
  return new Date(`${day}T23:59:59.999Z`) < cutoff;
}

/** Groups events by day, as JSON lines, for a store that writes one bucket per day. */
export function linesByDay(events: InsightEvent[]): Map<string, string> {
  const byDay = new Map<string, string>();
  for (const event of events) byDay.set(event.day, (byDay.get(event.day) ?? '') + JSON.stringify(event) + '\n');
  return byDay;
}
