import type { RuleTable } from '../safety/index.js';
import { StringsError, type Strings } from '../strings/index.js';

/** What the report's ids are called, for a clinic manager: the page and the CLI show these, never the ids. */
export interface InsightNames {
  questions: Record<string, string>;
  rules: Record<string, string>;
  outcomes: Record<string, string>;
}

export interface InsightNamer {
  question(id: string): string;
  rule(id: string): string;
  outcome(id: string): string;
}

/** The string, or undefined when the language's file has no such key. */
function optional(strings: Strings, key: string): string | undefined {
  try {
    return strings(key);
  } catch (error) {
    if (error instanceof StringsError) return undefined;
    throw error;
  }
}

function sentenceCase(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Names from data, in the strings' language: a question by `insights.question.<id>` (the
 * dialogs' own questions, and a clearer name where the read-back label reads oddly alone) or
 * else the catalogue's `field.<id>` label; a rule by `insights.rule.<id>` or else its `when`
 * in the rule table; an outcome by `insights.outcome.<id>`. An id nothing names (one from an
 * older version's events) is shown as it is rather than dropped; tests name every current id.
 */
export function insightNamer(strings: Strings, rules: RuleTable): InsightNamer {
  const when = new Map(rules.rules.map((rule) => [rule.id, rule.when]));
  return {
    question(id) {
      // A prompt used in two containers is counted as "container:prompt".
      const prompt = id.slice(id.lastIndexOf(':') + 1);
      return optional(strings, `insights.question.${prompt}`) ?? optional(strings, `field.${prompt}`) ?? id;
    },
    rule(id) {
      const named = optional(strings, `insights.rule.${id}`) ?? when.get(id);
      return named === undefined ? id : sentenceCase(named);
    },
    outcome(id) {
      return optional(strings, `insights.outcome.${id}`) ?? id;
    },
  };
}

interface IdsOfReport {
  outcomes: Record<string, unknown>;
  outcomesByDay: Record<string, Record<string, unknown>>;
  rules: Record<string, unknown>;
  dropOff: Record<string, unknown>;
  unrecognised: Record<string, unknown>;
  corrected: Record<string, unknown>;
}

/** The names of the ids a report holds (a hidden count's id is in the report already, as its key). */
export function namesOf(report: IdsOfReport, namer: InsightNamer): InsightNames {
  const name = (ids: Iterable<string>, of: (id: string) => string) => Object.fromEntries([...new Set(ids)].map((id) => [id, of(id)]));
  const outcomeIds = [...Object.keys(report.outcomes), ...Object.values(report.outcomesByDay).flatMap((day) => Object.keys(day))];
  return {
    questions: name(
      [...Object.keys(report.dropOff), ...Object.keys(report.unrecognised), ...Object.keys(report.corrected)],
      namer.question,
    ),
    rules: name(Object.keys(report.rules), namer.rule),
    outcomes: name(outcomeIds, namer.outcome),
  };
}
