import { isIsoDate } from './dates.js';

/**
 * The answer fields a rule condition may name, as dotted paths into ScreeningAnswers, with
 * what kind of value each holds and which check asks it. The rule table is validated against
 * this list at load, so a misspelt field in the data fails loudly instead of never firing.
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
}

const tri = (role: FieldRole): FieldSpec => ({ kind: 'tri', role, values: ['yes', 'no', 'unknown'], unknownValues: ['unknown'] });

export const checks: readonly CheckId[] = ['screening', 'after-treatment'];

export const answerFields: Readonly<Record<string, FieldSpec>> = {
  age: { kind: 'number', role: 'screening', unknownValues: ['unknown'] },
  pregnantOrBreastfeeding: tri('screening'),
  'isotretinoin.status': {
    kind: 'choice',
    role: 'screening',
    values: ['current', 'stopped', 'never', 'unknown'],
    unknownValues: ['unknown'],
  },
  'isotretinoin.stoppedOn': { kind: 'date', role: 'screening' },
  activeInfection: tri('screening'),
  coldSoreNow: tri('screening'),
  coldSoreHistory: tri('screening'),
  activeAcne: tri('screening'),
  rosacea: tri('screening'),
  eczema: tri('screening'),
  psoriasis: tri('screening'),
  skinCancerOrChangingMole: tri('screening'),
  bleedingDisorder: tri('screening'),
  bloodThinners: tri('screening'),
  keloidScars: tri('screening'),
  immunosuppressed: tri('screening'),
  diabetes: tri('screening'),
  metalOrAnaestheticAllergy: tri('screening'),
  sunburn: tri('screening'),
  'lastSession.status': { kind: 'choice', role: 'screening', values: ['never', 'done', 'unknown'], unknownValues: ['unknown'] },
  'lastSession.date': { kind: 'date', role: 'screening' },
  wantsHomeUse: { kind: 'flag', role: 'context', values: [true, false] },
  deepScars: { kind: 'flag', role: 'context', values: [true, false] },
  deepWrinkles: { kind: 'flag', role: 'context', values: [true, false] },
  pigmentationRisk: tri('context'),
  'afterTreatment.breathingOrSwelling': tri('after-treatment'),
  'afterTreatment.spreadingRednessWithSystemic': tri('after-treatment'),
  'afterTreatment.infectionSigns': tri('after-treatment'),
  'afterTreatment.eyeSymptoms': tri('after-treatment'),
  'afterTreatment.newBlistersOrColdSore': tri('after-treatment'),
  'afterTreatment.prolongedSymptoms': tri('after-treatment'),
  'afterTreatment.daysSinceTreatment': { kind: 'number', role: 'after-treatment' },
  'afterTreatment.normalSymptoms': tri('after-treatment'),
};

export function fieldSpec(path: string): FieldSpec | undefined {
  return Object.prototype.hasOwnProperty.call(answerFields, path) ? answerFields[path] : undefined;
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
      return typeof value === 'number' && Number.isFinite(value);
    case 'date':
      return isIsoDate(value);
  }
}
