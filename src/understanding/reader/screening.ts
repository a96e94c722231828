import type { AfterTreatmentAnswers, IsotretinoinAnswer, LastSessionAnswer, ScreeningAnswers, Tri } from '../../safety/answers.js';
import { readAge } from './age.js';
import { readApproximateDate, readLifeStage, type ApproximateDate } from './dates.js';
import { read, type Finding, type Reader, type Reading, type Span } from './read.js';
import { redFlagsOf, notEscalatedBecause, signFindings } from './red-flags.js';
import { readYesNo } from './yes-no.js';
import { readablePart } from './limit.js';

/**
 * Screening answers from one message, in the shape the safety engine takes
 * (src/safety/answers.ts), following SAFETY-SPEC v1.1 "Reading what people write": affirmed
 * now -> yes; negated, someone else's, or over -> no, except where the rule is about history;
 * mentioned but unclear -> unknown, never dropped and never no.
 */

/** Why a field got its value, so a dialog can read back "you said ..." and confirm. */
export type AnswerBasis =
  | 'affirmed'
  | 'negated'
  | 'never'
  | 'someone-else'
  | 'historical'
  | 'hypothetical'
  | 'uncertain'
  | 'mention-only'
  | 'stopped'
  | 'not-now-history-open'
  | 'bare-answer'
  | 'question'
  | 'mild'
  | 'habitual';

export interface FieldEvidence {
  /** The answer field, as a dotted path (src/safety/answer-fields.ts). */
  field: string;
  value: unknown;
  concept?: string;
  span?: Span;
  basis: AnswerBasis;
  /** For dated answers: the date was approximate and the latest day it allows was taken. */
  approximateDate?: boolean;
}

export interface ScreeningReading {
  /** Screening answers; never holds afterTreatment (that switches the engine to the after-treatment check). */
  answers: ScreeningAnswers;
  /** After-treatment answers the message gives, for the dialog to use once it knows there was a session. */
  afterTreatment: AfterTreatmentAnswers;
  evidence: FieldEvidence[];
  /** Pending fields this message did not clearly answer: ask again. */
  open: string[];
  /** Words the reader could not place: say what was noted and ask about the rest. */
  unplaced: Span[];
}

export interface ScreeningOptions {
  referenceDate: Date;
  /** The person's age when known: a stage of life ("as a teen") is dated from it. */
  personAge?: number;
  /** The fields the pending question asks (one, or a checklist): a bare "no" / "not sure" answers them. */
  pending?: readonly string[];
}

type State = 'affirmed' | 'negated' | 'never' | 'other' | 'hypothetical' | 'uncertain' | 'historical';

function stateOf(finding: Finding): State {
  if (finding.never) return 'never';
  if (finding.negated) return 'negated';
  if (finding.experiencer === 'other') return 'other';
  if (finding.hypothetical || finding.question) return 'hypothetical';
  if (finding.uncertain) return 'uncertain';
  if (finding.historical) return 'historical';
  return 'affirmed';
}

const basisOf: Record<State, AnswerBasis> = {
  affirmed: 'affirmed',
  negated: 'negated',
  never: 'never',
  other: 'someone-else',
  hypothetical: 'hypothetical',
  uncertain: 'uncertain',
  historical: 'historical',
};

const triRank: Record<Tri, number> = { no: 0, unknown: 1, yes: 2 };
const isoRank: Record<IsotretinoinAnswer['status'], number> = { never: 0, unknown: 1, stopped: 2, current: 3 };
const sessionRank: Record<LastSessionAnswer['status'], number> = { never: 0, unknown: 1, done: 2 };
const DAY_MS = 86_400_000;

const flagFields = new Set(['wantsHomeUse', 'deepScars', 'deepWrinkles']);

class AnswerSheet {
  readonly values = new Map<string, unknown>();
  readonly evidence: FieldEvidence[] = [];

  /** Keeps the more cautious value when mentions disagree ("not pregnant. Actually I am pregnant"). */
  set(field: string, value: unknown, evidence: Omit<FieldEvidence, 'field' | 'value'>): void {
    this.evidence.push({ field, value, ...evidence });
    const current = this.values.get(field);
    if (current === undefined || this.moreCautious(field, value, current)) this.values.set(field, value);
  }

