import type { IsotretinoinAnswer, LastSessionAnswer, Tri } from '../src/safety/index.js';
import {
  read,
  readAge,
  readApproximateDate,
  readScreeningAnswers,
  readYesNo,
  type Reader,
  type ScreeningReading,
} from '../src/understanding/reader/index.js';
import { foldedWords } from '../src/understanding/fold.js';
import type { PromptInput } from './prompts/answer-prompt.js';
import type { Goal } from './assessment-record.js';

export type { Goal };

/**
 * Parsers for each kind of question: a button (by index) or free text in, a structured answer
 * out, or undefined when the text cannot be read (the prompt then re-asks with an example).
 * Free text is always read by the clinical reader; nothing here knows a clinical word.
 */

export type Unknown = 'unknown';

/** Button values that are not an item of a list. */
export const NONE_CHOICE = '__none';
export const UNSURE_CHOICE = '__unsure';

/** What every free-text parser reads with: the reader and the reference day. */
export interface ReadWith {
  reader: Reader;
  today: Date;
}

function screening(text: string, using: ReadWith, pending: readonly string[]): ScreeningReading {
  return readScreeningAnswers(text, using.reader, { referenceDate: using.today, pending });
}

/** The value a reading gives a field, as a dotted path ("afterTreatment.infectionSigns"). */
function valueOf(reading: ScreeningReading, field: string): unknown {
  const [head, tail] = field.split('.');
  if (head === 'afterTreatment') return (reading.afterTreatment as Record<string, unknown>)[tail!];
  return (reading.answers as Record<string, unknown>)[head!];
}

/**
 * A bare "no" with words the reader could not place ("no, I have glorp") is not taken as "no":
 * the question is asked again, so part of an answer is never silently dropped as a denial.
 */
function bareNoWithUnplacedWords(reading: ScreeningReading, field: string): boolean {
  if (reading.unplaced.length === 0) return false;
  return reading.evidence.some((evidence) => evidence.field === field && evidence.basis === 'bare-answer' && evidence.value === 'no');
}

export function parseAgeAnswer(input: PromptInput, using: ReadWith): number | Unknown | undefined {
  const age = readAge(input.text, using.reader, using.today, { expectingAge: true });
  if (age) return age.years;
  return readYesNo(input.text, using.reader) === 'unknown' ? 'unknown' : undefined;
}

/** yes / no / not sure for one screening field, read from what the person wrote ("I'm not pregnant"). */
export function parseTriAnswer(input: PromptInput, using: ReadWith, field: string): Tri | undefined {
  if (input.choice !== undefined) return input.choice as Tri;
  const reading = screening(input.text, using, [field]);
  if (bareNoWithUnplacedWords(reading, field)) return undefined;
  return valueOf(reading, field) as Tri | undefined;
}

export type IsotretinoinReading = IsotretinoinAnswer;

/** Buttons: taking now, stopped, never, not sure. Free text: the reader's status, with the stop date if given. */
export function parseIsotretinoinAnswer(input: PromptInput, using: ReadWith): IsotretinoinReading | undefined {
  if (input.choice !== undefined) return { status: input.choice as IsotretinoinReading['status'] };
  const reading = screening(input.text, using, ['isotretinoin']);
  if (bareNoWithUnplacedWords(reading, 'isotretinoin')) return undefined;
  if (reading.answers.isotretinoin) return reading.answers.isotretinoin;
  // "I stopped it 3 months ago": the drug is the one asked about, the words say it is over.
  const words = read(input.text, using.reader);
  if (!words.danglingFlags.some((dangling) => dangling.flags.includes('historical'))) return undefined;
  const when = readApproximateDate(input.text, using.reader, using.today, words);
  return when ? { status: 'stopped', stoppedOn: when.date } : { status: 'stopped' };
}

/** A past date (the latest day an approximate phrase allows), or "not sure". */
export function parseDateAnswer(input: PromptInput, using: ReadWith): string | Unknown | undefined {
  if (input.choice === 'unknown') return 'unknown';
  const when = readApproximateDate(input.text, using.reader, using.today);
  if (when) return when.date;
  return readYesNo(input.text, using.reader) === 'unknown' ? 'unknown' : undefined;
}

export type LastSessionReading = LastSessionAnswer;

