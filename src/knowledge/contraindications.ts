import type { RuleTable } from '../safety/index.js';
import { contraindicationRules } from './rule-roles.js';

/**
 * The "who should not have micro-needling" answer, generated from the safety rule table at load:
 * a second, hand-written list would drift from the rules the screening applies. Each rule's
 * `when` is the clinician's plain description of its condition (SAFETY-SPEC.md's "when" column).
 */
export function contraindicationsAnswer(table: RuleTable): string {
  const rules = contraindicationRules(table);
  const list = (outcome: string) =>
    rules
      .filter((rule) => rule.outcome === outcome)
      .map((rule) => rule.when.trim())
      .join('; ');
  const notNow = list('not-suitable-now');
  const review = list('clinician-review');
  const sentences = [
    notNow && `Micro-needling is not advised for now, in a clinic or at home, with any of these: ${notNow}.`,
    review && `Only a professional can decide, and micro-needling at home is not advised, with any of these: ${review}.`,
    'Whatever applies to you, a professional consultation is where the decision is made.',
  ].filter((s): s is string => Boolean(s));
  return sentences.join(' ');
}
