import { fieldSpec, readField, type AnswerFields, type FieldKind, type FieldValue } from './answer-fields.js';
import { addPeriod, isIsoDate, laterDate, toDayNumber, type IsoDate, type PeriodUnit } from './dates.js';

/**
 * The small condition language of the rule table, written as JSON so a clinician can read it:
 *
 *   {"field": "age", "lt": 18}                                  number comparisons: lt lte gt gte
 *   {"field": "pregnantOrBreastfeeding", "is": "yes"}          equality: is, isNot, in [..]
 *   {"field": "isotretinoin.stoppedOn", "withinMonths": 6}     a date less than 6 months before
 *                                                               the reference date (also withinDays, withinWeeks)
 *   {"all": [...]}  {"any": [...]}                              combinations
 *   {"anyQuestionOpen": true}                                   a question of this check stayed open
 *   {"always": true}                                            (notes that always apply)
 *   {"otherwise": true}                                         (the one rule that fires when no other does)
 *
 * There is deliberately no general "not", so adding a risk can only make conditions true.
 * "isNot" exists for "none now" cases (cold sores in the past, none now) and belongs only where
 * the opposite case fires a rule at least as severe; the property tests check that.
 */

const comparators = ['is', 'isNot', 'in', 'lt', 'lte', 'gt', 'gte', 'withinDays', 'withinWeeks', 'withinMonths'] as const;
type Comparator = (typeof comparators)[number];

export interface FieldCondition {
  field: string;
  is?: FieldValue;
  isNot?: FieldValue;
  in?: FieldValue[];
  lt?: number;
  lte?: number;
  gt?: number;
  gte?: number;
  withinDays?: number;
  withinWeeks?: number;
  withinMonths?: number;
}

export type Condition =
  { all: Condition[] } | { any: Condition[] } | { always: true } | { otherwise: true } | { anyQuestionOpen: true } | FieldCondition;

export interface ConditionIssue {
  path: (string | number)[];
  message: string;
}

export interface ConditionRules {
  /** Only the fallback rule's top-level condition may say "otherwise". */
  allowOtherwise: boolean;
  /** The answer fields a condition may name (derived from the question catalogue). */
  fields: AnswerFields;
}

const comparatorKinds: Record<Comparator, readonly FieldKind[]> = {
  is: ['tri', 'choice', 'flag', 'number'],
  isNot: ['tri', 'choice', 'flag', 'number'],
  in: ['tri', 'choice', 'flag', 'number'],
  lt: ['number'],
  lte: ['number'],
  gt: ['number'],
  gte: ['number'],
  withinDays: ['date'],
  withinWeeks: ['date'],
  withinMonths: ['date'],
};

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function valueIssue(fields: AnswerFields, field: string, value: unknown, path: (string | number)[]): ConditionIssue | null {
  const spec = fieldSpec(fields, field);
  if (!spec) return null;
  if (spec.kind === 'number') {
    return typeof value === 'number' && Number.isFinite(value) ? null : { path, message: `"${field}" compares with numbers` };
  }
  if (!spec.values?.includes(value as FieldValue)) {
    return { path, message: `"${field}" has no value ${JSON.stringify(value)}; expected one of ${JSON.stringify(spec.values)}` };
  }
  return null;
}

/** Every problem in a condition, each with the JSON path to the broken part. */
export function conditionIssues(value: unknown, path: (string | number)[], rules: ConditionRules): ConditionIssue[] {
  if (!isPlainObject(value)) return [{ path, message: 'a condition must be a JSON object' }];
  const keys = Object.keys(value);

  if ('all' in value || 'any' in value) {
    const key = 'all' in value ? 'all' : 'any';
    if (keys.length !== 1) return [{ path, message: `"${key}" must be the only key of its condition` }];
    const list = value[key];
    if (!Array.isArray(list) || list.length === 0) return [{ path: [...path, key], message: 'expected a non-empty list of conditions' }];
    return list.flatMap((child, index) => conditionIssues(child, [...path, key, index], { allowOtherwise: false, fields: rules.fields }));
  }

  for (const flag of ['always', 'otherwise', 'anyQuestionOpen'] as const) {
    if (flag in value) {
      if (keys.length !== 1 || value[flag] !== true) return [{ path, message: `write {"${flag}": true} on its own` }];
      if (flag === 'otherwise' && !rules.allowOtherwise) {
        return [{ path, message: '"otherwise" is allowed only as the whole condition of the fallback rule' }];
      }
      return [];
    }
  }

  if (!('field' in value)) {
    return [{ path, message: 'expected "field" with one comparison, or "all", "any", "anyQuestionOpen", "always", "otherwise"' }];
  }
  const field = value.field;
  if (typeof field !== 'string' || !fieldSpec(rules.fields, field)) {
    return [{ path: [...path, 'field'], message: `unknown answer field ${JSON.stringify(field)}` }];
  }
  const spec = fieldSpec(rules.fields, field)!;
  const issues: ConditionIssue[] = [];
  const used = keys.filter((key) => key !== 'field');
  const unknownKeys = used.filter((key) => !(comparators as readonly string[]).includes(key));
  for (const key of unknownKeys)
    issues.push({ path: [...path, key], message: `unknown comparison "${key}"; use one of ${comparators.join(', ')}` });
  if (unknownKeys.length > 0) return issues;
  if (used.length !== 1) return [{ path, message: `give exactly one comparison for "${field}", found ${used.length}` }];

  const comparator = used[0] as Comparator;
  const operand = value[comparator];
  const operandPath = [...path, comparator];
  if (!comparatorKinds[comparator].includes(spec.kind)) {
    return [{ path: operandPath, message: `"${comparator}" does not apply to "${field}" (a ${spec.kind} field)` }];
  }
  if (comparator === 'in') {
    if (!Array.isArray(operand) || operand.length === 0) return [{ path: operandPath, message: 'expected a non-empty list of values' }];
    operand.forEach((item, index) => {
      const issue = valueIssue(rules.fields, field, item, [...operandPath, index]);
      if (issue) issues.push(issue);
    });
    return issues;
  }
  if (comparator === 'is' || comparator === 'isNot') {
    const issue = valueIssue(rules.fields, field, operand, operandPath);
    return issue ? [issue] : [];
  }
  if (comparator.startsWith('within')) {
    return Number.isInteger(operand) && (operand as number) > 0 ? [] : [{ path: operandPath, message: 'expected a whole number above 0' }];
  }
  return typeof operand === 'number' && Number.isFinite(operand) ? [] : [{ path: operandPath, message: 'expected a number' }];
}

