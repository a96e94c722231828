import { aggregateInsights } from './aggregate.js';
import { daysOfRange, type DayRange } from './date-range.js';
import type { InsightsStore } from './insights-store.js';
import { namesOf, type InsightNamer, type InsightNames } from './insight-names.js';
import { suppressSmallCounts, zeroShown, type SuppressedCounts } from './suppress.js';

/**
 * The API's JSON (docs/contracts.md "The clinic's insights"), with its documented additions:
 * `outcomesByDay`, the funnel's `screeningsStarted` and `followedUp`, `corrected`, whether a
 * zero is shown as 0 (`zeroShown`), and the names of the ids it holds (`names`).
 */
export type InsightsReport = { from: string; to: string; minCount: number } & SuppressedCounts & {
    suppressed: string[];
    zeroShown: boolean;
    names: InsightNames;
  };

export interface InsightsReportOptions {
  minCount: number;
  namer: InsightNamer;
  /** Told how many unreadable (torn, damaged) lines were skipped. */
  onSkipped?: (lines: number) => void;
}

/** Reads the days of the range from the store and adds them up, small counts suppressed and ids named. */
export async function insightsReport(store: InsightsStore, range: DayRange, options: InsightsReportOptions): Promise<InsightsReport> {
  const { minCount } = options;
  const counts = aggregateInsights(await store.readDays(daysOfRange(range)), options.onSkipped);
  const { counts: shown, suppressed } = suppressSmallCounts(counts, minCount);
  return {
    from: range.from,
    to: range.to,
    minCount,
    ...shown,
    suppressed,
    zeroShown: zeroShown(minCount),
    names: namesOf(shown, options.namer),
  };
}
