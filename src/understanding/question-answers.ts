import type { CatalogueQuestion, ScreeningAnswers, Tri } from '../safety/index.js';
import { readField } from '../safety/index.js';
import { daysSince } from './past-date.js';
import {
  read,
  readAge,
  readApproximateDate,
  readLifeStage,
  readScreeningAnswers,
  readYesNo,
  type Reader,
  type ScreeningReading,
} from './reader/index.js';

/**
 * The answer to the question that was asked, read from a button or free text, for each type of
 * catalogue question: the fields it sets (dotted paths) or undefined when the text cannot be read
 * (the prompt then re-asks with an example). Pure: no botbuilder; the clinical reading is the
 * reader's, so the form dialog knows no clinical word.
 */

export interface AnswerInput {
  text: string;
  /** The value of the button pressed (or typed by its title or number). */
  choice?: string;
  /** A checklist's ticked values (a card's checkboxes, or numbers typed in one reply): item ids, NONE_CHOICE, UNSURE_CHOICE. */
  picks?: readonly string[];
}

export interface ReadWith {
  reader: Reader;
  today: Date;
  /** The person's age when known: a stage of life ("as a teen") is dated from it. */
  personAge?: number;
}

/** Button values that are not an answer of their own. */
export const NONE_CHOICE = '__none';
export const UNSURE_CHOICE = '__unsure';

function screening(text: string, using: ReadWith, pending: readonly string[]): ScreeningReading {
  return readScreeningAnswers(text, using.reader, {
    referenceDate: using.today,
    pending,
    ...(using.personAge !== undefined ? { personAge: using.personAge } : {}),
  });
}

function valueOf(reading: ScreeningReading, field: string): unknown {
  if (field.startsWith('afterTreatment.'))
    return (reading.afterTreatment as Record<string, unknown>)[field.slice('afterTreatment.'.length)];
  return readField(reading.answers, field);
}

/**
 * A bare "no" with words the reader could not place ("no, I have glorp") is no denial: the
 * question is asked again, so part of an answer is never silently dropped as a "no".
 */
function bareNoWithUnplacedWords(reading: ScreeningReading, field: string): boolean {
  if (reading.unplaced.length === 0) return false;
  return reading.evidence.some((evidence) => evidence.field === field && evidence.basis === 'bare-answer' && evidence.value === 'no');
}

/** The root of a dotted field ("isotretinoin.status" -> "isotretinoin"). */
const rootOf = (field: string) => field.split('.')[0]!;

function readTri(input: AnswerInput, using: ReadWith, field: string): Record<string, unknown> | undefined {
  if (input.choice !== undefined) return { [field]: input.choice as Tri };
  const reading = screening(input.text, using, [field]);
  if (bareNoWithUnplacedWords(reading, field)) return undefined;
  const value = valueOf(reading, field);
  return value === undefined ? undefined : { [field]: value };
}

function readAgeAnswer(input: AnswerInput, using: ReadWith, field: string): Record<string, unknown> | undefined {
  const age = readAge(input.text, using.reader, using.today, { expectingAge: true });
  if (age) return { [field]: age.years };
  return readYesNo(input.text, using.reader) === 'unknown' ? { [field]: 'unknown' } : undefined;
}

function readDate(input: AnswerInput, using: ReadWith): string | 'unknown' | undefined {
  if (input.choice === 'unknown') return 'unknown';
  const when = readApproximateDate(input.text, using.reader, using.today);
  if (when) return when.date;
  // "as a teen": the end of that stage, from the person's age; not sure without one
  const stage = readLifeStage(read(input.text, using.reader), using.reader, using.today, using.personAge);
  if (stage) return stage === 'unknown' ? 'unknown' : stage.date;
  return readYesNo(input.text, using.reader) === 'unknown' ? 'unknown' : undefined;
}

/**
 * A choice with its date ("isotretinoin.status" with "isotretinoin.stoppedOn"): the reader's
 * status and date for the root; a date alone, or words that say it is over, answer it too.
 */
