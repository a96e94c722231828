import { numberInWords } from '../recognizers.js';
import type { Token } from './normalize.js';
import type { ReaderTriggersData } from './schema.js';

/**
 * Numbers read as numbers, before words are matched, each with what it is attached to
 * (SAFETY-SPEC v1.2): "temperature of a hundred and one" is a temperature, "pulse 118" a pulse,
 * "20 mg" a dose, "the 19th" a date, "two days after" a duration; only what is none of these
 * may be an age. Numbers in words go to the Microsoft number recognizer, and only then.
 */

export type DurationDirection = 'ago' | 'after' | 'for';

export type Quantity =
  | { kind: 'temperature'; celsius: number; fever: boolean; start: number; end: number }
  | { kind: 'pulse'; perMinute: number; racing: boolean; start: number; end: number }
  | {
      kind: 'duration';
      days: number;
      direction?: DurationDirection;
      /** "a few weeks", "3 weeks or so": not exact. */
      approximate: boolean;
      /** "about 6 weeks": a hedge before it, so perhaps fewer. */
      hedged: boolean;
      start: number;
      end: number;
    }
  | { kind: 'dose' | 'measure'; value: number; start: number; end: number }
  /** A day of a month ("the 19th", "19 May": exact) or a year ("2023"). */
  | { kind: 'date'; value: number; exact: boolean; start: number; end: number }
  | { kind: 'number'; value: number; start: number; end: number };

/** The number data, as sets and phrase lists, built once per reader. */
export interface NumberWords {
  words: ReadonlyMap<string, number>;
  joiners: ReadonlySet<string>;
  unitJoiners: ReadonlySet<string>;
  approximateCounts: ReadonlySet<string>;
  articles: ReadonlySet<string>;
  celsius: ReadonlySet<string>;
  fahrenheit: ReadonlySet<string>;
  degrees: ReadonlySet<string>;
  temperatureWords: readonly string[][];
  pulseWords: readonly string[][];
  pulseUnits: readonly string[][];
  doseUnits: readonly string[][];
  measureUnits: readonly string[][];
  ordinalSuffixes: ReadonlySet<string>;
  monthWords: ReadonlySet<string>;
  birthWords: readonly string[][];
  approximate: readonly string[][];
  durationUnits: Readonly<Record<string, number>>;
  durationDirections: Readonly<Record<string, DurationDirection>>;
  ageMarkers: readonly string[][];
  data: ReaderTriggersData['numbers'];
}

export function compileNumbers(data: ReaderTriggersData['numbers'], phraseWords: (phrase: string) => string[]): NumberWords {
  const list = (phrases: readonly string[]) => phrases.map(phraseWords).filter((words) => words.length > 0);
  return {
    words: new Map(Object.entries(data.words)),
    joiners: new Set(data.joiners),
    unitJoiners: new Set(data.unitJoiners),
    approximateCounts: new Set(data.approximateCounts),
    articles: new Set(data.articles),
    celsius: new Set(data.celsiusUnits),
    fahrenheit: new Set(data.fahrenheitUnits),
    degrees: new Set(data.degreeUnits),
    temperatureWords: list(data.temperatureWords),
    pulseWords: list(data.pulseWords),
    pulseUnits: list(data.pulseUnits),
    doseUnits: list(data.doseUnits),
    measureUnits: list(data.measureUnits),
    ordinalSuffixes: new Set(data.ordinalSuffixes),
    monthWords: new Set(data.monthWords.flatMap(phraseWords)),
    birthWords: list(data.birthWords),
    approximate: list(data.approximate),
    durationUnits: data.durationUnits,
    durationDirections: data.durationDirections,
    ageMarkers: list(data.ageMarkers),
    data,
  };
}

/** True when the words of `phrase` start at token `at` ("word*" matches every word it starts). */
export function phraseAt(tokens: readonly Token[], at: number, phrase: readonly string[]): boolean {
  for (let k = 0; k < phrase.length; k++) {
    const token = tokens[at + k];
    if (token === undefined || token.boundary !== undefined) return false;
    const word = phrase[k]!;
    if (word.endsWith('*') ? !token.text.startsWith(word.slice(0, -1)) : token.text !== word) return false;
  }
  return true;
}

/** How many tokens the longest of `phrases` takes at `at` (0: none). */
export function longestPhraseAt(tokens: readonly Token[], at: number, phrases: readonly (readonly string[])[]): number {
  let longest = 0;
  for (const phrase of phrases) if (phrase.length > longest && phraseAt(tokens, at, phrase)) longest = phrase.length;
  return longest;
}

/** The start of one of `phrases` ending within `reach` tokens before `at`, in the same clause ("temperature of 39"). */
function phraseBefore(tokens: readonly Token[], at: number, phrases: readonly (readonly string[])[], reach: number): number | undefined {
  for (let j = at - 1; j >= 0 && j >= at - reach; j--) {
    const token = tokens[j]!;
    if (token.boundary !== undefined && token.boundary !== 'label') return undefined;
    for (const phrase of phrases) {
      const start = j - phrase.length + 1;
      if (start >= 0 && phraseAt(tokens, start, phrase)) return start;
    }
  }
  return undefined;
}

