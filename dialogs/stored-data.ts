import type { TurnContext } from 'botbuilder';
import type { DialogDeps } from './dialog-deps.js';
import { emptyAssessment } from './assessment-record.js';
import { formatDay } from './decision-messages.js';

function readPath(value: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (current, key) => (current && typeof current === 'object' ? (current as Record<string, unknown>)[key] : undefined),
      value,
    );
}

/** One answer in words: tri-state answers translated, dates written out, other values as they are. */
function answerInWords(deps: DialogDeps, value: unknown): string {
  if (value === 'yes' || value === 'no' || value === 'unknown') return deps.strings(`answer.${value}`);
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDay(value);
  return String(value);
}

/**
 * "What do you know about me": everything stored about this person and this conversation,
 * read back in plain words. It is built from the stored structured answers only.
 */
export async function describeStoredData(context: TurnContext, deps: DialogDeps): Promise<string> {
  const { strings, accessors, kb, safety } = deps;
  const profile = await accessors.userProfile.get(context, {});
  const record = await accessors.assessment.get(context, emptyAssessment());
  const lines: string[] = [];
  if (profile.consent) {
    const date = formatDay(profile.consent.at.slice(0, 10));
    lines.push(strings(profile.consent.given ? 'knownConsent' : 'knownDeclined', { date }));
  }
  if (record.concerns.length > 0) {
    const labels = kb.concerns.filter((concern) => record.concerns.includes(concern.id)).map((concern) => concern.label);
    lines.push(strings('knownConcerns', { list: labels.join(', ') }));
  }
  if (record.goal) lines.push(strings('knownGoal', { goal: strings(`goal.${record.goal}`) }));
  const questions = [...safety.rules.questions.screening, ...safety.rules.questions['after-treatment']];
  const answered = questions
    .map((question) => ({ label: question.label, value: readPath(record.answers, question.field) }))
    .filter((item) => item.value !== undefined)
    .map((item) => `${item.label}: ${answerInWords(deps, item.value)}`);
  if (answered.length > 0) lines.push(strings('knownAnswers', { list: answered.join('; ') }));
  if (record.decision) {
    lines.push(
      strings('knownOutcome', {
        outcome: strings(`outcomeLabel.${record.decision.outcome}`),
        date: formatDay(record.decision.at.slice(0, 10)),
      }),
    );
  }
  if (lines.length === 0) return strings('knownNothing');
  return [strings('knownIntro'), ...lines.map((line) => `- ${line}`), strings('knownFooter')].join('\n');
}
