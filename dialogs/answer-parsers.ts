import type { Tri } from '../src/safety/index.js';
import { parseAge } from '../src/understanding/age.js';
import { parsePastDate } from '../src/understanding/past-date.js';
import { isNoneOfThese, isUnsure, parseYesNoUnsure } from '../src/understanding/yes-no.js';
import { normalizeText } from '../src/understanding/normalize.js';
import type { PromptInput } from './prompts/answer-prompt.js';
import type { Goal } from './assessment-record.js';

export type { Goal };

/**
 * Parsers for each kind of question: a button (by index) or free text in, a structured answer
 * out, or undefined when the text cannot be read (the prompt then re-asks with an example).
 */

export type Unknown = 'unknown';

/** Button values that are not an item of a list. */
export const NONE_CHOICE = '__none';
export const UNSURE_CHOICE = '__unsure';

export function parseAgeAnswer(input: PromptInput, today: Date): number | Unknown | undefined {
  if (isUnsure(input.text)) return 'unknown';
  return parseAge(input.text, today);
}

/** yes / no / not sure; `fromLexicon` reads the field from what the person wrote ("I'm not pregnant"). */
export function parseTriAnswer(input: PromptInput, fromLexicon?: (text: string) => Tri | undefined): Tri | undefined {
  if (input.choice !== undefined) return input.choice as Tri;
  return fromLexicon?.(input.text) ?? parseYesNoUnsure(input.text);
}

export interface IsotretinoinReading {
  status: 'current' | 'stopped' | 'never' | 'unknown';
  stoppedOn?: string;
}

/** Buttons: taking now, stopped, never, not sure. Free text: lexicon status, plus a date if given. */
export function parseIsotretinoinAnswer(
  input: PromptInput,
  today: Date,
  fromLexicon: (text: string) => IsotretinoinReading['status'] | undefined,
): IsotretinoinReading | undefined {
  if (input.choice !== undefined) return { status: input.choice as IsotretinoinReading['status'] };
  const text = normalizeText(input.text);
  const stoppedWords = /\b(stopped|finished|came off|quit|ended|used to|in the past|last took|took it)\b/.test(text);
  const status =
    fromLexicon(input.text) ??
    (stoppedWords ? 'stopped' : undefined) ??
    (/\b(never|not ever)\b/.test(text) ? 'never' : undefined) ??
    ({ no: 'never', unknown: 'unknown', yes: undefined } as const)[parseYesNoUnsure(input.text) ?? 'yes'];
  if (!status) return undefined;
  if (status !== 'stopped') return { status };
  const stoppedOn = parsePastDate(input.text, today);
  return stoppedOn ? { status, stoppedOn } : { status };
}

/** A past date, or "not sure". */
export function parseDateAnswer(input: PromptInput, today: Date): string | Unknown | undefined {
  if (isUnsure(input.text)) return 'unknown';
  return parsePastDate(input.text, today);
}

export interface LastSessionReading {
  status: 'never' | 'done' | 'unknown';
  date?: string;
}

/** Buttons: never had it, had it, not sure. Free text: a date means done on that date. */
export function parseLastSessionAnswer(input: PromptInput, today: Date): LastSessionReading | undefined {
  if (input.choice !== undefined) return { status: input.choice as LastSessionReading['status'] };
  // Words first: the date recognizer is the slowest step, and "never" needs none.
  if (isUnsure(input.text)) return { status: 'unknown' };
  if (/\b(never|not yet|first time|no)\b/.test(normalizeText(input.text))) return { status: 'never' };
  const date = parsePastDate(input.text, today);
  if (date) return { status: 'done', date };
  const yesNo = parseYesNoUnsure(input.text);
  if (yesNo === 'yes') return { status: 'done' };
  return undefined;
}

/** Buttons: clinic, home, not sure. */
export function parseGoalAnswer(input: PromptInput): Goal | undefined {
  if (input.choice !== undefined) return input.choice as Goal;
  const text = normalizeText(input.text);
  if (isUnsure(text) || /\b(either|both|undecided|don'?t mind)\b/.test(text)) return 'unsure';
  if (/\b(clinic|professional|salon|dermatologist|practitioner|doctor|spa)\b/.test(text)) return 'clinic';
  if (/\b(home|myself|diy|roller|own)\b/.test(text)) return 'home';
  return undefined;
}

export type Depth = 'shallow' | 'deep' | 'both' | 'unknown';

/** Depth of wrinkles or scars: a button, or words. */
export function parseDepthAnswer(input: PromptInput): Depth | undefined {
  if (input.choice !== undefined) return input.choice as Depth;
  const text = normalizeText(input.text);
  if (isUnsure(text)) return 'unknown';
  const deep = /\b(deep|pitted|pits|icepick|ice pick|boxcar|rolling|severe)\b/.test(text);
  const shallow = /\b(fine|shallow|light|small|superficial|marks?|crow'?s feet)\b/.test(text);
  if (/\bboth\b/.test(text) || (deep && shallow)) return 'both';
  if (deep) return 'deep';
  if (shallow) return 'shallow';
  return undefined;
}

export type ChecklistPick = { kind: 'items'; values: Record<string, Tri> } | { kind: 'none' } | { kind: 'unsure' };

/**
 * A checklist answer. Buttons: an item id, NONE_CHOICE or UNSURE_CHOICE. Free text: the items
 * `match` finds (each yes, no or not sure), else "not sure", else "none of these".
 */
export function parseChecklistAnswer(
  input: PromptInput,
  itemIds: string[],
  match: (text: string) => Record<string, Tri>,
): ChecklistPick | undefined {
  if (input.choice === NONE_CHOICE) return { kind: 'none' };
  if (input.choice === UNSURE_CHOICE) return { kind: 'unsure' };
  if (input.choice !== undefined) return { kind: 'items', values: { [input.choice]: 'yes' } };
  const found = Object.entries(match(input.text)).filter(([id]) => itemIds.includes(id));
  if (found.length > 0) return { kind: 'items', values: Object.fromEntries(found) };
  if (isUnsure(input.text)) return { kind: 'unsure' };
  if (isNoneOfThese(input.text)) return { kind: 'none' };
  return undefined;
}
