import type { TurnContext } from 'botbuilder';
import { applyFindings, askUnits, checkFor, type CheckId, type ScreeningAnswers } from '../src/safety/index.js';
import { namedAnswers } from '../src/understanding/question-answers.js';
import { noteCorrections } from '../src/turn/insight-facts.js';
import { announceCorrection } from './announce-decision.js';
import type { AssessmentRecord } from './assessment-record.js';
import type { DialogDeps } from './dialog-deps.js';
import { changeLines } from './noted-answers.js';
import { withForm } from './step-state.js';
import { takeDescription } from './described.js';

const ANSWERS_CHANGED = Symbol('answersChanged');
const PERSON_AGE = Symbol('personAge');

/** The person's age as stored when this turn's message was read (a stage of life is dated from it). */
export function personAgeThisTurn(context: TurnContext): number | undefined {
  return context.turnState.get(PERSON_AGE) as number | undefined;
}
const ANSWERED_ELSEWHERE = Symbol('answeredElsewhere');

/**
 * True when this turn's message changed answers other than the pending question's (and said so):
 * the pending question is then asked again as it was, without counting a try.
 */
export function answeredElsewhereThisTurn(context: TurnContext): boolean {
  return context.turnState.get(ANSWERED_ELSEWHERE) === true;
}

/** True when this turn's message changed an answer (the read-back then reads back again). */
export function answersChangedThisTurn(context: TurnContext): boolean {
  return context.turnState.get(ANSWERS_CHANGED) === true;
}

/** The part of a reading that belongs to a check: screening answers, or the after-treatment ones. */
function forCheck(found: ScreeningAnswers, check: CheckId): ScreeningAnswers {
  if (check === 'after-treatment') return { afterTreatment: found.afterTreatment ?? {} };
  const { afterTreatment: _after, ...screening } = found;
  return screening;
}

/** The answers a description sets besides the catalogue's (the place and the depths), kept when the form's answers are written. */
function contextOf(record: AssessmentRecord): ScreeningAnswers {
  const { wantsHomeUse, deepScars, deepWrinkles } = record.answers;
  return {
    ...(wantsHomeUse !== undefined ? { wantsHomeUse } : {}),
    ...(deepScars !== undefined ? { deepScars } : {}),
    ...(deepWrinkles !== undefined ? { deepWrinkles } : {}),
  };
}

/** The fields of the question the form is waiting on, and of its follow-ups: the form says their answer itself. */
function pendingFields(deps: DialogDeps, record: AssessmentRecord): string[] {
  if (!record.pending) return [];
  const questions = deps.safety.rules.questions[record.pending.check];
  const asked = record.pending.units ?? [record.pending.unit];
  const fields = askUnits(questions)
    .filter((candidate) => asked.includes(candidate.id))
    .flatMap((unit) => unit.questions.map((question) => question.field));
  const followUps = questions.filter(
    (question) => question.askedWhen && 'field' in question.askedWhen && fields.includes(question.askedWhen.field),
  );
  return [...fields, ...followUps.map((question) => question.field)];
}

/**
 * SAFETY-SPEC v1.1: anything a person says counts, whichever question is pending. Every message
 * of an assessment (after consent) is read; what it names about the person is taken (and not
 * asked again) or replaces an earlier answer (a correction), and the person is told in one line.
 * After the result, a correction makes the decision again, with a new audit record and a new
 * `assessment.completed` event, and says what changed and the new outcome (announceCorrection). Words the reader could not place beside
 * what it did place are asked about, never silently ignored.
 */
export async function listen(context: TurnContext, deps: DialogDeps, text: string, options = { askAboutUnplaced: true }): Promise<void> {
  const { accessors, safety, strings } = deps;
  if (!(await accessors.userProfile.get(context, {})).consent?.given) return;
  const record = await accessors.assessment.get(context);
  if (!record) return;
  const check = checkFor(record.answers);
  const today = deps.clock();
  const personAge = typeof record.answers.age === 'number' ? record.answers.age : undefined;
  context.turnState.set(PERSON_AGE, personAge);
  const { found, unplaced, deniedByPerson, unsure } = namedAnswers(text, {
    reader: safety.reader,
    today,
    ...(personAge !== undefined ? { personAge } : {}),
  });
  const kind = (field: string) => safety.rules.fields[field]?.kind;
  const mayLower = (field: string) => deniedByPerson(field, kind(field) === 'choice' || kind(field) === 'number');
  const notSure = (field: string) => unsure.some((root) => field === root || field.startsWith(`${root}.`));
  const { form, changes } = applyFindings(safety.rules, check, record, forCheck(found, check), {
    referenceDate: today,
    mayLower,
    unsure: notSure,
  });
  const updated: AssessmentRecord = { ...record, concerns: [...record.concerns], answers: { ...record.answers } };
  // Before the health questions: the concerns, the place and the depths a description named.
  const described = await takeDescription(context, deps, updated, text);
  if (changes.length === 0 && !described.changed) return;
  withForm(updated, { ...form, answers: { ...form.answers, ...contextOf(updated) } });
  await accessors.assessment.set(context, updated);
  context.turnState.set(ANSWERS_CHANGED, true);
  noteCorrections(context, safety.rules.questions[check], changes);

  const asked = pendingFields(deps, record);
  const outside = changes.filter((change) => !asked.includes(change.field) || change.kind === 'corrected');
  const lines = changeLines(deps, check, outside, described.said);
  // Asked about without quoting them: what a person types is never shown back (test/privacy).
  if (unplaced.length > 0 && options.askAboutUnplaced) lines.push(strings('unplacedWords'));
  if (lines.length > 0) context.turnState.set(ANSWERED_ELSEWHERE, true);
  // After the result, what changed is said with the new decision, in the same message.
  if (record.decision) return announceCorrection(context, deps, record.decision, lines);
  // what was noted is said back in its own line, before anything else the turn says
  if (lines.length > 0) await context.sendActivity(lines.join('\n'));
}
