import { loadRuleTable, type ScreeningAnswers, type AfterTreatmentAnswers } from '../../src/safety/index.js';

/** The ids of SAFETY-SPEC.md v1, hard-coded on purpose: the spec file may move. */
export const specRuleIds = [
  'R-AGE-MINOR',
  'R-PREGNANCY',
  'R-ISO-CURRENT',
  'R-ISO-RECENT',
  'R-ACTIVE-INFECTION',
  'R-COLD-SORE-ACTIVE',
  'R-COLD-SORE-HISTORY',
  'R-ACNE-ACTIVE',
  'R-ROSACEA',
  'R-ECZEMA',
  'R-PSORIASIS',
  'R-SKIN-CANCER',
  'R-BLEEDING-DISORDER',
  'R-ANTICOAGULANT',
  'R-KELOID',
  'R-IMMUNOSUPPRESSED',
  'R-DIABETES',
  'R-ALLERGY',
  'R-SUNBURN',
  'R-TOO-SOON',
  'R-UNKNOWN',
  'R-RF-ANAPHYLAXIS',
  'R-RF-SEPSIS',
  'R-RF-INFECTION',
  'R-RF-EYE',
  'R-RF-COLD-SORE',
  'R-AFTER-PROLONGED',
  'R-AFTER-NORMAL',
] as const;

/** Not in the spec tables: the reason given when nothing else fires (spec property 4). */
export const fallbackRuleId = 'R-NONE';
/** The after-treatment check's own fallback: its words are never the screening's (SAFETY-SPEC v1.1). */
export const afterFallbackRuleId = 'R-AFTER-NONE';

export const specNoteIds = ['N-DIY', 'N-DEEP-SCARS', 'N-DEEP-WRINKLES', 'N-PIH', 'N-AFTERCARE'] as const;

export const bannedWords = /\b(eligible|safe|safely|cleared)\b/i;

export const table = loadRuleTable();

export const referenceDate = '2025-06-15';

/** Every screening question answered with its no-risk answer. */
export function allClear(): ScreeningAnswers {
  return {
    age: 34,
    pregnantOrBreastfeeding: 'no',
    isotretinoin: { status: 'never' },
    activeInfection: 'no',
    coldSoreNow: 'no',
    coldSoreHistory: 'no',
    activeAcne: 'no',
    rosacea: 'no',
    eczema: 'no',
    psoriasis: 'no',
    skinCancerOrChangingMole: 'no',
    bleedingDisorder: 'no',
    bloodThinners: 'no',
    keloidScars: 'no',
    immunosuppressed: 'no',
    diabetes: 'no',
    metalOrAnaestheticAllergy: 'no',
    sunburn: 'no',
    lastSession: { status: 'never' },
  };
}

/** Every after-treatment question answered with "no". */
export function afterClear(): AfterTreatmentAnswers {
  return {
    breathingOrSwelling: 'no',
    spreadingRednessWithSystemic: 'no',
    infectionSigns: 'no',
    eyeSymptoms: 'no',
    newBlistersOrColdSore: 'no',
    prolongedSymptoms: 'no',
    normalSymptoms: 'no',
  };
}

export const screeningTriFields = [
  'pregnantOrBreastfeeding',
  'activeInfection',
  'coldSoreNow',
  'coldSoreHistory',
  'activeAcne',
  'rosacea',
  'eczema',
  'psoriasis',
  'skinCancerOrChangingMole',
  'bleedingDisorder',
  'bloodThinners',
  'keloidScars',
  'immunosuppressed',
  'diabetes',
  'metalOrAnaestheticAllergy',
  'sunburn',
] as const;

export const afterTriFields = [
  'breathingOrSwelling',
  'spreadingRednessWithSystemic',
  'infectionSigns',
  'eyeSymptoms',
  'newBlistersOrColdSore',
  'prolongedSymptoms',
  'normalSymptoms',
] as const;
