import type { Outcome, Rule, RuleTable } from '../safety/index.js';

/**
 * What a rule of the safety rule table means for a question outside the screening. Read from the
 * rule's condition and outcome, never from its id, so a clinician's new rule takes its place.
 */

/** SAFETY-SPEC: with any of these, no micro-needling at home and no "with an expert's advice". */
export const BLOCKING_OUTCOMES: ReadonlySet<Outcome> = new Set<Outcome>(['emergency', 'urgent', 'not-suitable-now', 'clinician-review']);

/** The rule that fires while a question is open: before the screening ends every question is open, so it says nothing yet. */
export function isOpenQuestionsRule(rule: Rule): boolean {
  return typeof rule.if === 'object' && rule.if !== null && 'anyQuestionOpen' in rule.if;
}

/** The "nothing else fired" rule of a check. */
export function isFallbackRule(rule: Rule): boolean {
  return typeof rule.if === 'object' && rule.if !== null && 'otherwise' in rule.if;
}

/** Screening rules that rule micro-needling out or need a professional: the contraindications. */
export function contraindicationRules(table: RuleTable): Rule[] {
  return table.rules.filter(
    (rule) =>
      rule.checks.includes('screening') &&
      (rule.outcome === 'not-suitable-now' || rule.outcome === 'clinician-review') &&
      !isOpenQuestionsRule(rule) &&
      !isFallbackRule(rule),
  );
}

export function ruleById(table: RuleTable, id: string): Rule | undefined {
  return table.rules.find((rule) => rule.id === id);
}
