import { z } from 'zod';
import { isIsoDate } from './dates.js';
import type { AnswerFields, FieldSpec } from './answer-fields.js';

/**
 * The structured answers the dialogs collect. The fields are the question catalogue's
 * (knowledge/safety/rules.json "questions"); these interfaces name the built-in ones for the
 * reader and the tests, and a catalogue may add more. Every screening question has an unknown
 * form, and a missing screening field means the question stayed open: unknown is never "no".
 */

export type Tri = 'yes' | 'no' | 'unknown';

export interface IsotretinoinAnswer {
  status: 'current' | 'stopped' | 'never' | 'unknown';
  stoppedOn?: string; // YYYY-MM-DD
}

export interface LastSessionAnswer {
  status: 'never' | 'done' | 'unknown';
  date?: string; // YYYY-MM-DD
}

/** Present only when the person has had a session; switches the engine to the after-treatment check. */
export interface AfterTreatmentAnswers {
  breathingOrSwelling?: Tri; // anaphylaxis signs
  spreadingRednessWithSystemic?: Tri; // spreading redness + fever/chills/confusion/racing heart
  infectionSigns?: Tri;
  eyeSymptoms?: Tri;
  newBlistersOrColdSore?: Tri;
  prolongedSymptoms?: Tri; // redness past 7 days, dark patches, persistent itchy bumps
  daysSinceTreatment?: number | 'unknown';
  normalSymptoms?: Tri; // redness, tightness, mild swelling
  /** A field a catalogue adds. */
  [field: string]: unknown;
}

export interface ScreeningAnswers {
  age?: number | 'unknown';
  pregnantOrBreastfeeding?: Tri;
  isotretinoin?: IsotretinoinAnswer;
  activeInfection?: Tri; // active skin infection, open wound, broken or irritated skin in the area
  coldSoreNow?: Tri;
  coldSoreHistory?: Tri;
  activeAcne?: Tri;
  rosacea?: Tri;
  eczema?: Tri;
  psoriasis?: Tri;
  skinCancerOrChangingMole?: Tri;
  bleedingDisorder?: Tri;
  bloodThinners?: Tri;
  keloidScars?: Tri;
  immunosuppressed?: Tri;
  diabetes?: Tri;
  metalOrAnaestheticAllergy?: Tri;
  sunburn?: Tri;
  lastSession?: LastSessionAnswer;
  // context for advisory notes (not screening questions; missing = not applicable, not unknown)
  wantsHomeUse?: boolean;
  deepScars?: boolean;
  deepWrinkles?: boolean;
  pigmentationRisk?: Tri; // skin darkens after injury, or darker skin tone (N-PIH when yes or unknown)
  afterTreatment?: AfterTreatmentAnswers;
  /** A field a catalogue adds. */
  [field: string]: unknown;
}

export const triSchema = z.enum(['yes', 'no', 'unknown']);

export const isoDateSchema = z
  .string()
  .refine((value) => isIsoDate(value), { message: 'expected a real calendar date written YYYY-MM-DD' });

function leafSchema(spec: FieldSpec): z.ZodType {
  switch (spec.kind) {
    case 'number': {
      const range = z
        .number()
        .min(spec.min ?? -Infinity)
        .max(spec.max ?? Infinity);
      const message = `expected a number between ${spec.min ?? '-'} and ${spec.max ?? '-'}${spec.unknownValues ? ', or "unknown"' : ''}`;
      return spec.unknownValues ? z.union([range, z.literal('unknown')], { error: message }) : range;
    }
    case 'date':
      return spec.unknownValues
        ? z.union([isoDateSchema, z.literal('unknown')], { error: 'expected a date written YYYY-MM-DD, or "unknown"' })
        : isoDateSchema;
    case 'flag':
      return z.boolean();
    case 'tri':
    case 'choice':
      return z.enum((spec.values ?? []).map(String) as [string, ...string[]]);
  }
}

const schemas = new WeakMap<AnswerFields, z.ZodType>();

/**
 * The answers schema of a rule table, derived from its fields: strict at every level, since a
 * misspelt field name would otherwise be dropped silently and read as "open".
 */
export function answersSchemaFor(fields: AnswerFields): z.ZodType<ScreeningAnswers> {
  let schema = schemas.get(fields);
  if (!schema) {
    const tree: Record<string, z.ZodType | Record<string, z.ZodType>> = {};
    for (const [path, spec] of Object.entries(fields)) {
      const [head, tail] = path.split('.') as [string, string | undefined];
      if (tail === undefined) tree[head] = leafSchema(spec).optional();
      else ((tree[head] ??= {}) as Record<string, z.ZodType>)[tail] = leafSchema(spec).optional();
    }
    const shape = Object.fromEntries(
      Object.entries(tree).map(([key, value]) => [key, value instanceof z.ZodType ? value : z.strictObject(value).optional()]),
    );
    schema = z.strictObject(shape);
    schemas.set(fields, schema);
  }
  return schema as z.ZodType<ScreeningAnswers>;
}

export type AnswersParseResult = { ok: true; answers: ScreeningAnswers } | { ok: false; error: string };

/** Validates untrusted answers (a JSON file, stored state) against a table's fields and says what is wrong in one line. */
export function parseAnswers(value: unknown, fields: AnswerFields): AnswersParseResult {
  const result = answersSchemaFor(fields).safeParse(value);
  if (result.success) return { ok: true, answers: result.data };
  const problems = result.error.issues.map((issue) => {
    const where = issue.path.length > 0 ? issue.path.map(String).join('.') : '(top level)';
    return `${where}: ${issue.message}`;
  });
  return { ok: false, error: problems.join('; ') };
}
