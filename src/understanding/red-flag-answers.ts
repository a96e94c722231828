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
