import { askUnits, readField, type CatalogueQuestion, type CheckId } from '../src/safety/index.js';
import type { AnswerChange } from '../src/safety/index.js';
import type { AssessmentRecord } from './assessment-record.js';
import { formatDay } from './decision-messages.js';
import type { DialogDeps } from './dialog-deps.js';

/** One answer in the person's words: "yes", "taking it now", "34", "3 June 2026". */
export function answerInWords(deps: DialogDeps, question: CatalogueQuestion, value: unknown): string {
  const { strings } = deps;
  if (value === 'unknown') return strings('answer.unknown');
  switch (question.type) {
    case 'tri':
      return strings(`answer.${String(value)}`);
    case 'choice':
      return strings(`choice.${question.id}.${String(value)}`);
    case 'date':
      return formatDay(String(value));
    case 'days':
      return strings('noted.daysAgo', { days: Number(value) });
    case 'flag':
      return strings(value === true ? 'answer.yes' : 'answer.no');
    case 'age':
      return String(value);
  }
}

/**
 * What was noted for a check, in plain words, one line per question or checklist ("In the area
 * now: Sunburn; not sure: A cold sore"), for the read-back before the decision.
 */
export function notedLines(deps: DialogDeps, record: AssessmentRecord, check: CheckId): string[] {
  const { strings } = deps;
  const lines: string[] = [];
  for (const unit of askUnits(deps.safety.rules.questions[check])) {
    if (!unit.checklist) {
      const question = unit.questions[0]!;
      const value = readField(record.answers, question.field);
      if (value !== undefined) lines.push(`${strings(`field.${question.id}`)}: ${answerInWords(deps, question, value)}`);
      continue;
    }
    const withValue = (wanted: string) =>
      unit.questions
        .filter((question) => readField(record.answers, question.field) === wanted)
        .map((question) => strings(`item.${question.id}`));
    const yes = withValue('yes');
    const unsure = withValue('unknown');
    if (yes.length === 0 && unsure.length === 0 && withValue('no').length === 0) continue;
    const parts = [
      ...(yes.length > 0 ? [yes.join(', ')] : []),
      ...(unsure.length > 0 ? [strings('noted.notSure', { list: unsure.join(', ') })] : []),
    ];
    lines.push(`${strings(`field.${unit.id}`)}: ${parts.length > 0 ? parts.join('; ') : strings('noted.none')}`);
  }
  return lines;
}

/**
 * "Noted: Age: 29." / "I've changed that: Pregnant or breastfeeding: yes." for changes a message
 * made; `alsoTaken` adds what else it noted ("your concerns: acne scars") to the first line.
 */
export function changeLines(
  deps: DialogDeps,
  check: CheckId,
  changes: readonly AnswerChange[],
  alsoTaken: readonly string[] = [],
): string[] {
  const questions = deps.safety.rules.questions[check];
  const describe = (change: AnswerChange) => {
    const question = questions.find((candidate) => candidate.field === change.field);
    return question ? `${deps.strings(`field.${question.id}`)}: ${answerInWords(deps, question, change.value)}` : undefined;
  };
  const list = (kind: AnswerChange['kind']) =>
    changes
      .filter((change) => change.kind === kind)
      .map(describe)
      .filter((line): line is string => line !== undefined);
  const taken = [...list('taken'), ...alsoTaken];
  const corrected = list('corrected');
  return [
    ...(taken.length > 0 ? [deps.strings('noted.taken', { list: taken.join('; ') })] : []),
    ...(corrected.length > 0 ? [deps.strings('noted.corrected', { list: corrected.join('; ') })] : []),
  ];
}
