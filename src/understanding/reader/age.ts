import { normalize, type Token } from './normalize.js';
import { read, type Reader, type Reading } from './read.js';
import { readablePart } from './limit.js';

/**
 * An age in years, with its qualifier read the cautious way: "nearly 18", "turning 18 next
 * month", "not 18 yet", "under 18" and "17 and a half" are all under 18; a birth year gives the
 * lower of the two possible ages.
 */

export interface AgeReading {
  /** Whole years; for "nearly 18" the age below (17). */
  years: number;
  /** younger-than: "nearly 18"; at-least: "over 18"; birth-year: "born in 1990". */
  qualifier?: 'younger-than' | 'at-least' | 'birth-year';
  phrase: string;
}

const OLDEST_AGE = 120;

/** Phrase lists as word lists, split once per list (the same arrays of the data each time). */
const splitLists = new WeakMap<readonly string[], readonly string[][]>();
function split(phrases: readonly string[]): readonly string[][] {
  let words = splitLists.get(phrases);
  if (!words) splitLists.set(phrases, (words = phrases.map((phrase) => phrase.split(' '))));
  return words;
}

function phraseEndsAt(tokens: readonly Token[], end: number, phrases: readonly string[]): boolean {
  return split(phrases).some((words) => words.every((word, k) => tokens[end - words.length + k]?.text === word));
}

function phraseStartsAt(tokens: readonly Token[], start: number, phrases: readonly string[]): boolean {
  return split(phrases).some((words) => words.every((word, k) => tokens[start + k]?.text === word));
}

function nearby(tokens: readonly Token[], start: number, end: number, phrases: readonly string[], before: number, after: number): boolean {
  for (let at = Math.max(0, start - before + 1); at <= start; at++) if (phraseEndsAt(tokens, at, phrases)) return true;
  for (let at = end; at <= end + after; at++) if (phraseStartsAt(tokens, at, phrases)) return true;
  return false;
}

/** Numbers read for an age at most: a message states its age once, and two ages are no reading anyway. */
const MOST_NUMBERS = 24;

/**
 * The person's age in a message, or undefined when it names none or several. `expectingAge`
 * (the age question is pending) lets a bare number count; otherwise an age word must be near.
 */
export function readAge(
  message: string,
  reader: Reader,
  referenceDate: Date,
  options: { expectingAge?: boolean; reading?: Reading } = {},
): AgeReading | undefined {
  const text = readablePart(message);
  const reading = options.reading ?? read(text, reader);
  const tokens = normalize(text, reader.compiled.variants);
  const data = reader.compiled.knowledge.triggers.numbers;
  const currentYear = referenceDate.getUTCFullYear();
  const insideFinding = (start: number, end: number) =>
    reading.findings.some((finding) => finding.span.start <= start && end <= finding.span.end);
  const candidates: (AgeReading & { marked: boolean; denied: boolean })[] = [];
  const YEAR_DAYS = 365;
  for (const found of reading.quantities.slice(0, MOST_NUMBERS)) {
    // "I am 45 years": a span of whole years with no "ago" or "after" may be an age
    const quantity =
      found.kind === 'duration' && found.direction === undefined && found.days % YEAR_DAYS === 0 && found.days > 0
        ? { ...found, kind: 'number' as const, value: found.days / YEAR_DAYS, end: found.start + 1 }
        : found;
    // a temperature, pulse, dose, measure or date is never an age (they are other kinds)
    if (quantity.kind !== 'number') continue;
    if (insideFinding(quantity.span.start, quantity.span.end)) continue;
    // "-3"; someone else's ("my son is 12", "my 12 year old son"); an age in a story ("when I was 15")
    if (text[quantity.span.start - 1] === '-' || found.experiencer === 'other') continue;
    const value = quantity.value;
    const phrase = quantity.span.text;
    if (Number.isInteger(value) && value > currentYear - OLDEST_AGE && value <= currentYear && value > OLDEST_AGE) {
      // a year is a number (not a date) only beside a birth word: born in 1990, and the birthday may be still to come
      candidates.push({
        years: Math.max(0, currentYear - value - 1),
        qualifier: 'birth-year',
        phrase,
        marked: true,
        denied: found.negated,
      });
      continue;
    }
    if (nearby(tokens, quantity.start, quantity.end, data.pastAgeMarkers, 3, 0)) continue;
    if (nearby(tokens, quantity.end, quantity.end, reader.compiled.knowledge.triggers.people, 0, 3)) continue;
    const marked = nearby(tokens, quantity.start, quantity.end, data.ageMarkers, 3, 2);
    // at the age question a bare number answers, but not one that counts something ("I have 3 kids")
    if (
      !marked &&
      reading.unplaced.some((span) => span.start >= quantity.span.end && text.slice(quantity.span.end, span.start).trim() === '')
    )
      continue;
    if (value < 0 || value > OLDEST_AGE) continue;
    const younger =
      nearby(tokens, quantity.start, quantity.end, data.youngerThan, 3, 0) ||
      nearby(tokens, quantity.start, quantity.end, data.youngerAfter, 0, 2);
    const atLeast = nearby(tokens, quantity.start, quantity.end, data.atLeast, 2, 1);
    if (younger)
      candidates.push({ years: Math.max(0, Math.ceil(value) - 1), qualifier: 'younger-than', phrase, marked: true, denied: found.negated });
    else if (atLeast) candidates.push({ years: Math.floor(value), qualifier: 'at-least', phrase, marked: true, denied: found.negated });
    else candidates.push({ years: Math.floor(value), phrase, marked, denied: found.negated });
  }
  // "I'm 17, not 34": beside another age, a denied one is the earlier answer being corrected
  const said =
    candidates.length > 1 && candidates.some((candidate) => !candidate.denied)
      ? candidates.filter((candidate) => !candidate.denied)
      : candidates;
  const marked = said.filter((candidate) => candidate.marked);
  const chosen = marked.length > 0 ? marked : options.expectingAge ? said : [];
  if (chosen.length !== 1) {
    // "between 30 and 40", "I'm 34, my son is 6": more than one age is no reading
    return undefined;
  }
  const { marked: _marked, denied: _denied, ...age } = chosen[0]!;
  return age;
}
