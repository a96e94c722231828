import { isAnswered, readField, type CheckId } from './answer-fields.js';
import type { ScreeningAnswers } from './answers.js';
import { askUnits, type AskUnit, type CatalogueQuestion } from './catalogue.js';
import { evaluateCondition } from './conditions.js';
import { toDayNumber, toReferenceDate } from './dates.js';
import { assess } from './engine.js';
import { severity } from './outcomes.js';
import type { RuleTable } from './rule-table.js';

/**
 * The form over the question catalogue, as pure functions: which question is still to ask, and
 * how what a message said changes the answers (SAFETY-SPEC v1.1: anything said at any point
 * counts; a correction replaces; unsure is asked, never "no"). The form dialog and the
 * listening step only call these.
 */

export interface FormAnswers {
  answers: ScreeningAnswers;
  /** Fields a message touched without a clear answer ("maybe eczema"): noted as "not sure", still asked. */
  tentative?: string[];
}

/** A unit to ask and the questions of it still open. */
export interface PendingUnit extends AskUnit {
  remaining: CatalogueQuestion[];
}

function asked(question: CatalogueQuestion, answers: ScreeningAnswers, today: number): boolean {
  return question.askedWhen === undefined || evaluateCondition(question.askedWhen, { answers, today, anyQuestionOpen: false }).holds;
}

function needsAsking(table: RuleTable, question: CatalogueQuestion, form: FormAnswers, today: number): boolean {
  if (!asked(question, form.answers, today)) return false;
  const value = readField(form.answers, question.field);
  if (value === undefined || form.tentative?.includes(question.field)) return true;
  // A value of the wrong kind (stored by an older version) is asked again rather than trusted.
  const spec = table.fields[question.field];
  return spec !== undefined && !isAnswered(spec, value) && !spec.unknownValues?.includes(value as string);
}

/** The next unit of the check to ask, or undefined when every question is answered or the check has ended. */
export function nextUnit(table: RuleTable, check: CheckId, form: FormAnswers, referenceDate: Date): PendingUnit | undefined {
  if (checkEndedBy(table, form.answers, referenceDate)) return undefined;
  const today = toDayNumber(toReferenceDate(referenceDate));
  for (const unit of askUnits(table.questions[check])) {
    const remaining = unit.questions.filter((question) => needsAsking(table, question, form, today));
    if (remaining.length > 0) return { ...unit, remaining };
  }
  return undefined;
}

/**
 * The checklists to ask together in one message: the next unit when it is a checklist, and the
 * open checklists that follow it with no open single question between them ("In the area now",
 * "Conditions", "Medicines" ticked in one card). Empty when the next unit is not a checklist.
 */
export function nextChecklists(table: RuleTable, check: CheckId, form: FormAnswers, referenceDate: Date): PendingUnit[] {
  const first = nextUnit(table, check, form, referenceDate);
  if (!first?.checklist) return [];
  const today = toDayNumber(toReferenceDate(referenceDate));
  const units = askUnits(table.questions[check]);
  const run: PendingUnit[] = [first];
  for (const unit of units.slice(units.findIndex((candidate) => candidate.id === first.id) + 1)) {
    const remaining = unit.questions.filter((question) => needsAsking(table, question, form, today));
    if (remaining.length === 0) continue;
    if (!unit.checklist) break;
    run.push({ ...unit, remaining });
  }
  return run;
}

/**
 * SAFETY-SPEC: a red flag is the emergency or urgent outcome at once. True when the answers so
 * far already decide one (a warning sign ticked, or picked by its number, on a checklist), so
 * nothing more is asked before it is said.
 */
export function redFlagDecided(table: RuleTable, answers: ScreeningAnswers, referenceDate: Date): boolean {
  const { outcome } = assess(answers, referenceDate, table);
  return outcome === 'emergency' || outcome === 'urgent';
}

/** The rule that ended the check (a minor), if one fired: the questions after it are not asked. */
export function checkEndedBy(table: RuleTable, answers: ScreeningAnswers, referenceDate: Date): string | undefined {
  return assess(answers, referenceDate, table).endedBy;
}

/** One field a message changed: taken (first answer) or corrected (replacing an earlier one). */
export interface AnswerChange {
  field: string;
  kind: 'taken' | 'corrected';
  value: unknown;
}

const isUnknown = (value: unknown) => value === 'unknown';

/** Writes a dotted path ("isotretinoin.status") into a copy of the answers. */
function withField(answers: ScreeningAnswers, field: string, value: unknown): ScreeningAnswers {
  const [head, tail] = field.split('.') as [string, string | undefined];
  if (tail === undefined) return { ...answers, [head]: value };
  const inner = (answers[head] as Record<string, unknown> | undefined) ?? {};
  return { ...answers, [head]: { ...inner, [tail]: value } };
}