interface NumberAt {
  value: number;
  end: number;
}

/** The most words one number in words takes ("a hundred and one point five" is six). */
const MAX_RUN = 8;

const isDigits = (text: string) => /^\d+(\.\d+)?$/.test(text);

/**
 * A number written in digits or words at token `i` ("34", "thirty four", "a hundred and one",
 * "a couple", "two and a half"). A run of several number words is read by the Microsoft number
 * recognizer; one word by the data.
 */
export function numberAt(tokens: readonly Token[], i: number, numbers: NumberWords, text: string): NumberAt | undefined {
  const word = tokens[i]?.text;
  if (word === undefined || word === '') return undefined;
  let value: number | undefined;
  let end = i + 1;
  if (isDigits(word)) value = Number(word);
  else if (numbers.words.has(word) || (numbers.articles.has(word) && numbers.words.has(tokens[i + 1]?.text ?? ''))) {
    // the run of number words, and the words that join them ("a hundred and one", "thirty eight point five")
    let last = numbers.words.has(word) ? i : i + 1;
    // a number in words is a few words long: the run stops after MAX_RUN, so reading stays linear
    for (let j = last + 1; j < Math.min(tokens.length, i + MAX_RUN); j++) {
      const next = tokens[j]!.text;
      const following = tokens[j + 1]?.text ?? '';
      if (numbers.words.has(next) || isDigits(next)) last = j;
      else if (!numbers.joiners.has(next) || !(numbers.words.has(following) || isDigits(following))) break;
    }
    // one word is read by the data ("two", "couple"); a run by the recognizer
    const read = last > i ? numberInWords(text.slice(tokens[i]!.start, tokens[last]!.end)) : undefined;
    if (read !== undefined) {
      value = read.value;
      const stop = tokens[i]!.start + read.length;
      end = i + 1;
      while (end <= last && tokens[end]!.start < stop) end += 1;
    } else if (numbers.words.has(word)) {
      value = numbers.words.get(word)!;
      // "thirty four": a ten and a unit make one number, also when the recognizer is not asked
      const unit = numbers.words.get(tokens[i + 1]?.text ?? '');
      if (unit !== undefined && value >= 20 && value % 10 === 0 && unit > 0 && unit < 10) {
        value += unit;
        end = i + 2;
      }
    } else {
      value = numbers.words.get(tokens[i + 1]!.text)!; // "a couple", "a few"
      end = i + 2;
    }
    // "half a year": the article belongs to the unit
    if (value === 0.5 && end === i + 1 && numbers.articles.has(tokens[i + 1]?.text ?? '')) end = i + 2;
  } else if (numbers.articles.has(word) && numbers.durationUnits[tokens[i + 1]?.text ?? ''] !== undefined) {
    value = 1; // "a week ago"
  }
  if (value === undefined) return undefined;
  // "a couple of weeks"
  if (numbers.unitJoiners.has(tokens[end]?.text ?? '') && numbers.durationUnits[tokens[end + 1]?.text ?? ''] !== undefined) end += 1;
  // "17 and a half", "a year and a half"
  if (
    numbers.joiners.has(tokens[end]?.text ?? '') &&
    numbers.articles.has(tokens[end + 1]?.text ?? '') &&
    numbers.words.get(tokens[end + 2]?.text ?? '') === 0.5
  )
    return { value: value + 0.5, end: end + 3 };
  return { value, end };
}

const plausibleCelsius = (value: number) => value >= 34 && value <= 45;
const plausibleFahrenheit = (value: number) => value >= 93 && value <= 113;
const plausiblePulse = (value: number) => value >= 30 && value <= 250;
/** How many tokens back a word a number is attached to may stand ("temperature this morning was 39"). */
const ATTACHED_REACH = 4;

function temperature(tokens: readonly Token[], i: number, number: NumberAt, numbers: NumberWords): Quantity | undefined {
  let end = number.end;
  let unit: 'C' | 'F' | 'deg' | undefined;
  for (let k = 0; k < 2; k++) {
    const next = tokens[end]?.text ?? '';
    if (numbers.celsius.has(next)) unit = 'C';
    else if (numbers.fahrenheit.has(next)) unit = 'F';
    else if (numbers.degrees.has(next)) unit = unit ?? 'deg';
    else break;
    end += 1;
  }
  const wordBefore = phraseBefore(tokens, i, numbers.temperatureWords, ATTACHED_REACH);
  if (unit === undefined && wordBefore === undefined) return undefined;
  const { value } = number;
  const asFahrenheit = unit === 'F' || (unit !== 'C' && plausibleFahrenheit(value));
  if (!(asFahrenheit ? plausibleFahrenheit(value) : plausibleCelsius(value))) return undefined;
  const celsius = asFahrenheit ? ((value - 32) * 5) / 9 : value;
  const fever = asFahrenheit ? value >= numbers.data.feverFahrenheit : value >= numbers.data.feverCelsius;
  return { kind: 'temperature', celsius: Math.round(celsius * 10) / 10, fever, start: wordBefore ?? i, end };
}