/** Buttons: never had it, had it, not sure. Free text: "No, I had one 2 weeks ago" is done 2 weeks ago. */
export function parseLastSessionAnswer(input: PromptInput, using: ReadWith): LastSessionReading | undefined {
  if (input.choice !== undefined) return { status: input.choice as LastSessionReading['status'] };
  const reading = screening(input.text, using, ['lastSession']);
  if (bareNoWithUnplacedWords(reading, 'lastSession')) return undefined;
  const answer = reading.answers.lastSession;
  // A date alone answers the question "when was your last session?"
  const when = answer === undefined || answer.status === 'unknown' ? readApproximateDate(input.text, using.reader, using.today) : undefined;
  if (when) return { status: 'done', date: when.date };
  return answer;
}

/** Buttons: clinic, home, not sure. */
export function parseGoalAnswer(input: PromptInput, using: ReadWith): Goal | undefined {
  if (input.choice !== undefined) return input.choice as Goal;
  const text = foldedWords(input.text);
  if (readYesNo(input.text, using.reader) === 'unknown' || /\b(either|both|undecided|dont mind)\b/.test(text)) return 'unsure';
  if (/\b(clinic|professional|salon|dermatologist|practitioner|doctor|spa)\b/.test(text)) return 'clinic';
  if (/\b(home|myself|diy|roller|own)\b/.test(text)) return 'home';
  return undefined;
}

export type Depth = 'shallow' | 'deep' | 'both' | 'unknown';

/** Depth of wrinkles or scars: a button, or words. */
export function parseDepthAnswer(input: PromptInput, using: ReadWith): Depth | undefined {
  if (input.choice !== undefined) return input.choice as Depth;
  const text = foldedWords(input.text);
  if (readYesNo(input.text, using.reader) === 'unknown') return 'unknown';
  const deep = /\b(deep|pitted|pits|icepick|ice pick|boxcar|rolling|severe)\b/.test(text);
  const shallow = /\b(fine|shallow|light|small|superficial|marks?|crows feet)\b/.test(text);
  if (/\bboth\b/.test(text) || (deep && shallow)) return 'both';
  if (deep) return 'deep';
  if (shallow) return 'shallow';
  return undefined;
}

export type ChecklistPick = { kind: 'items'; values: Record<string, Tri> } | { kind: 'none' } | { kind: 'unsure' };

/** Finds checklist items in free text: what was named (each yes, no or not sure) and what a bare answer says of all. */
export type ChecklistReader = (text: string) => { named: Record<string, Tri>; bare?: Tri; unplaced: boolean };

/**
 * A checklist answer. Buttons: an item id, NONE_CHOICE or UNSURE_CHOICE. Free text: the items
 * named; else a bare "none of these" or "not sure". A bare "yes" does not say which item, and a
 * "no" beside words the reader could not place is no denial: both are asked again.
 */
export function parseChecklistAnswer(
  input: PromptInput,
  itemIds: readonly string[],
  readItems: ChecklistReader,
): ChecklistPick | undefined {
  if (input.choice === NONE_CHOICE) return { kind: 'none' };
  if (input.choice === UNSURE_CHOICE) return { kind: 'unsure' };
  if (input.choice !== undefined) return { kind: 'items', values: { [input.choice]: 'yes' } };
  const { named, bare, unplaced } = readItems(input.text);
  const found = Object.entries(named).filter(([id]) => itemIds.includes(id));
  if (found.length > 0) return { kind: 'items', values: Object.fromEntries(found) };
  if (bare === 'unknown') return { kind: 'unsure' };
  if (bare === 'no' && !unplaced) return { kind: 'none' };
  return undefined;
}

/**
 * Screening or after-treatment items in free text, by item id; `fieldOf` gives each item's
 * answer field. Items named in the message are kept apart from what a bare answer says.
 */
export function screeningChecklistReader(using: ReadWith, itemIds: readonly string[], fieldOf: (id: string) => string): ChecklistReader {
  return (text) => {
    const fields = itemIds.map(fieldOf);
    const reading = screening(text, using, fields);
    const named: Record<string, Tri> = {};
    let bare: Tri | undefined;
    for (const id of itemIds) {
      const field = fieldOf(id);
      const value = valueOf(reading, field) as Tri | undefined;
      if (value === undefined) continue;
      const isBare = reading.evidence.some((evidence) => evidence.field === field && evidence.basis === 'bare-answer');
      if (isBare) bare = value;
      else named[id] = value;
    }
    return { named, ...(bare !== undefined ? { bare } : {}), unplaced: reading.unplaced.length > 0 };
  };
}
