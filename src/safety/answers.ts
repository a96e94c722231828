import { z } from 'zod';
import { isIsoDate } from './dates.js';

/**
 * The structured answers the dialogs collect. Field names are a contract with the dialogs.
 * Every screening question has an unknown form, and a missing screening field means the
 * question stayed open: unknown is never "no".
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
  daysSinceTreatment?: number;
  normalSymptoms?: Tri; // redness, tightness, mild swelling
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
}

export const triSchema = z.enum(['yes', 'no', 'unknown']);

export const isoDateSchema = z
  .string()
  .refine((value) => isIsoDate(value), { message: 'expected a real calendar date written YYYY-MM-DD' });

export const afterTreatmentSchema = z.strictObject({
  breathingOrSwelling: triSchema.optional(),
  spreadingRednessWithSystemic: triSchema.optional(),
  infectionSigns: triSchema.optional(),
  eyeSymptoms: triSchema.optional(),
  newBlistersOrColdSore: triSchema.optional(),
  prolongedSymptoms: triSchema.optional(),
  daysSinceTreatment: z.number().min(0).max(3650).optional(),
  normalSymptoms: triSchema.optional(),
});

/** Strict: a misspelt field name would otherwise be dropped silently and read as "open". */
export const screeningAnswersSchema = z.strictObject({
  age: z.union([z.number().min(0).max(150), z.literal('unknown')], { error: 'expected years between 0 and 150, or "unknown"' }).optional(),
  pregnantOrBreastfeeding: triSchema.optional(),
  isotretinoin: z
    .strictObject({
      status: z.enum(['current', 'stopped', 'never', 'unknown']),
      stoppedOn: isoDateSchema.optional(),
    })
    .optional(),
  activeInfection: triSchema.optional(),
  coldSoreNow: triSchema.optional(),
  coldSoreHistory: triSchema.optional(),
  activeAcne: triSchema.optional(),
  rosacea: triSchema.optional(),
  eczema: triSchema.optional(),
  psoriasis: triSchema.optional(),
  skinCancerOrChangingMole: triSchema.optional(),
  bleedingDisorder: triSchema.optional(),
  bloodThinners: triSchema.optional(),
  keloidScars: triSchema.optional(),
  immunosuppressed: triSchema.optional(),
  diabetes: triSchema.optional(),
  metalOrAnaestheticAllergy: triSchema.optional(),
  sunburn: triSchema.optional(),
  lastSession: z
    .strictObject({
      status: z.enum(['never', 'done', 'unknown']),
      date: isoDateSchema.optional(),
    })
    .optional(),
  wantsHomeUse: z.boolean().optional(),
  deepScars: z.boolean().optional(),
  deepWrinkles: z.boolean().optional(),
  pigmentationRisk: triSchema.optional(),
  afterTreatment: afterTreatmentSchema.optional(),
});

// Compile-time guard: the schema and the hand-written interface describe the same shape.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemaMatchesInterface: Exact<z.infer<typeof screeningAnswersSchema>, ScreeningAnswers> = true;
void schemaMatchesInterface;

export type AnswersParseResult = { ok: true; answers: ScreeningAnswers } | { ok: false; error: string };

/** Validates untrusted answers (a JSON file, stored state) and says what is wrong in one line. */
export function parseAnswers(value: unknown): AnswersParseResult {
  const result = screeningAnswersSchema.safeParse(value);
  if (result.success) return { ok: true, answers: result.data };
  const problems = result.error.issues.map((issue) => {
    const where = issue.path.length > 0 ? issue.path.map(String).join('.') : '(top level)';
    return `${where}: ${issue.message}`;
  });
  return { ok: false, error: problems.join('; ') };
}