function pulse(tokens: readonly Token[], i: number, number: NumberAt, numbers: NumberWords): Quantity | undefined {
  const unit = longestPhraseAt(tokens, number.end, numbers.pulseUnits);
  const wordBefore = phraseBefore(tokens, i, numbers.pulseWords, ATTACHED_REACH);
  if ((unit === 0 && wordBefore === undefined) || !plausiblePulse(number.value)) return undefined;
  const racing = number.value > numbers.data.racingHeartAbove;
  return { kind: 'pulse', perMinute: number.value, racing, start: wordBefore ?? i, end: number.end + unit };
}

function duration(tokens: readonly Token[], i: number, number: NumberAt, numbers: NumberWords): Quantity | undefined {
  const unitWord = tokens[number.end]?.text ?? '';
  const perUnit = numbers.durationUnits[unitWord];
  // "34 years old" is an age, not a time span
  if (perUnit === undefined || longestPhraseAt(tokens, number.end, numbers.ageMarkers) > 0) return undefined;
  const directionWord = tokens[number.end + 1]?.text ?? '';
  const direction = numbers.durationDirections[directionWord];
  // "about 3 weeks", "3 weeks or so", "a couple of weeks": the span is approximate; a hedge before it may mean fewer
  let approximate = false;
  let hedged = false;
  for (let at = Math.max(0, i - 2); at < Math.min(tokens.length, number.end + 3) && !approximate; at++) {
    const length = longestPhraseAt(tokens, at, numbers.approximate);
    if (length > 0 && at < i && at + length >= i) hedged = true;
    approximate = length > 0 || (at < number.end && numbers.approximateCounts.has(tokens[at]!.text));
  }
  const quantity: Quantity = { kind: 'duration', days: number.value * perUnit, approximate, hedged, start: i, end: number.end + 1 };
  if (direction !== undefined) quantity.direction = direction;
  else if (numbers.durationDirections[tokens[i - 1]?.text ?? ''] === 'for') quantity.direction = 'for';
  return quantity;
}

/** A day of a month ("the 19th", "19 May", "May 19") or a year that is not a birth year. */
function date(tokens: readonly Token[], i: number, number: NumberAt, numbers: NumberWords): Quantity | undefined {
  const next = tokens[number.end]?.text ?? '';
  const { value } = number;
  if (numbers.ordinalSuffixes.has(next) && Number.isInteger(value))
    return { kind: 'date', value, exact: true, start: i, end: number.end + 1 };
  // "19 May", "May 19" name a day; "May 2025" a month of a year
  if (numbers.monthWords.has(next) || numbers.monthWords.has(tokens[i - 1]?.text ?? ''))
    return { kind: 'date', value, exact: value >= 1 && value <= 31, start: i, end: number.end };
  const year = Number.isInteger(value) && value >= 1900 && value <= 2100;
  if (year && phraseBefore(tokens, i, numbers.birthWords, ATTACHED_REACH) === undefined)
    return { kind: 'date', value, exact: false, start: i, end: number.end };
  return undefined;
}

/** "20 mg", "2 tablets", "5 ft 4": a dose or a measure, never an age. */
function doseOrMeasure(tokens: readonly Token[], i: number, number: NumberAt, numbers: NumberWords): Quantity | undefined {
  const dose = longestPhraseAt(tokens, number.end, numbers.doseUnits);
  if (dose > 0) return { kind: 'dose', value: number.value, start: i, end: number.end + dose };
  const measure = longestPhraseAt(tokens, number.end, numbers.measureUnits);
  if (measure === 0) return undefined;
  let end = number.end + measure;
  // "5 ft 4": the number after a measure's unit belongs to it
  if (isDigits(tokens[end]?.text ?? '')) end += 1;
  return { kind: 'measure', value: number.value, start: i, end };
}

export function findQuantities(tokens: readonly Token[], numbers: NumberWords, text: string): Quantity[] {
  const quantities: Quantity[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const number = numberAt(tokens, i, numbers, text);
    if (number === undefined) continue;
    const attached =
      temperature(tokens, i, number, numbers) ??
      pulse(tokens, i, number, numbers) ??
      date(tokens, i, number, numbers) ??
      duration(tokens, i, number, numbers) ??
      doseOrMeasure(tokens, i, number, numbers);
    if (attached !== undefined) {
      quantities.push(attached);
      i = attached.end - 1;
      continue;
    }
    if (numbers.articles.has(tokens[i]!.text)) continue;
    quantities.push({ kind: 'number', value: number.value, start: i, end: number.end });
    i = number.end - 1;
  }
  return quantities;
}