function readChoice(
  input: AnswerInput,
  using: ReadWith,
  question: CatalogueQuestion,
  dated: CatalogueQuestion | undefined,
): Record<string, unknown> | undefined {
  const field = question.field;
  if (input.choice !== undefined) return { [field]: input.choice };
  const root = rootOf(field);
  const reading = screening(input.text, using, [root]);
  if (bareNoWithUnplacedWords(reading, root)) return undefined;
  const status = readField(reading.answers, field);
  const datedValue = dated ? readField(reading.answers, dated.field) : undefined;
  if (status !== undefined && status !== 'unknown')
    return { [field]: status, ...(dated && datedValue ? { [dated.field]: datedValue } : {}) };
  // "I stopped it 3 months ago" / "2 weeks ago": the thing asked about, now over, on that date.
  if (dated) {
    const words = read(input.text, using.reader);
    const over = words.danglingFlags.some((dangling) => dangling.flags.includes('historical'));
    const when = readApproximateDate(input.text, using.reader, using.today, words);
    const value = dated.askedWhen && 'is' in dated.askedWhen ? dated.askedWhen.is : undefined;
    const answers = over || (when !== undefined && question.dateAlone === value);
    if (answers && typeof value === 'string') return { [field]: value, ...(when ? { [dated.field]: when.date } : {}) };
  }
  return status === undefined ? undefined : { [field]: status };
}

/**
 * The fields the answer to `question` sets. `siblings` are the other questions of its check
 * (a choice's dated follow-up is found there).
 */
export function readQuestionAnswer(
  question: CatalogueQuestion,
  input: AnswerInput,
  using: ReadWith,
  siblings: readonly CatalogueQuestion[],
): Record<string, unknown> | undefined {
  switch (question.type) {
    case 'tri':
      return readTri(input, using, question.field);
    case 'age':
      return readAgeAnswer(input, using, question.field);
    case 'date': {
      const date = readDate(input, using);
      // "Not sure" of a date: the engine reads it as an open question.
      return date === undefined ? undefined : { [question.field]: date };
    }
    case 'days': {
      const date = readDate(input, using);
      if (date === undefined) return undefined;
      return { [question.field]: date === 'unknown' ? 'unknown' : Math.max(0, daysSince(date, using.today)) };
    }
    case 'choice': {
      const dated = siblings.find(
        (other) => other.askedWhen && 'field' in other.askedWhen && other.askedWhen.field === question.field && other.type === 'date',
      );
      return readChoice(input, using, question, dated);
    }
    case 'flag': {
      const answer = input.choice ?? readYesNo(input.text, using.reader);
      return answer === 'yes' ? { [question.field]: true } : answer === 'no' ? { [question.field]: false } : undefined;
    }
  }
}

/**
 * A checklist answer: the items named (each yes, no or not sure), with `rest` for the items not
 * named when the answer says it (ticked boxes are every item that applies: the rest is no), or
 * "none of these", or "not sure" for all.
 */
export type ChecklistPick = { kind: 'items'; values: Record<string, Tri>; rest?: Tri } | { kind: 'none' } | { kind: 'unsure' };

/**
 * Ticked boxes (or numbers typed in one reply) over `items`: the ticked items are yes and the
 * others no, a complete answer. Fail-safe where it contradicts itself: "None of these" ticked
 * beside items leaves the others open (asked again), "Not sure" beside anything makes the others
 * not sure. Nothing ticked (or only values of another list) answers nothing: asked again.
 */
export function readChecklistPicks(items: readonly CatalogueQuestion[], picks: readonly string[]): ChecklistPick | undefined {
  const named = items.filter((item) => picks.includes(item.id));
  const none = picks.includes(NONE_CHOICE);
  const unsure = picks.includes(UNSURE_CHOICE);
  if (named.length === 0) return unsure ? { kind: 'unsure' } : none ? { kind: 'none' } : undefined;
  const values = Object.fromEntries(named.map((item) => [item.id, 'yes' as Tri]));
  if (unsure) return { kind: 'items', values, rest: 'unknown' };
  if (none) return { kind: 'items', values };
  return { kind: 'items', values, rest: 'no' };
}

/**
 * A checklist answer over `items` (catalogue questions). Ticks: see readChecklistPicks. Buttons:
 * an item id, NONE_CHOICE or UNSURE_CHOICE. Free text: the items named (each yes, no or not
 * sure; the others are asked again); else a bare "none of these" or "not sure". A bare "yes"
 * does not say which item, and a "no" beside words the reader could not place is no denial:
 * both are asked again.
 */
