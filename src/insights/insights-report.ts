import { aggregateInsights } from './aggregate.js';
import { daysOfRange, type DayRange } from './date-range.js';
import type { InsightsStore } from './insights-store.js';
import { suppressSmallCounts, type SuppressedCounts } from './suppress.js';

/** The API's JSON (docs/contracts.md "The clinic's insights"), plus the documented `outcomesByDay`. */
export type InsightsReport = { from: string; to: string; minCount: number } & SuppressedCounts & { suppressed: string[] };

/** Reads the days of the range from the store and adds them up, small counts suppressed; unreadable lines are counted through `onSkipped`. */
export async function insightsReport(
  store: InsightsStore,
  range: DayRange,
  minCount: number,
  onSkipped?: (lines: number) => void,
): Promise<InsightsReport> {
  const counts = aggregateInsights(await store.readDays(daysOfRange(range)), onSkipped);
  const { counts: shown, suppressed } = suppressSmallCounts(counts, minCount);
  return { from: range.from, to: range.to, minCount, ...shown, suppressed };
}
