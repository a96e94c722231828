import { isIsoDate } from './dates.js';

/**
 * The answer fields a rule condition may name, as dotted paths into the answers, with what kind
 * of value each holds and which check asks it. They are derived from the question catalogue and
 * the rule table is validated against them at load, so a misspelt field in the data fails loudly
 * instead of never firing.
 */

export type FieldKind = 'tri' | 'choice' | 'number' | 'date' | 'flag';
export type CheckId = 'screening' | 'after-treatment';
export type FieldRole = CheckId | 'context';
export type FieldValue = string | number | boolean;

export interface FieldSpec {
  kind: FieldKind;
  /** screening / after-treatment: a question whose missing answer counts as open; context: optional. */
  role: FieldRole;
  /** The values `is`, `isNot` and `in` may compare with (not for number and date fields). */
  values?: readonly FieldValue[];
  /** Values that mean "not sure" rather than an answer. */
  unknownValues?: readonly FieldValue[];
  /** number fields: the range a real answer lies in. */
  min?: number;
  max?: number;
}

export const checks: readonly CheckId[] = ['screening', 'after-treatment'];

/** The answer fields of a rule table, derived from its question catalogue (src/safety/catalogue.ts). */
export type AnswerFields = Readonly<Record<string, FieldSpec>>;

export function fieldSpec(fields: AnswerFields, path: string): FieldSpec | undefined {
  return Object.prototype.hasOwnProperty.call(fields, path) ? fields[path] : undefined;
}

const splitPaths = new Map<string, string[]>();

/** Reads a dotted path; anything that is not a plain object on the way gives undefined. */
export function readField(answers: unknown, path: string): unknown {
  let keys = splitPaths.get(path);
  if (keys === undefined) {
    keys = path.split('.');
    // Paths come from validated data (a closed set), so this cache stays small.
    splitPaths.set(path, keys);
  }
  let current: unknown = answers;
  for (const key of keys) {
    if (current === null || typeof current !== 'object' || Array.isArray(current)) return undefined;
    if (!Object.prototype.hasOwnProperty.call(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/**
 * True only for a real answer of the field's kind. Missing, "unknown" and anything malformed
 * count as not answered, so a garbled value can never pass as "no".
 */
export function isAnswered(spec: FieldSpec, value: unknown): boolean {
  if (value === undefined || spec.unknownValues?.includes(value as FieldValue)) return false;
  switch (spec.kind) {
    case 'tri':
    case 'choice':
    case 'flag':
      return spec.values?.includes(value as FieldValue) ?? false;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) && value >= (spec.min ?? -Infinity) && value <= (spec.max ?? Infinity);
    case 'date':
      return isIsoDate(value);
  }
}
