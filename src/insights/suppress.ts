import type { InsightCounts } from './aggregate.js';

type Suppressed<T> = T extends number ? number | null : T extends object ? { [K in keyof T]: Suppressed<T[K]> } : T;

/** The counts as the API gives them: small ones hidden, with the JSON path of each. */
export type SuppressedCounts = Suppressed<InsightCounts>;

/**
 * Whether a zero is shown as 0 with this minimum. A true zero points at nobody, so it may be
 * shown, as long as a hidden count still stands for more than one possible number: with a
 * minimum of 2 a hidden count would then be exactly 1, so zeros stay hidden there. With a
 * minimum of 1 nothing is hidden at all.
 */
export function zeroShown(minCount: number): boolean {
  return minCount !== 2;
}

/**
 * Counts from 1 to `minCount - 1` become null and their JSON paths (dot-separated, e.g.
 * `outcomes.proceed`, `unrecognised.age.unreadable`) are listed: a small count can point at
 * one person ("the one who reported X on Tuesday"). Zero is shown where `zeroShown` allows.
 */
export function suppressSmallCounts(counts: InsightCounts, minCount: number): { counts: SuppressedCounts; suppressed: string[] } {
  const suppressed: string[] = [];
  const showZero = zeroShown(minCount);
  const walk = (value: unknown, path: string[]): unknown => {
    if (typeof value === 'number') {
      if (value >= minCount || (value === 0 && showZero)) return value;
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
