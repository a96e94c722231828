import { parsePastDate } from '../past-date.js';
import { read, type Reader, type Reading } from './read.js';
import { normalize, phraseWords } from './normalize.js';
import { longestPhraseAt } from './numbers.js';
import { readablePart } from './limit.js';

/**
 * A past date from an approximate phrase, read the cautious way: the latest day the phrase
 * allows ("last summer" -> 31 August, "about 6 months ago" -> less than 6 months ago), so a
 * waiting time counted from it can only end later than the truth, never earlier.
 */

export interface ApproximateDate {
  /** YYYY-MM-DD, never after the reference day. */
  date: string;
  /** True when the phrase allowed several days and the latest was taken. */
  approximate: boolean;
  /** The words the date was read from. */
  phrase: string;
}

const DAY_MS = 86_400_000;
/** 2026-10-01, as typed. */
const ISO_DAY = /\b\d{4}-\d{2}-\d{2}\b/;
const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/** An approximate period ("about 6 months") is taken as three quarters of it: the latest day it plausibly means. */
const APPROXIMATE_SHARE = 0.75;

function lastDayOfMonth(year: number, month: number): Date {
  return new Date(Date.UTC(year, month, 0));
}

/** "last summer", "this winter", "in the spring": the latest past day of that season (reader-triggers.json seasons). */
function seasonDate(reading: Reading, reader: Reader, today: Date): ApproximateDate | undefined {
  const { seasons, seasonOpeners, seasonsOver } = reader.compiled.knowledge.triggers.numbers;
  const tokens = normalize(reading.text, reader.compiled.variants);
  const openers = seasonOpeners.map(phraseWords);
  for (let at = 0; at < tokens.length; at++) {
    const length = longestPhraseAt(tokens, at, openers);
    const season = length > 0 ? seasons[tokens[at + length]?.text ?? ''] : undefined;
    if (season === undefined) continue;
    const opener = tokens
      .slice(at, at + length)
      .map((token) => token.text)
      .join(' ');
    const [first, last] = season;
    const year = today.getUTCFullYear();
    const phrase = reading.text.slice(tokens[at]!.start, tokens[at + length]!.end);
    // the season's end in this year (winter ends in February of the next year)
    for (const endYear of [year + 1, year, year - 1, year - 2]) {
      const end = lastDayOfMonth(endYear, last);
      const startYear = first > last ? endYear - 1 : endYear;
      const start = new Date(Date.UTC(startYear, first - 1, 1));
      if (start > today) continue;
      const latest = end < today ? end : today;
      // "last summer" is a season that is over; "this summer" may be the current one
      if (seasonsOver.includes(opener) && end >= today) continue;
      return { date: isoDay(latest), approximate: true, phrase };
    }
  }
  return undefined;
}

function fromDurations(reading: Reading, today: Date): ApproximateDate | undefined {
  const candidates = reading.quantities.filter((quantity) => quantity.kind === 'duration' && quantity.direction === 'ago');
  let best: ApproximateDate | undefined;
  for (const quantity of candidates) {
    if (quantity.kind !== 'duration') continue;
    const { hedged } = quantity;
    const approximate = quantity.approximate || hedged;
    // "a few weeks" already counts the fewest (2); "about 6 weeks" may be fewer than 6
    const days = Math.floor(quantity.days * (hedged ? APPROXIMATE_SHARE : 1));
    const date = isoDay(new Date(today.getTime() - days * DAY_MS));
    // several dates: the latest one is the cautious one
    if (best === undefined || date > best.date) best = { date, approximate, phrase: quantity.span.text };
  }
  return best;
}

/**
 * A stage of life ("as a teen", "when I was a student") as a past date: the latest day the stage
 * can have ended, counted from the person's age; "unknown" when the age is not known (or the
 * stage is now). Undefined when the message names no stage.
 */
export function readLifeStage(
  reading: Reading,
  reader: Reader,
  referenceDate: Date,
  personAge: number | undefined,
): ApproximateDate | 'unknown' | undefined {
  const tokens = normalize(reading.text, reader.compiled.variants);
  for (const stage of reader.compiled.knowledge.triggers.lifeStages) {
    const words = stage.phrases.map(phraseWords);
    for (let at = 0; at < tokens.length; at++) {
      const length = longestPhraseAt(tokens, at, words);
      if (length === 0) continue;
      const phrase = reading.text.slice(tokens[at]!.start, tokens[at + length - 1]!.end);
      // they turned endsAtAge + 1 at most (age - endsAtAge - 1) years ago: the latest day the stage may have ended
      const yearsAgo = personAge === undefined ? undefined : personAge - stage.endsAtAge - 1;
      if (yearsAgo === undefined || yearsAgo < 0) return 'unknown';
      const today = new Date(`${isoDay(referenceDate)}T00:00:00Z`);
      const date = new Date(Date.UTC(today.getUTCFullYear() - yearsAgo, today.getUTCMonth(), today.getUTCDate()));
      return { date: isoDay(date), approximate: true, phrase };
    }
  }
  return undefined;
}

/** Some word of the message may be part of a date (reader-triggers.json numbers): the cheap check before the recognizer. */
function mayHoldDate(reading: Reading, reader: Reader): boolean {
  const numbers = reader.compiled.numbers;
  const data = numbers.data;
  const dayNames = new Set(data.dayNames);
  const exactDays = data.exactDays.map(phraseWords);
  const tokens = normalize(reading.text, reader.compiled.variants);
  return tokens.some(
    ({ text }, at) =>
      /\d/.test(text) ||
      longestPhraseAt(tokens, at, exactDays) > 0 ||
      numbers.words.has(text) ||
      numbers.monthWords.has(text) ||
      dayNames.has(text) ||
      data.durationUnits[text] !== undefined ||
      data.durationDirections[text] !== undefined ||
      data.seasons[text] !== undefined,
  );
}

/** The cautious past date in a message, or undefined when it names none. */
export function readApproximateDate(
  message: string,
  reader: Reader,
  referenceDate: Date,
  reading: Reading = read(message, reader),
): ApproximateDate | undefined {
  const text = readablePart(message);
  const today = new Date(`${isoDay(referenceDate)}T00:00:00Z`);
  const own = fromDurations(reading, today) ?? seasonDate(reading, reader, today);
  if (own) return own;
  // the date recognizer (about 2 ms a parse) only where a date may be: a number, a month, a day, a span of time
  if (!mayHoldDate(reading, reader)) return undefined;
  const date = parsePastDate(text, referenceDate);
  if (date === undefined) return undefined;
  // A day written out ("yesterday", "1 October", "2026-10-01") is exact; a month or "last week" is a range.
  const exactWords = reader.compiled.knowledge.triggers.numbers.exactDays.map(phraseWords);
  const tokens = normalize(reading.text, reader.compiled.variants);
  const exact =
    ISO_DAY.test(text) ||
    reading.quantities.some((quantity) => quantity.kind === 'date' && quantity.exact) ||
    tokens.some((_, at) => longestPhraseAt(tokens, at, exactWords) > 0);
  return { date, approximate: !exact, phrase: text.trim() };
}
