import type { AnswerFields, RuleTable } from '../safety/index.js';
import { ReaderKnowledgeError, terminologyFile, type ReaderIssue, type ReaderKnowledge, type ReaderPolicy } from './reader/index.js';

/**
 * The terminology names the answer fields its concepts and red-flag rules answer; the safety
 * engine names the fields its rules read. Checked at start, so a misspelt field ("rosacia") stops
 * the start with the concept and field named, instead of an answer that is silently never given.
 */
export function checkReaderAnswerFields(knowledge: ReaderKnowledge, fields: AnswerFields): void {
  const known = Object.keys(fields);
  const isField = (field: string) => known.some((path) => path === field || path.startsWith(`${field}.`));
  const issues: ReaderIssue[] = [];
  for (const concept of knowledge.terminology.concepts) {
    (concept.answers ?? []).forEach((answer, index) => {
      if (!isField(answer.field))
        issues.push({ entry: `concept ${concept.id}`, field: `answers[${index}].field`, message: `no answer field "${answer.field}"` });
    });
  }
  for (const rule of knowledge.terminology.redFlags.rules) {
    if (!isField(rule.field)) issues.push({ entry: `rule ${rule.id}`, field: 'field', message: `no answer field "${rule.field}"` });
  }
  if (issues.length > 0) throw new ReaderKnowledgeError(terminologyFile, issues);
}

/** The rule table's windows the reader reads stop dates with ("stopped warfarin 2 weeks ago" still counts). */
export function readerPolicy(rules: RuleTable): ReaderPolicy {
  const stoppedCountsWithinDays: Record<string, number> = {};
  for (const rule of rules.rules) {
    if (rule.stoppedCountsWithinWeeks !== undefined && 'field' in rule.if)
      stoppedCountsWithinDays[rule.if.field] = rule.stoppedCountsWithinWeeks * 7;
  }
  return { stoppedCountsWithinDays };
}
