import { parseNumbers } from './recognizers.js';
import { normalizeText } from './normalize.js';

const OLDEST_AGE = 120;

/**
 * An age in years from "34", "thirty four", "I'm 17", "34 years old" or a birth year.
 * From a birth year the lower of the two possible ages is taken: for the adult check, a
 * birthday not yet reached must count.
 */
export function parseAge(text: string, referenceDate: Date): number | undefined {
  const numbers = parseNumbers(normalizeText(text))
    .map((result) => Number(result.resolution?.['value']))
    .filter((value) => Number.isFinite(value));
  if (numbers.length !== 1) return undefined;
  const value = numbers[0]!;
  if (!Number.isInteger(value) || value < 0) return undefined;
  if (value <= OLDEST_AGE) return value;
  const currentYear = referenceDate.getUTCFullYear();
  if (value > currentYear - OLDEST_AGE && value <= currentYear) return Math.max(0, currentYear - value - 1);
  return undefined;
}