  private moreCautious(field: string, next: unknown, current: unknown): boolean {
    if (flagFields.has(field)) return next === true && current !== true;
    if (field === 'isotretinoin') {
      const a = next as IsotretinoinAnswer;
      const b = current as IsotretinoinAnswer;
      return isoRank[a.status] > isoRank[b.status] || (a.status === b.status && (a.stoppedOn ?? '') > (b.stoppedOn ?? ''));
    }
    if (field === 'lastSession') {
      const a = next as LastSessionAnswer;
      const b = current as LastSessionAnswer;
      return sessionRank[a.status] > sessionRank[b.status] || (a.status === b.status && (a.date ?? '') > (b.date ?? ''));
    }
    if (typeof next === 'number' && typeof current === 'number') return next < current; // the younger age
    return triRank[next as Tri] > triRank[current as Tri];
  }

  toAnswers(): ScreeningAnswers {
    const answers: Record<string, unknown> = {};
    for (const [field, value] of this.values) {
      const [head, tail] = field.split('.');
      if (tail === undefined) answers[head!] = value;
      else answers[head!] = { ...((answers[head!] as object | undefined) ?? {}), [tail]: value };
    }
    return answers as ScreeningAnswers;
  }
}

function triFor(state: State, affirmed: Tri | 'no', history: 'over' | 'counts' | 'open'): Tri | undefined {
  const historical = history === 'over' ? 'no' : history === 'counts' ? (affirmed === 'no' ? 'no' : affirmed) : 'unknown';
  // A mention that answers no ("aspirin now and then"), negated or someone else's, says nothing.
  if (affirmed === 'no' && (state === 'negated' || state === 'never' || state === 'other')) return undefined;
  switch (state) {
    case 'affirmed':
      return affirmed;
    case 'negated':
    case 'never':
    case 'other':
      return 'no';
    case 'hypothetical':
    case 'uncertain':
      return 'unknown';
    case 'historical':
      return historical;
  }
}

interface Context {
  reading: Reading;
  reader: Reader;
  sheet: AnswerSheet;
  /** The date the message gives: a date, or a stage of life ("as a teen"), "unknown" when that cannot be dated. */
  date: () => ApproximateDate | 'unknown' | undefined;
  today: Date;
}

function sameSentence(reading: Reading, finding: Finding, concepts: readonly string[]): Finding[] {
  return reading.findings.filter((other) => other !== finding && other.sentence === finding.sentence && concepts.includes(other.concept));
}

function coldSores(finding: Finding, state: State, { sheet }: Context): void {
  const evidence = { concept: finding.concept, span: finding.span, basis: basisOf[state] };
  const habitual = finding.habitual;
  switch (state) {
    case 'never':
      sheet.set('coldSoreNow', 'no', evidence);
      sheet.set('coldSoreHistory', 'no', evidence);
      return;
    case 'negated':
      sheet.set('coldSoreNow', 'no', evidence);
      // "I get cold sores, none at the moment", "had one, not anymore": none now, but they come back
      if (finding.historical) sheet.set('coldSoreHistory', 'yes', { ...evidence, basis: 'historical' });
      else if (habitual) sheet.set('coldSoreHistory', 'no', evidence);
      return;
    case 'other':
      sheet.set('coldSoreNow', 'no', evidence);
      return;
    case 'hypothetical':
      sheet.set('coldSoreNow', 'unknown', evidence);
      return;
    case 'uncertain':
      sheet.set(habitual ? 'coldSoreHistory' : 'coldSoreNow', 'unknown', evidence);
      return;
    case 'historical':
      // cold sores come back: a past one counts however long ago (R-COLD-SORE-HISTORY)
      sheet.set('coldSoreHistory', 'yes', evidence);
      return;
    case 'affirmed':
      if (!habitual) sheet.set('coldSoreNow', 'yes', evidence);
      sheet.set('coldSoreHistory', 'yes', evidence);
  }
}

function isotretinoin(finding: Finding, state: State, { sheet, date }: Context): void {
  const evidence = { concept: finding.concept, span: finding.span };
  const stopped = () => {
    const when = date();
    const stoppedOn = when === 'unknown' ? 'unknown' : when?.date;
    const answer: IsotretinoinAnswer = stoppedOn ? { status: 'stopped', stoppedOn } : { status: 'stopped' };
    sheet.set('isotretinoin', answer, {
      ...evidence,
      basis: 'stopped',
      ...(when && when !== 'unknown' ? { approximateDate: when.approximate } : {}),
    });
  };
  if (state === 'never') sheet.set('isotretinoin', { status: 'never' }, { ...evidence, basis: 'never' });
  else if (finding.historical && (state === 'negated' || state === 'historical')) stopped();
  // "I don't take Accutane" says nothing about the last 6 months: the question stays open
  else if (state === 'negated') sheet.set('isotretinoin', { status: 'unknown' }, { ...evidence, basis: 'not-now-history-open' });
  else if (state === 'hypothetical' || state === 'uncertain')
    sheet.set('isotretinoin', { status: 'unknown' }, { ...evidence, basis: basisOf[state] });
  else if (state === 'affirmed') sheet.set('isotretinoin', { status: 'current' }, { ...evidence, basis: 'affirmed' });
}

