import type { AfterTreatmentAnswers } from '../safety/index.js';
import type { Reader } from './reader/index.js';

/**
 * Red-flag rules and after-treatment answers meet here, from the terminology's own table (each
 * red-flag rule names the answer field it stands for), so a flag caught in any message is
 * decided, explained and audited by the same engine as the after-treatment check.
 */

const PREFIX = 'afterTreatment.';

/** The after-treatment answers that a set of fired red-flag rules amounts to. */
export function afterTreatmentFromRuleIds(ruleIds: readonly string[], reader: Reader): AfterTreatmentAnswers {
  const answers: Record<string, 'yes'> = {};
  for (const rule of reader.compiled.knowledge.terminology.redFlags.rules) {
    if (ruleIds.includes(rule.id) && rule.field.startsWith(PREFIX)) answers[rule.field.slice(PREFIX.length)] = 'yes';
  }
  return answers as AfterTreatmentAnswers;
}

/**
 * The warning-sign fields of the after-treatment checklist: every red-flag rule's field, then
 * the other after-treatment fields the terminology answers, except those the caller asks apart.
 */
export function afterTreatmentSignFields(reader: Reader, askedApart: readonly string[]): string[] {
  const { terminology } = reader.compiled.knowledge;
  const fields = [
    ...terminology.redFlags.rules.map((rule) => rule.field),
    ...terminology.concepts.flatMap((concept) => (concept.answers ?? []).map((answer) => answer.field)),
  ]
    .filter((field) => field.startsWith(PREFIX))
    .map((field) => field.slice(PREFIX.length))
    .filter((field) => !askedApart.includes(field) && field !== 'daysSinceTreatment');
  return [...new Set(fields)];
}
