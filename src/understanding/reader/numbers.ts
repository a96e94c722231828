import type { CompiledReader } from './compile.js';
import type { Token } from './normalize.js';

/**
 * Numbers with units, read before words are matched so that "temperature of 39" is a
 * temperature (not an age of 39) and "two days after" a duration (not an age of 2).
 */

export type DurationDirection = 'ago' | 'after' | 'for';

export type Quantity =
  | { kind: 'temperature'; celsius: number; fever: boolean; start: number; end: number }
  | { kind: 'duration'; days: number; direction?: DurationDirection; approximate: boolean; start: number; end: number }
  | { kind: 'number'; value: number; start: number; end: number };

interface NumberAt {
  value: number;
  end: number;
}

/** A number written in digits or words at token `i` ("34", "thirty four", "a couple", "two and a half"). */
export function numberAt(tokens: readonly Token[], i: number, reader: CompiledReader): NumberAt | undefined {
  const text = tokens[i]?.text;
  if (text === undefined || text === '') return undefined;
  let value: number | undefined;
  let end = i + 1;
  if (/^\d+(\.\d+)?$/.test(text)) value = Number(text);
  else if (reader.numberWords.has(text)) {
    value = reader.numberWords.get(text)!;
    // "half a year": the article belongs to the unit
    if (value === 0.5 && (tokens[i + 1]?.text === 'a' || tokens[i + 1]?.text === 'an')) end = i + 2;
    const next = tokens[i + 1]?.text;
    const unit = next !== undefined ? reader.numberWords.get(next) : undefined;
    // "thirty four": a ten and a unit make one number
    if (end === i + 1 && unit !== undefined && value >= 20 && value % 10 === 0 && unit > 0 && unit < 10) {
      value += unit;
      end = i + 2;
    }
  } else if ((text === 'a' || text === 'an') && tokens[i + 1]?.text !== undefined) {
    // "a week ago", "a couple of weeks", "a few days": the article only counts before these
    const next = tokens[i + 1]!.text;
    if (reader.numberWords.has(next) && reader.numberWords.get(next)! <= 3) {
      value = reader.numberWords.get(next)!;
      end = i + 2;
    } else if (reader.knowledge.triggers.numbers.durationUnits[next] !== undefined) {
      value = 1;
    }
  }
  if (value === undefined) return undefined;
  if (tokens[end]?.text === 'of' && reader.knowledge.triggers.numbers.durationUnits[tokens[end + 1]?.text ?? ''] !== undefined) end += 1;
  // "17 and a half", "a year and a half"
  if (tokens[end]?.text === 'and' && tokens[end + 1]?.text === 'a' && tokens[end + 2]?.text === 'half')
    return { value: value + 0.5, end: end + 3 };
  return { value, end };
}

const plausibleCelsius = (value: number) => value >= 34 && value <= 45;
const plausibleFahrenheit = (value: number) => value >= 93 && value <= 113;

function temperatureWordBefore(tokens: readonly Token[], i: number, words: ReadonlySet<string>): number | undefined {
  for (let j = i - 1; j >= 0 && j >= i - 4; j--) {
    const token = tokens[j]!;
    if (token.boundary !== undefined && token.boundary !== 'label') return undefined;
    if (words.has(token.text)) return j;
  }
  return undefined;
}

export function findQuantities(tokens: readonly Token[], reader: CompiledReader): Quantity[] {
  const data = reader.knowledge.triggers.numbers;
  const celsius = new Set(data.celsiusUnits);
  const fahrenheit = new Set(data.fahrenheitUnits);
  const degrees = new Set(data.degreeUnits);
  const temperatureWords = new Set(data.temperatureWords);
  const approximate = new Set(data.approximate);
  const quantities: Quantity[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const number = numberAt(tokens, i, reader);
    if (number === undefined) continue;
    const { value } = number;
    let end = number.end;
    let unit: 'C' | 'F' | 'deg' | undefined;
    for (let k = 0; k < 2; k++) {
      const next = tokens[end]?.text ?? '';
      if (celsius.has(next)) unit = 'C';
      else if (fahrenheit.has(next)) unit = 'F';
      else if (degrees.has(next)) unit = unit ?? 'deg';
      else break;
      end += 1;
    }
    const wordBefore = temperatureWordBefore(tokens, i, temperatureWords);
    if (unit !== undefined || wordBefore !== undefined) {
      const asFahrenheit = unit === 'F' || (unit !== 'C' && plausibleFahrenheit(value));
      const degreesCelsius = asFahrenheit ? ((value - 32) * 5) / 9 : value;
      if ((asFahrenheit && plausibleFahrenheit(value)) || (!asFahrenheit && plausibleCelsius(value))) {
        const fever = asFahrenheit ? value >= data.feverFahrenheit : value >= data.feverCelsius;
        quantities.push({ kind: 'temperature', celsius: Math.round(degreesCelsius * 10) / 10, fever, start: wordBefore ?? i, end });
        i = end - 1;
        continue;
      }
    }
    const unitWord = tokens[number.end]?.text ?? '';
    const perUnit = data.durationUnits[unitWord];
    // "34 years old" is an age, not a time span
    if (perUnit !== undefined && !['old', 'of'].includes(tokens[number.end + 1]?.text ?? '')) {
      const directionWord = tokens[number.end + 1]?.text ?? '';
      const direction = data.durationDirections[directionWord];
      const before = tokens[i - 1]?.text ?? '';
      const isApproximate =
        approximate.has(before) ||
        ['a few', 'few', 'couple', 'several'].some((w) =>
          tokens
            .slice(i, number.end)
            .map((t) => t.text)
            .join(' ')
            .includes(w),
        );
      const quantity: Quantity = { kind: 'duration', days: value * perUnit, approximate: isApproximate, start: i, end: number.end + 1 };
      if (direction !== undefined) quantity.direction = direction;
      else if (before === 'for') quantity.direction = 'for';
      quantities.push(quantity);
      i = number.end;
      continue;
    }
    if (tokens[i]!.text === 'a' || tokens[i]!.text === 'an') continue;
    quantities.push({ kind: 'number', value, start: i, end: number.end });
    i = number.end - 1;
  }
  return quantities;
}