function bloodThinners(finding: Finding, state: State, context: Context): void {
  const { sheet, date, today, reader } = context;
  const evidence = { concept: finding.concept, span: finding.span };
  if (finding.historical && (state === 'negated' || state === 'historical')) {
    // stopped within the rule table's window still counts (R-ANTICOAGULANT); without a date or a window a professional checks
    const when = date();
    const window = reader.policy.stoppedCountsWithinDays['bloodThinners'];
    if (!when || when === 'unknown' || window === undefined) sheet.set('bloodThinners', 'unknown', { ...evidence, basis: 'stopped' });
    else {
      const days = Math.floor((today.getTime() - Date.parse(`${when.date}T00:00:00Z`)) / DAY_MS);
      sheet.set('bloodThinners', days < window ? 'yes' : 'no', {
        ...evidence,
        basis: 'stopped',
        approximateDate: when.approximate,
      });
    }
    return;
  }
  const value = triFor(state, 'yes', 'open');
  if (value !== undefined) sheet.set('bloodThinners', value, { ...evidence, basis: basisOf[state] });
}

const sessionWords = ['session-done'];

function lastSession(finding: Finding, state: State, context: Context): void {
  const { sheet, date, reading } = context;
  const evidence = { concept: finding.concept, span: finding.span };
  const done = () => {
    const when = date();
    const day = when === 'unknown' ? 'unknown' : when?.date;
    const answer: LastSessionAnswer = day ? { status: 'done', date: day } : { status: 'done' };
    sheet.set('lastSession', answer, {
      ...evidence,
      basis: 'affirmed',
      ...(when && when !== 'unknown' ? { approximateDate: when.approximate } : {}),
    });
  };
  const doneWords = finding.concept === 'session-done' || sameSentence(reading, finding, sessionWords).some((other) => !other.negated);
  if (finding.concept === 'first-time') {
    if (state === 'affirmed') sheet.set('lastSession', { status: 'never' }, { ...evidence, basis: 'affirmed' });
    return;
  }
  if (state === 'never') sheet.set('lastSession', { status: 'never' }, { ...evidence, basis: 'never' });
  else if (state === 'negated') {
    if (doneWords) sheet.set('lastSession', { status: 'never' }, { ...evidence, basis: 'negated' });
  } else if (state === 'uncertain') sheet.set('lastSession', { status: 'unknown' }, { ...evidence, basis: 'uncertain' });
  else if (state === 'historical' || (state === 'affirmed' && (doneWords || date() !== undefined))) done();
}

