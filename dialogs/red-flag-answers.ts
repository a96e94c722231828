import type { AfterTreatmentAnswers } from '../src/safety/index.js';

/** Which after-treatment answer each red-flag rule of the detector stands for. */
const FIELD_FOR_RULE: Record<string, keyof AfterTreatmentAnswers> = {
  'R-RF-ANAPHYLAXIS': 'breathingOrSwelling',
  'R-RF-SEPSIS': 'spreadingRednessWithSystemic',
  'R-RF-INFECTION': 'infectionSigns',
  'R-RF-EYE': 'eyeSymptoms',
  'R-RF-COLD-SORE': 'newBlistersOrColdSore',
};

/**
 * The after-treatment answers a red-flag message amounts to, so that a flag caught in any
 * message is decided, explained and audited by the same engine as the after-treatment check.
 */
export function afterTreatmentFromRedFlags(ruleIds: string[]): AfterTreatmentAnswers {
  const answers: AfterTreatmentAnswers = {};
  for (const ruleId of ruleIds) {
    const field = FIELD_FOR_RULE[ruleId];
    if (field && field !== 'daysSinceTreatment') answers[field] = 'yes';
  }
  return answers;
}

export const afterTreatmentSignFields = [
  'breathingOrSwelling',
  'spreadingRednessWithSystemic',
  'infectionSigns',
  'eyeSymptoms',
  'newBlistersOrColdSore',
  'prolongedSymptoms',
] as const;
