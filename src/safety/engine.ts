import { fieldSpec, isAnswered, readField, type CheckId, type FieldSpec } from './answer-fields.js';
import type { AfterTreatmentAnswers, ScreeningAnswers } from './answers.js';
import { evaluateCondition, type EvaluationContext } from './conditions.js';
import { laterDate, toDayNumber, toReferenceDate, type IsoDate } from './dates.js';
import { mostSevere, severity, type Outcome } from './outcomes.js';
import { isFallback, type Note, type Question, type Rule, type RuleTable } from './rule-table.js';

/**
 * The pure safety engine: answers + reference date + rule table in, one decision out.
 * No clock, no I/O, no botbuilder; every clinical choice lives in the rule table.
 */

export interface Reason {
  ruleId: string;
  sentence: string;
}

export interface AdvisoryNote {
  noteId: string;
  sentence: string;
}

export interface Decision {
  outcome: Outcome;
  /** Every rule that fired, most severe first (table order within one outcome). Never empty. */
  reasons: Reason[];
  /** Advisory notes; they change no outcome and are left out for emergency and urgent. */
  notes: AdvisoryNote[];
  /**
   * Not before this date (YYYY-MM-DD): the latest end of the time-bound reasons (R-TOO-SOON,
   * R-ISO-RECENT), when the outcome is not-suitable-now or clinician-review and EVERY reason
   * that fired is time-bound (SAFETY-SPEC v1.1). Otherwise each time-bound reason's own
   * sentence carries its date, and there is no headline date.
   */
  reconsiderFrom?: IsoDate;
  /** A rule that ends the check fired (R-AGE-MINOR): nothing else is asked, booked or handed off. */
  endedBy?: string;
  rulesVersion: string;
}

/**
 * Which check the answers are for. With `afterTreatment` present the person has had a session
 * and only the after-treatment rules apply: screening questions are not asked, so they cannot
 * be open, and R-TOO-SOON would fire for everyone who was just treated.
 */
export function checkFor(answers: ScreeningAnswers): CheckId {
  return answers.afterTreatment !== undefined ? 'after-treatment' : 'screening';
}

interface PreparedQuestion {
  question: Question;
  spec: FieldSpec | undefined;
}

interface PreparedCheck {
  rules: Rule[];
  fallbacks: Rule[];
  notes: Note[];
  questions: PreparedQuestion[];
}

// Per-table lists by check, built once: assess runs on every turn and in 10,000-case tests.
// A loaded table is read-only; change the file and load it again instead.
const prepared = new WeakMap<RuleTable, Record<CheckId, PreparedCheck>>();

function prepare(table: RuleTable): Record<CheckId, PreparedCheck> {
  let result = prepared.get(table);
  if (result === undefined) {
    const forCheck = (check: CheckId): PreparedCheck => {
      const rules = table.rules.filter((rule) => rule.checks.includes(check));
      return {
        rules: rules.filter((rule) => !isFallback(rule)),
        fallbacks: rules.filter(isFallback),
        notes: table.notes.filter((note) => note.checks.includes(check)),
        // A context question (skin that darkens) only adds a note: unanswered, it is not open.
        questions: table.questions[check]
          .filter((question) => question.role !== 'context')
          .map((question) => ({ question, spec: fieldSpec(table.fields, question.field) })),
      };
    };
    result = { screening: forCheck('screening'), 'after-treatment': forCheck('after-treatment') };
    prepared.set(table, result);
  }
  return result;
}

function openQuestionsAt(answers: ScreeningAnswers, today: number, check: PreparedCheck): Question[] {
  const asked: EvaluationContext = { answers, today, anyQuestionOpen: false };
  const open: Question[] = [];
  for (const { question, spec } of check.questions) {
    if (question.askedWhen && !evaluateCondition(question.askedWhen, asked).holds) continue;
    // Validated at load; a field missing from the catalogue would be a programming error.
    if (spec === undefined || !isAnswered(spec, readField(answers, question.field))) open.push(question);
  }
  return open;
}

