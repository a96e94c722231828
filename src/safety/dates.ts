/**
 * Calendar dates as 'YYYY-MM-DD' strings, counted in whole days (UTC day numbers), so a
 * decision never depends on the machine's clock or time zone. Nothing here reads the clock.
 */

const isoDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const msPerDay = 86_400_000;

export type IsoDate = string;
export type PeriodUnit = 'days' | 'weeks' | 'months';

interface CalendarDate {
  year: number;
  month: number; // 1-12
  day: number; // 1-31
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function parse(value: unknown): CalendarDate | null {
  if (typeof value !== 'string') return null;
  const match = isoDatePattern.exec(value);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  // Years before 1900 are typing mistakes, not treatment dates; refusing them keeps Date.UTC exact.
  if (year < 1900 || month < 1 || month > 12 || day < 1) return null;
  if (day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

function format({ year, month, day }: CalendarDate): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** True for a real calendar date written as YYYY-MM-DD (2025-02-30 is not one). */
export function isIsoDate(value: unknown): value is IsoDate {
  return parse(value) !== null;
}

/** Days since 1970-01-01; throws on anything that is not a real YYYY-MM-DD date. */
export function toDayNumber(date: IsoDate): number {
  const parsed = parse(date);
  if (!parsed) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  return Date.UTC(parsed.year, parsed.month - 1, parsed.day) / msPerDay;
}

export function fromDayNumber(dayNumber: number): IsoDate {
  const date = new Date(dayNumber * msPerDay);
  return format({ year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() });
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/**
 * Adds calendar months. When the day does not exist in the target month (31 August + 6
 * months), the result is the 1st of the following month, never the end of the shorter
 * month: a time-bound contraindication must never end early.
 */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const parsed = parse(date);
  if (!parsed) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  const monthIndex = parsed.year * 12 + (parsed.month - 1) + months;
  const year = Math.floor(monthIndex / 12);
  const month = (monthIndex % 12) + 1;
  if (parsed.day > daysInMonth(year, month)) {
    return month === 12 ? format({ year: year + 1, month: 1, day: 1 }) : format({ year, month: month + 1, day: 1 });
  }
  return format({ year, month, day: parsed.day });
}

export function addPeriod(date: IsoDate, amount: number, unit: PeriodUnit): IsoDate {
  switch (unit) {
    case 'days':
      return addDays(date, amount);
    case 'weeks':
      return addDays(date, amount * 7);
    case 'months':
      return addMonths(date, amount);
  }
}

/** The later of two dates (string order is date order for YYYY-MM-DD). */
export function laterDate(a: IsoDate, b: IsoDate): IsoDate {
  return a >= b ? a : b;
}

/**
 * The reference date the engine works with. A Date is read as its UTC calendar day; callers
 * that know the person's time zone should pass the local 'YYYY-MM-DD' instead.
 */
export function toReferenceDate(reference: IsoDate | Date): IsoDate {
  if (reference instanceof Date) {
    if (Number.isNaN(reference.getTime())) throw new RangeError('reference date is an invalid Date');
    return format({ year: reference.getUTCFullYear(), month: reference.getUTCMonth() + 1, day: reference.getUTCDate() });
  }
  if (!isIsoDate(reference)) throw new RangeError(`reference date is not a calendar date (YYYY-MM-DD): ${JSON.stringify(reference)}`);
  return reference;
}
