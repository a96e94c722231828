import { daysOf } from '../safety/audit.js';
import { DAY_PATTERN, utcDay } from './events.js';

export interface DayRange {
  from: string;
  to: string;
}

/** Without dates: the last 30 days, today included. */
export const DEFAULT_RANGE_DAYS = 30;
/** A longer range is refused: the retention period keeps less, and the read must stay cheap. */
export const MAX_RANGE_DAYS = 3660;

const DAY_MS = 86_400_000;

function isRealDay(value: string): boolean {
  return DAY_PATTERN.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && utcDay(new Date(`${value}T00:00:00Z`)) === value;
}

/** `from`/`to` as the query gives them; a reason when they are not a valid range. */
export function parseDayRange(
  query: { from?: unknown; to?: unknown },
  now: Date,
): { ok: true; range: DayRange } | { ok: false; reason: string } {
  const today = utcDay(now);
  const from = query.from === undefined || query.from === '' ? undefined : query.from;
  const to = query.to === undefined || query.to === '' ? undefined : query.to;
  for (const [name, value] of [
    ['from', from],
    ['to', to],
  ] as const) {
    if (value !== undefined && (typeof value !== 'string' || !isRealDay(value))) {
      return { ok: false, reason: `${name}: expected a date as YYYY-MM-DD` };
    }
  }
  const end = (to as string | undefined) ?? today;
  const start = (from as string | undefined) ?? utcDay(new Date(Date.parse(`${end}T00:00:00Z`) - (DEFAULT_RANGE_DAYS - 1) * DAY_MS));
  if (start > end) return { ok: false, reason: 'from: must be on or before to' };
  if ((Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / DAY_MS + 1 > MAX_RANGE_DAYS) {
    return { ok: false, reason: `from: the range may span at most ${MAX_RANGE_DAYS} days` };
  }
  return { ok: true, range: { from: start, to: end } };
}

export function daysOfRange(range: DayRange): string[] {
  return daysOf({ from: new Date(`${range.from}T00:00:00Z`), to: new Date(`${range.to}T00:00:00Z`) });
}