function withoutField(answers: ScreeningAnswers, field: string): ScreeningAnswers {
  const [head, tail] = field.split('.') as [string, string | undefined];
  const copy: Record<string, unknown> = { ...answers };
  if (tail === undefined) delete copy[head];
  else if (copy[head] && typeof copy[head] === 'object') {
    const inner = { ...(copy[head] as Record<string, unknown>) };
    delete inner[tail];
    copy[head] = inner;
  }
  return copy as ScreeningAnswers;
}

/** The leaf fields of the catalogue a reading gives a value for. */
function leavesOf(table: RuleTable, fields: readonly string[], found: ScreeningAnswers): [string, unknown][] {
  return fields.map((field) => [field, readField(found, field)] as [string, unknown]).filter(([, value]) => value !== undefined);
}

/**
 * Whether a change of answers takes a reason away: a less severe outcome, or a rule that no
 * longer fires (the fallback and the open-questions rule aside: they come and go as answers do).
 */
function takesReasonAway(table: RuleTable, before: ScreeningAnswers, after: ScreeningAnswers, referenceDate: Date): boolean {
  const was = assess(before, referenceDate, table);
  const now = assess(after, referenceDate, table);
  if (severity(now.outcome) < severity(was.outcome)) return true;
  const kept = new Set(now.reasons.map((reason) => reason.ruleId));
  const bookkeeping = (ruleId: string) => {
    const rule = table.rules.find((candidate) => candidate.id === ruleId);
    return rule !== undefined && ('otherwise' in rule.if || 'anyQuestionOpen' in rule.if);
  };
  return was.reasons.some((reason) => !kept.has(reason.ruleId) && !bookkeeping(reason.ruleId));
}

/**
 * Applies what one message named (never a bare "no": that answers only the question asked) to
 * the answers. A new answer is taken; a different one replaces the earlier (a correction), except
 * that an unclear mention never lowers a clear yes, and a correction that would take a reason
 * away is made only when `mayLower` says the message itself denied it for the person ("I'm not
 * pregnant"), never from someone else's or a past mention ("my sister is pregnant", "I used to
 * have eczema") after the person said yes. A stop or session date stays with its status unless
 * the message gives a new one.
 */
export function applyFindings(
  table: RuleTable,
  check: CheckId,
  form: FormAnswers,
  found: ScreeningAnswers,
  options: { referenceDate: Date; mayLower: (field: string) => boolean; unsure?: (field: string) => boolean },
): { form: FormAnswers; changes: AnswerChange[] } {
  const fields = table.questions[check].map((question) => question.field);
  let answers = form.answers;
  const tentative = new Set(form.tentative ?? []);
  const changes: AnswerChange[] = [];
  for (const [field, value] of leavesOf(table, fields, found)) {
    const current = readField(answers, field);
    if (isUnknown(value)) {
      // Unsure is asked: noted as not sure, and the question still comes (or comes again).
      if (current === undefined || current === 'no' || current === 'never') {
        answers = withField(answers, field, value);
        tentative.add(field);
        changes.push({ field, kind: current === undefined ? 'taken' : 'corrected', value });
      }
      continue;
    }
    if (current === value) {
      tentative.delete(field);
      continue;
    }
    const next = withField(answers, field, value);
    // Taking a reason away needs the person's own denial; otherwise the earlier answer stands.
    if (current !== undefined && !options.mayLower(field) && takesReasonAway(table, answers, next, options.referenceDate)) continue;
    // taken, but read with less than full certainty (a misspelt word): still asked
    if (options.unsure?.(field)) tentative.add(field);
    else tentative.delete(field);
    answers = next;
    changes.push({ field, kind: current === undefined || isUnknown(current) ? 'taken' : 'corrected', value });
    // A new status makes the old date meaningless ("stopped in May", then "I'm taking it now").
    for (const dated of table.questions[check]) {
      if (dated.askedWhen && dated.field !== field && 'field' in dated.askedWhen && dated.askedWhen.field === field) {
        const date = readField(found, dated.field);
        if (date === undefined && readField(answers, dated.field) !== undefined) answers = withoutField(answers, dated.field);
      }
    }
  }
  return { form: { answers, ...(tentative.size > 0 ? { tentative: [...tentative] } : {}) }, changes };
}

/** Records the answer to the question that was asked: it is final, even "not sure". */
export function answerAsked(form: FormAnswers, values: Record<string, unknown>): FormAnswers {
  let answers = form.answers;
  const tentative = new Set(form.tentative ?? []);
  for (const [field, value] of Object.entries(values)) {
    answers = withField(answers, field, value);
    tentative.delete(field);
  }
  return { answers, ...(tentative.size > 0 ? { tentative: [...tentative] } : {}) };
}
