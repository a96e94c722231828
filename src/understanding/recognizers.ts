import { Culture, DateTimeOptions, NumberOptions, recognizeDateTime, recognizeNumber } from '@microsoft/recognizers-text-suite';
import { RecentValues } from '../recent-values.js';

const CULTURE = Culture.English;

/** What a Microsoft recognizer found: the words, where they are, and their resolution. */
export interface RecognizedText {
  start: number;
  end: number;
  text: string;
  typeName: string;
  resolution?: { [key: string]: unknown };
}

/**
 * The longest text given to the date recognizer; a longer one is not read as a
 * date (the question is asked again). The models take time far beyond linear in the length of
 * some texts: 2,000 characters of "no no no ..." kept the choice model busy for 3.6 s, the
 * 20,000 a message may hold for about an hour, with the whole server stalled (found by the
 * fuzz suite). At this length the slowest text found costs the date model about 0.2 s.
 */
export const MAX_RECOGNIZED_LENGTH = 200;

/**
 * The suite builds each model once and keeps it (its model factory caches models per culture),
 * so a call after the first costs the parse: about 2 ms for a date, 0.2 ms for a number.
 * Called only where a date or a number in words may be (the reader checks its words first).
 */
export function parseDateTimes(text: string, referenceDate: Date): RecognizedText[] {
  if (text.length > MAX_RECOGNIZED_LENGTH) return [];
  return recognizeDateTime(text, CULTURE, DateTimeOptions.None, referenceDate) as RecognizedText[];
}

/** The longest run of number words the number recognizer is given ("a hundred and one point five"). */
export const MAX_NUMBER_WORDS_LENGTH = 80;

const recentNumbers = new RecentValues<{ value: number; length: number } | undefined>(64);

/**
 * A number written in words at the start of `text` ("a hundred and one", "thirty eight point
 * five", "twenty-seven"): its value and how many characters it takes, or undefined.
 */
export function numberInWords(text: string): { value: number; length: number } | undefined {
  if (text.length > MAX_NUMBER_WORDS_LENGTH) return undefined;
  return recentNumbers.getOrMake(text, () => {
    const first = (recognizeNumber(text, CULTURE, NumberOptions.None) as RecognizedText[])[0];
    const value = Number(first?.resolution?.['value']);
    if (first === undefined || first.start !== 0 || !Number.isFinite(value)) return undefined;
    return { value, length: first.end + 1 };
  });
}
