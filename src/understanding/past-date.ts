import { parseDateTimes } from './recognizers.js';
import { visibleText } from './reader/characters.js';
import { RecentValues } from '../recent-values.js';

interface Resolution {
  type?: string;
  value?: string;
  start?: string;
  end?: string;
}

const DAY_MS = 86_400_000;

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function parseDay(text: string | undefined): Date | undefined {
  if (!text || !/^\d{4}-\d{2}-\d{2}/.test(text)) return undefined;
  const date = new Date(`${text.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/**
 * The latest day a resolution can mean that is not in the future. Taking the latest day of a
 * range ("in May" -> 31 May) is the cautious reading: the 4-week and 6-month waits then end
 * later, never earlier, than the truth.
 */
function latestPastDay(resolution: Resolution, today: Date): Date | undefined {
  switch (resolution.type) {
    case 'date':
    case 'datetime': {
      const day = parseDay(resolution.value);
      return day && day <= today ? day : undefined;
    }
    case 'daterange':
    case 'datetimerange': {
      const start = parseDay(resolution.start);
      if (!start || start > today) return undefined;
      const end = parseDay(resolution.end);
      // Date ranges end exclusively ("May" ends on 1 June); datetime ranges end inside their last day.
      const lastDay = end ? new Date(end.getTime() - (resolution.type === 'daterange' ? DAY_MS : 0)) : today;
      return lastDay < today ? lastDay : today;
    }
    case 'duration': {
      const seconds = Number(resolution.value);
      return Number.isFinite(seconds) ? new Date(today.getTime() - seconds * 1000) : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * Days found recently, by reference second and text. One message is read by the listening step
 * and by the pending question, and the recognizer (about 4 ms a parse) is most of a date turn's
 * reading; the answer is a day, so the same second always gives the same one.
 */
const recentDays = new RecentValues<string | undefined>(64);

/** A past day as YYYY-MM-DD from "3 weeks ago", "in May", "last month", "2026-10-01"... */
export function parsePastDate(text: string, referenceDate: Date): string | undefined {
  return recentDays.getOrMake(`${Math.floor(referenceDate.getTime() / 1000)}\u0000${text}`, () => pastDay(text, referenceDate));
}

function pastDay(text: string, referenceDate: Date): string | undefined {
  const today = new Date(`${isoDay(referenceDate)}T00:00:00Z`);
  // The recognizer folds case and spacing itself; the reader's normaliser would split "1st" and "2026-10-01".
  const results = parseDateTimes(visibleText(text).trim(), referenceDate);
  const candidates = results
    .flatMap((result) => (result.resolution?.['values'] ?? []) as Resolution[])
    .map((resolution) => latestPastDay(resolution, today))
    .filter((day): day is Date => day !== undefined);
  if (candidates.length === 0) return undefined;
  const latest = candidates.reduce((a, b) => (a > b ? a : b));
  return isoDay(latest);
}

/** Whole days from a past day to the reference date. */
export function daysSince(isoDate: string, referenceDate: Date): number {
  const day = parseDay(isoDate);
  if (!day) return Number.NaN;
  return Math.floor((new Date(`${isoDay(referenceDate)}T00:00:00Z`).getTime() - day.getTime()) / DAY_MS);
}