/** The questions of the answers' check that stayed open (missing, "unknown" or malformed). */
export function openQuestions(answers: ScreeningAnswers, referenceDate: IsoDate | Date, table: RuleTable): Question[] {
  return openQuestionsAt(answers, toDayNumber(toReferenceDate(referenceDate)), prepare(table)[checkFor(answers)]);
}

function formatDate(date: IsoDate, table: RuleTable): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return `${day} ${table.language.months[month - 1] ?? ''} ${year}`;
}

function joinLabels(labels: string[], table: RuleTable): string {
  if (labels.length <= 1) return labels.join('');
  const { listSeparator, listLastSeparator } = table.language;
  return `${labels.slice(0, -1).join(listSeparator)}${listLastSeparator}${labels[labels.length - 1]}`;
}

interface Fired {
  rule: Rule;
  order: number;
  until?: IsoDate;
}

export function assess(answers: ScreeningAnswers, referenceDate: IsoDate | Date, table: RuleTable): Decision {
  const today = toDayNumber(toReferenceDate(referenceDate));
  const check = checkFor(answers);
  const lists = prepare(table)[check];
  // A rule that ends the check (a minor) leaves the questions after it unasked, not open.
  const answeredOnly: EvaluationContext = { answers, today, anyQuestionOpen: false };
  const ender = lists.rules.find((rule) => rule.endsCheck === true && evaluateCondition(rule.if, answeredOnly).holds);
  const open = ender ? [] : openQuestionsAt(answers, today, lists);
  const evaluation: EvaluationContext = { answers, today, anyQuestionOpen: open.length > 0 };

  const fired: Fired[] = [];
  lists.rules.forEach((rule, order) => {
    const result = evaluateCondition(rule.if, evaluation);
    if (result.holds) fired.push(result.until === undefined ? { rule, order } : { rule, order, until: result.until });
  });
  if (fired.length === 0) lists.fallbacks.forEach((rule, order) => fired.push({ rule, order }));
  const outcome = mostSevere(fired.map((item) => item.rule.outcome));
  // Unreachable with a validated table (one fallback per check); a hand-built table must not
  // produce a decision without a reason.
  if (outcome === undefined) throw new Error(`rule table ${table.version} has no rule for the ${check} check`);

  fired.sort((a, b) => severity(b.rule.outcome) - severity(a.rule.outcome) || a.order - b.order);
  const questionList = joinLabels(
    open.map((question) => question.label),
    table,
  );
  const reasons: Reason[] = fired.map(({ rule, until }) => ({
    ruleId: rule.id,
    sentence: rule.sentence
      .replaceAll('{date}', until === undefined ? '' : formatDate(until, table))
      .replaceAll('{questions}', questionList),
  }));

  // A check that ended (a minor) gives no advice for a treatment that is not for this person.
  const notes: AdvisoryNote[] =
    table.notesHiddenFor.includes(outcome) || ender
      ? []
      : lists.notes
          .filter(
            (note) => (note.outcomes === undefined || note.outcomes.includes(outcome)) && evaluateCondition(note.if, evaluation).holds,
          )
          .map((note) => ({ noteId: note.id, sentence: note.sentence }));

  let reconsiderFrom: IsoDate | undefined;
  if ((outcome === 'not-suitable-now' || outcome === 'clinician-review') && fired.every((item) => item.until !== undefined)) {
    for (const item of fired) reconsiderFrom = reconsiderFrom === undefined ? item.until : laterDate(reconsiderFrom, item.until!);
  }

  const decision: Decision = { outcome, reasons, notes, rulesVersion: table.version };
  if (reconsiderFrom !== undefined) decision.reconsiderFrom = reconsiderFrom;
  if (ender) decision.endedBy = ender.id;
  return decision;
}

/** The after-treatment check on its own: only `afterTreatment` answers count. */
export function assessAfterTreatment(afterTreatment: AfterTreatmentAnswers, referenceDate: IsoDate | Date, table: RuleTable): Decision {
  return assess({ afterTreatment }, referenceDate, table);
}