/** Reads every screening answer a message gives, whichever question is pending. */
export function readScreeningAnswers(message: string, reader: Reader, options: ScreeningOptions): ScreeningReading {
  const text = readablePart(message);
  const reading = read(text, reader);
  const sheet = new AnswerSheet();
  let cachedDate: ApproximateDate | 'unknown' | undefined | null = null;
  const context: Context = {
    reading,
    reader,
    sheet,
    today: new Date(`${options.referenceDate.toISOString().slice(0, 10)}T00:00:00Z`),
    date: () =>
      cachedDate === null
        ? (cachedDate =
            readApproximateDate(text, reader, options.referenceDate, reading) ??
            readLifeStage(reading, reader, options.referenceDate, options.personAge))
        : cachedDate,
  };
  const concepts = reader.compiled.concepts;
  const after = new AnswerSheet();
  for (const finding of reading.findings) {
    const concept = concepts[reader.compiled.conceptIndex.get(finding.concept)!]!;
    const state = stateOf(finding);
    for (const answer of concept.answers ?? []) {
      if (answer.yieldsTo && sameSentence(reading, finding, answer.yieldsTo).length > 0) continue;
      if (answer.field === 'coldSoreNow') coldSores(finding, state, context);
      else if (answer.field === 'isotretinoin') isotretinoin(finding, state, context);
      else if (answer.field === 'bloodThinners' && concept.id === 'anticoagulant') bloodThinners(finding, state, context);
      else if (answer.field === 'lastSession') lastSession(finding, state, context);
      else if (flagFields.has(answer.field)) {
        if (state === 'affirmed' || state === 'negated' || state === 'never')
          sheet.set(answer.field, state === 'affirmed', { concept: finding.concept, span: finding.span, basis: basisOf[state] });
      } else {
        const value = triFor(state, answer.affirmed, answer.history);
        const basis = state === 'affirmed' && answer.affirmed === 'unknown' ? 'mention-only' : basisOf[state];
        if (value !== undefined)
          (answer.field.startsWith('afterTreatment.') ? after : sheet).set(answer.field, value, {
            concept: finding.concept,
            span: finding.span,
            basis,
          });
      }
    }
  }
  afterTreatment(reading, reader, after);
  const age = readAge(text, reader, options.referenceDate, { reading, expectingAge: options.pending?.includes('age') ?? false });
  if (age) sheet.set('age', age.years, { basis: 'affirmed', span: { start: 0, end: 0, text: age.phrase } });

  const open: string[] = [];
  const answeredRoot = (field: string) =>
    [...sheet.values.keys(), ...after.values.keys()].some(
      (key) => key === field || key.startsWith(`${field}.`) || field.startsWith(`${key}.`),
    );
  const unanswered = (options.pending ?? []).filter(
    (field) => !answeredRoot(field.split('.')[0] === 'afterTreatment' ? field : field.split('.')[0]!),
  );
  if (unanswered.length > 0) {
    const bare = readYesNo(text, reader, reading);
    // "no, but it's hard to breathe": a bare answer with something else in it answers nothing by itself
    const mixed = [...sheet.evidence, ...after.evidence].some((evidence) => evidence.value === 'yes' || evidence.value === true);
    for (const field of unanswered) {
      if (bare === undefined || (mixed && bare !== 'unknown')) {
        open.push(field);
        continue;
      }
      const value = bareValue(field, bare);
      if (value === undefined) open.push(field);
      else (field.startsWith('afterTreatment.') ? after : sheet).set(field, value, { basis: 'bare-answer' });
    }
  }
  return {
    answers: sheet.toAnswers(),
    afterTreatment: after.toAnswers().afterTreatment ?? {},
    evidence: [...sheet.evidence, ...after.evidence],
    open,
    unplaced: reading.unplaced,
  };
}

function bareValue(field: string, answer: Tri): unknown {
  if (field === 'age') return answer === 'unknown' ? 'unknown' : undefined;
  if (field === 'isotretinoin' || field === 'isotretinoin.status')
    return answer === 'no' ? { status: 'never' } : answer === 'unknown' ? { status: 'unknown' } : undefined;
  if (field === 'lastSession' || field === 'lastSession.status')
    return { status: answer === 'yes' ? 'done' : answer === 'no' ? 'never' : 'unknown' };
  if (flagFields.has(field)) return answer === 'unknown' ? undefined : answer === 'yes';
  if (field === 'afterTreatment.daysSinceTreatment') return undefined;
  return answer;
}

/** After-treatment answers from the red-flag signs and the normal / prolonged reactions. */
function afterTreatment(reading: Reading, reader: Reader, sheet: AnswerSheet): void {
  const rules = reader.compiled.knowledge.terminology.redFlags.rules;
  const decision = redFlagsOf(reading, reader);
  for (const { finding, signal } of signFindings(reading, reader)) {
    const because = notEscalatedBecause(finding);
    for (const rule of rules) {
      const needs = (rule.anyOf ?? rule.allOf ?? []).flatMap((item) => (typeof item === 'string' ? [item] : item));
      if (!needs.includes(signal)) continue;
      const value: Tri = because === undefined ? 'yes' : because === 'negated' || because === 'other' ? 'no' : 'unknown';
      // a rule that needs several signs (spreading redness with fever) is answered only when it fires, or would once confirmed
      if (rule.allOf !== undefined && !(value === 'yes' ? decision.ruleIds : (decision.confirm?.ruleIds ?? [])).includes(rule.id)) continue;
      sheet.set(rule.field, value, {
        concept: finding.concept,
        span: finding.span,
        basis: because === undefined ? 'affirmed' : because === 'other' ? 'someone-else' : because,
      });
    }
  }
}
