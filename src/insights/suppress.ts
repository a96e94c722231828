import type { InsightCounts } from './aggregate.js';

type Suppressed<T> = T extends number ? number | null : T extends object ? { [K in keyof T]: Suppressed<T[K]> } : T;

/** The counts as the API gives them: small ones hidden, with the JSON path of each. */
export type SuppressedCounts = Suppressed<InsightCounts>;

/**
 * Counts below `minCount` become null and their JSON paths (dot-separated, e.g.
 * `outcomes.proceed`, `unrecognised.age.unreadable`) are listed: a small count can point
 * at one person ("the one who reported X on Tuesday"). Zero is below too, as the contract says.
 */
export function suppressSmallCounts(counts: InsightCounts, minCount: number): { counts: SuppressedCounts; suppressed: string[] } {
  const suppressed: string[] = [];
  const walk = (value: unknown, path: string[]): unknown => {
    if (typeof value === 'number') {
      if (value >= minCount) return value;
      suppressed.push(path.join('.'));
      return null;
    }
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, walk(inner, [...path, key])]));
    }
    return value;
  };
  return { counts: walk(counts, []) as SuppressedCounts, suppressed };
}