/** What a condition needs from the engine, used to check a sentence's placeholders at load. */
export function conditionUses(condition: Condition): { within: boolean; anyQuestionOpen: boolean; otherwise: boolean } {
  if ('all' in condition || 'any' in condition) {
    const children = 'all' in condition ? condition.all : condition.any;
    return children.map(conditionUses).reduce(
      (a, b) => ({
        within: a.within || b.within,
        anyQuestionOpen: a.anyQuestionOpen || b.anyQuestionOpen,
        otherwise: a.otherwise || b.otherwise,
      }),
      { within: false, anyQuestionOpen: false, otherwise: false },
    );
  }
  return {
    within: 'field' in condition && (condition.withinDays ?? condition.withinWeeks ?? condition.withinMonths) !== undefined,
    anyQuestionOpen: 'anyQuestionOpen' in condition,
    otherwise: 'otherwise' in condition,
  };
}

export interface EvaluationContext {
  answers: unknown;
  /** The reference date as a day number (see dates.ts). */
  today: number;
  anyQuestionOpen: boolean;
}

export interface Evaluation {
  holds: boolean;
  /** The latest end of a date window that made the condition true ("{date}" in a sentence). */
  until?: IsoDate;
}

const no: Evaluation = { holds: false };

function combineUntil(a: IsoDate | undefined, b: IsoDate | undefined): IsoDate | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return laterDate(a, b);
}

function evaluateField(condition: FieldCondition, context: EvaluationContext): Evaluation {
  const value = readField(context.answers, condition.field);
  if (condition.is !== undefined) return { holds: value === condition.is };
  if (condition.isNot !== undefined) return { holds: value !== condition.isNot };
  if (condition.in !== undefined) return { holds: condition.in.includes(value as FieldValue) };

  const window: [number | undefined, PeriodUnit][] = [
    [condition.withinDays, 'days'],
    [condition.withinWeeks, 'weeks'],
    [condition.withinMonths, 'months'],
  ];
  for (const [amount, unit] of window) {
    if (amount === undefined) continue;
    if (!isIsoDate(value)) return no;
    const until = addPeriod(value, amount, unit);
    // The window ends at the start of `until`: exactly 4 weeks later is outside 4 weeks.
    return context.today < toDayNumber(until) ? { holds: true, until } : no;
  }

  if (typeof value !== 'number' || !Number.isFinite(value)) return no;
  if (condition.lt !== undefined) return { holds: value < condition.lt };
  if (condition.lte !== undefined) return { holds: value <= condition.lte };
  if (condition.gt !== undefined) return { holds: value > condition.gt };
  if (condition.gte !== undefined) return { holds: value >= condition.gte };
  return no;
}

/** Evaluates a validated condition. "otherwise" is the engine's business and never holds here. */
export function evaluateCondition(condition: Condition, context: EvaluationContext): Evaluation {
  if ('all' in condition) {
    let until: IsoDate | undefined;
    for (const child of condition.all) {
      const result = evaluateCondition(child, context);
      if (!result.holds) return no;
      until = combineUntil(until, result.until);
    }
    return until === undefined ? { holds: true } : { holds: true, until };
  }
  if ('any' in condition) {
    let holds = false;
    let until: IsoDate | undefined;
    // No short cut: every true branch may carry a date, and the latest one counts.
    for (const child of condition.any) {
      const result = evaluateCondition(child, context);
      if (!result.holds) continue;
      holds = true;
      until = combineUntil(until, result.until);
    }
    if (!holds) return no;
    return until === undefined ? { holds: true } : { holds: true, until };
  }
  if ('always' in condition) return { holds: true };
  if ('otherwise' in condition) return no;
  if ('anyQuestionOpen' in condition) return { holds: context.anyQuestionOpen };
  return evaluateField(condition, context);
}
