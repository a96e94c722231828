import { assess, openQuestions, readField, type Outcome, type RuleTable, type ScreeningAnswers } from '../safety/index.js';
import { BLOCKING_OUTCOMES, isOpenQuestionsRule, ruleById } from './rule-roles.js';

/**
 * What the bot knows of the person, turned into the reasons that stand against micro-needling for
 * them now (SAFETY-SPEC v1.1 "Questions about safety outside the screening"). Pure: the rule
 * table and the reference date are passed in.
 */

export interface PersonContext {
  /** The screening (or after-treatment) answers given so far; may be empty. */
  readonly answers: ScreeningAnswers;
  /** The last decision, when the screening has ended. */
  readonly decision?: { readonly outcome: Outcome; readonly rules: readonly string[] };
}

export interface RuleSentence {
  readonly ruleId: string;
  /** The rule's own sentence, dates and open questions filled in where the answers give them. */
  readonly sentence: string;
}

/**
 * The question's own findings over the person's answers. A definite value in the question is a
 * correction ("actually I'm 16") and replaces the earlier one; a "not sure" read from a question
 * ("can I, if I'm pregnant?") only fills a gap, so it never erases what the person said.
 */
export function mergeAnswers(person: ScreeningAnswers, question: ScreeningAnswers): ScreeningAnswers {
  const merged: Record<string, unknown> = { ...person };
  for (const [field, value] of Object.entries(question)) {
    if (value === undefined) continue;
    const unsure =
      value === 'unknown' || (typeof value === 'object' && value !== null && (value as { status?: unknown }).status === 'unknown');
    if (unsure && merged[field] !== undefined) continue;
    merged[field] = value;
  }
  return merged as ScreeningAnswers;
}

/** Removes sentences whose placeholder the answers could not fill ("Until {date}, ..."). */
export function withoutOpenPlaceholders(sentence: string): string {
  return sentence
    .split(/(?<=[.!?])\s+/)
    .filter((part) => !/\{\w+\}/.test(part))
    .join(' ')
    .trim();
}

function joinLabels(labels: readonly string[], table: RuleTable): string {
  if (labels.length <= 1) return labels.join('');
  const { listSeparator, listLastSeparator } = table.language;
  return `${labels.slice(0, -1).join(listSeparator)}${listLastSeparator}${labels[labels.length - 1]}`;
}

/**
 * The person's reasons against micro-needling now (any outcome more severe than consultation):
 * the rules that fire on the answers given so far, plus those of a finished decision. While the
 * screening runs, every question not yet asked is "open"; that is no reason, but an answer the
 * person gave as "not sure" is one, and its sentence names only those questions.
 */
export function reasonsAgainst(answers: ScreeningAnswers, person: PersonContext, table: RuleTable, today: Date): RuleSentence[] {
  const decision = assess(answers, today, table);
  const finished = new Set(person.decision?.rules ?? []);
  const reasons: RuleSentence[] = [];
  const add = (ruleId: string, sentence: string) => {
    const text = withoutOpenPlaceholders(sentence);
    if (text && !reasons.some((r) => r.ruleId === ruleId)) reasons.push({ ruleId, sentence: text });
  };
  for (const reason of decision.reasons) {
    const rule = ruleById(table, reason.ruleId);
    if (!rule || !BLOCKING_OUTCOMES.has(rule.outcome)) continue;
    if (isOpenQuestionsRule(rule) && !finished.has(rule.id)) {
      // Only the person's own "not sure": one read from a question ("can I, if I'm pregnant?") is that rule's question.
      const unsure = openQuestions(answers, today, table).filter((q) => readField(person.answers, q.field) !== undefined);
      if (unsure.length > 0)
        add(
          rule.id,
          rule.sentence.replaceAll(
            '{questions}',
            joinLabels(
              unsure.map((q) => q.label),
              table,
            ),
          ),
        );
      continue;
    }
    add(reason.ruleId, reason.sentence);
  }
  // A finished decision counts even where today's reading of the answers differs (a date moved on).
  for (const id of finished) {
    const rule = ruleById(table, id);
    if (rule && BLOCKING_OUTCOMES.has(rule.outcome)) add(rule.id, rule.sentence);
  }
  return reasons;
}