export function readChecklistAnswer(items: readonly CatalogueQuestion[], input: AnswerInput, using: ReadWith): ChecklistPick | undefined {
  if (input.picks !== undefined) return readChecklistPicks(items, input.picks);
  if (input.choice === NONE_CHOICE) return { kind: 'none' };
  if (input.choice === UNSURE_CHOICE) return { kind: 'unsure' };
  if (input.choice !== undefined) {
    const item = items.find((question) => question.id === input.choice);
    return item ? { kind: 'items', values: { [item.id]: 'yes' } } : undefined;
  }
  const reading = screening(
    input.text,
    using,
    items.map((item) => item.field),
  );
  const named: Record<string, Tri> = {};
  let bare: Tri | undefined;
  for (const item of items) {
    const value = valueOf(reading, item.field) as Tri | undefined;
    if (value === undefined) continue;
    const isBare = reading.evidence.some((evidence) => evidence.field === item.field && evidence.basis === 'bare-answer');
    if (isBare) bare = value;
    else named[item.id] = value;
  }
  if (Object.keys(named).length > 0) return { kind: 'items', values: named };
  if (bare === 'unknown') return { kind: 'unsure' };
  if (bare === 'no' && reading.unplaced.length === 0) return { kind: 'none' };
  return undefined;
}

/** A question or a hypothetical ("can I do it while pregnant?") says nothing about the person's answers. */
const notAboutThePerson = new Set(['hypothetical', 'question', 'bare-answer']);

/**
 * What a message names about the person, for the answers whatever is pending: never a bare
 * answer (that answers only the question asked) and never a question or a hypothetical.
 */
export function namedAnswers(
  text: string,
  using: ReadWith,
): {
  found: ScreeningAnswers;
  unplaced: string[];
  deniedByPerson: (field: string, statement: boolean) => boolean;
  /** Fields read from a word taken for a misspelling: noted, and still asked. */
  unsure: string[];
} {
  const reading = screening(text, using, []);
  const words = read(text, using.reader);
  // SAFETY-SPEC v1.2: words that name a concern are a concern ("sun spots and pigmentation" is no darkening tendency)
  const concerns = words.findings.filter((finding) => finding.kind === 'concern').map((finding) => finding.span);
  const concernWords = (span: { start: number; end: number } | undefined) =>
    span !== undefined && concerns.some((concern) => span.start < concern.end && concern.start < span.end);
  const counted = reading.evidence.filter((evidence) => !notAboutThePerson.has(evidence.basis) && !concernWords(evidence.span));
  const said = (root: string, prefix = '') =>
    counted.some((evidence) => evidence.field === prefix + root || evidence.field.startsWith(`${prefix}${root}.`));
  const typo = (evidence: (typeof counted)[number]) =>
    words.findings.some((finding) => finding.fuzzy && finding.concept === evidence.concept && finding.span.start === evidence.span?.start);
  const unsure = [...new Set(counted.filter(typo).map((evidence) => evidence.field))].filter((field) =>
    counted.filter((evidence) => evidence.field === field).every(typo),
  );
  const found: Record<string, unknown> = {};
  for (const [root, value] of Object.entries(reading.answers)) if (said(root)) found[root] = value;
  const after = Object.fromEntries(Object.entries(reading.afterTreatment).filter(([field]) => said(field, 'afterTreatment.')));
  const anything = Object.keys(found).length > 0 || Object.keys(after).length > 0;
  // Unplaced words matter beside something placed: "sunburn and glorp" is asked about, "ok thanks" is not.
  // What may take an earlier answer back: the person's own denial; for a status (stopped, never)
  // or a number (an age, only ever read from the person's own words) their own statement.
  const deniedByPerson = (field: string, statement: boolean) =>
    reading.evidence.some(
      (evidence) =>
        (evidence.field === field || field.startsWith(`${evidence.field}.`)) &&
        (evidence.basis === 'negated' ||
          evidence.basis === 'never' ||
          (statement && (evidence.basis === 'stopped' || evidence.basis === 'affirmed'))),
    );
  return {
    found: { ...found, afterTreatment: after },
    unplaced: anything ? reading.unplaced.map((span) => span.text) : [],
    deniedByPerson,
    unsure,
  };
}
