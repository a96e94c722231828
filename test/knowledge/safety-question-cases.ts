import type { ScreeningAnswers } from '../../src/safety/index.js';

/**
 * Questions that touch a safety rule, with the rule whose sentence must answer them and the
 * answers that make that rule the person's own. Each is asked by a person the bot knows nothing
 * about and by one who gave that answer (SAFETY-SPEC v1.1).
 */
export const SAFETY_QUESTIONS: ReadonlyArray<readonly [question: string, ruleId: string, answers: ScreeningAnswers]> = [
  ['is there an age limit?', 'R-AGE-MINOR', { age: 16 }],
  ['whats the minimum age for microneedling', 'R-AGE-MINOR', { age: 17 }],
  ['can a teenager have it done', 'R-AGE-MINOR', { age: 15 }],
  ['am i too young for microneedling', 'R-AGE-MINOR', { age: 16 }],
  ['can I do it while pregnant?', 'R-PREGNANCY', { pregnantOrBreastfeeding: 'yes' }],
  ['is it ok during pregnacy', 'R-PREGNANCY', { pregnantOrBreastfeeding: 'yes' }],
  ['can i have microneedling while breastfeeding', 'R-PREGNANCY', { pregnantOrBreastfeeding: 'yes' }],
  ['what if im expecting', 'R-PREGNANCY', { pregnantOrBreastfeeding: 'yes' }],
  ['should I stop my accutane first?', 'R-ISO-CURRENT', { isotretinoin: { status: 'current' } }],
  ['can I have it on roaccutane', 'R-ISO-CURRENT', { isotretinoin: { status: 'current' } }],
  ['does isotretinoin matter for microneedling', 'R-ISO-CURRENT', { isotretinoin: { status: 'current' } }],
  ['is accutaine a problem', 'R-ISO-CURRENT', { isotretinoin: { status: 'current' } }],
  ['should I stop my warfarin first?', 'R-ANTICOAGULANT', { bloodThinners: 'yes' }],
  ['do I have to stop my daily aspirin before microneedling', 'R-ANTICOAGULANT', { bloodThinners: 'yes' }],
  ['i take blood thinners is that ok', 'R-ANTICOAGULANT', { bloodThinners: 'yes' }],
  ['can I have it on xarelto', 'R-ANTICOAGULANT', { bloodThinners: 'yes' }],
  ['should i come off clopidogrel before', 'R-ANTICOAGULANT', { bloodThinners: 'yes' }],
  ['can I have microneedling with a skin infection', 'R-ACTIVE-INFECTION', { activeInfection: 'yes' }],
  ['is it ok over broken skin', 'R-ACTIVE-INFECTION', { activeInfection: 'yes' }],
  ['can i do it with a cold sore', 'R-COLD-SORE-ACTIVE', { coldSoreNow: 'yes', coldSoreHistory: 'yes' }],
  ['does a coldsore stop me having it', 'R-COLD-SORE-ACTIVE', { coldSoreNow: 'yes', coldSoreHistory: 'yes' }],
  ['is herpes a problem for microneedling', 'R-COLD-SORE-HISTORY', { coldSoreHistory: 'yes', coldSoreNow: 'no' }],
  ['i get cold sores now and then, does that matter', 'R-COLD-SORE-HISTORY', { coldSoreHistory: 'yes', coldSoreNow: 'no' }],
  ['can i get it with active acne', 'R-ACNE-ACTIVE', { activeAcne: 'yes' }],
  ['is microneedling ok with pimples right now', 'R-ACNE-ACTIVE', { activeAcne: 'yes' }],
  ['can people with rosacea have it', 'R-ROSACEA', { rosacea: 'yes' }],
  ['is it bad for rosacia', 'R-ROSACEA', { rosacea: 'yes' }],
  ['can I have it with eczema', 'R-ECZEMA', { eczema: 'yes' }],
  ['does excema matter', 'R-ECZEMA', { eczema: 'yes' }],
  ['can you do it with psoriasis', 'R-PSORIASIS', { psoriasis: 'yes' }],
  ['is it ok over a mole that keeps changing', 'R-SKIN-CANCER', { skinCancerOrChangingMole: 'yes' }],
  ['can i have it if i had skin cancer', 'R-SKIN-CANCER', { skinCancerOrChangingMole: 'yes' }],
  ['can I have microneedling with a bleeding disorder', 'R-BLEEDING-DISORDER', { bleedingDisorder: 'yes' }],
  ['is haemophilia a problem', 'R-BLEEDING-DISORDER', { bleedingDisorder: 'yes' }],
  ['I get keloid scars, is that a problem', 'R-KELOID', { keloidScars: 'yes' }],
  ['can people with keloids have it', 'R-KELOID', { keloidScars: 'yes' }],
  ['can i do it during chemotherapy', 'R-IMMUNOSUPPRESSED', { immunosuppressed: 'yes' }],
  ['does a weak immune system matter', 'R-IMMUNOSUPPRESSED', { immunosuppressed: 'yes' }],
  ['can diabetics get microneedling', 'R-DIABETES', { diabetes: 'yes' }],
  ['is diabetes a problem', 'R-DIABETES', { diabetes: 'yes' }],
  ['what if I am allergic to nickel', 'R-ALLERGY', { metalOrAnaestheticAllergy: 'yes' }],
  ['can i have it with a metal allergy', 'R-ALLERGY', { metalOrAnaestheticAllergy: 'yes' }],
  ['can i do it on sunburned skin', 'R-SUNBURN', { sunburn: 'yes' }],
  ['is it ok after getting sunburnt', 'R-SUNBURN', { sunburn: 'yes' }],
];

/** At-home questions that state the person's condition themselves (issue 19), with the rule that must give the reason. */
export const AT_HOME_STATED: ReadonlyArray<readonly [question: string, ruleId: string]> = [
  ['I have diabetes, can I just do it at home?', 'R-DIABETES'],
  ["I'm on accutane, can I use a derma roller at home?", 'R-ISO-CURRENT'],
  ["I'm 16, can I use a roller at home?", 'R-AGE-MINOR'],
  ["can I do it at home if I'm pregnant but careful", 'R-PREGNANCY'],
  ['i have rosacea, can i roll my face myself', 'R-ROSACEA'],
  ["I'm breastfeeding, is a home dermaroller ok?", 'R-PREGNANCY'],
  ['I take warfarin, can I do it at home', 'R-ANTICOAGULANT'],
  ['i have eczema, can i use a roller at home', 'R-ECZEMA'],
];

/** Plain at-home questions, asked by each person below. */
export const AT_HOME_QUESTIONS: readonly string[] = [
  'can I just do it at home?',
  'can I use a derma roller at home?',
  'is it ok to microneedle myself',
  'can i buy a roller and do it myself',
];

/** People with a reason against micro-needling, as answers given so far or as a finished decision. */
export const PEOPLE_WITH_A_REASON: ReadonlyArray<
  readonly [
    name: string,
    person: { answers: ScreeningAnswers; decision?: { outcome: 'not-suitable-now' | 'clinician-review'; rules: string[] } },
    ruleId: string,
  ]
> = [
  ['diabetes, mid-screening', { answers: { age: 40, diabetes: 'yes' } }, 'R-DIABETES'],
  ['pregnant, mid-screening', { answers: { age: 31, pregnantOrBreastfeeding: 'yes' } }, 'R-PREGNANCY'],
  ['a minor', { answers: { age: 16 } }, 'R-AGE-MINOR'],
  ['on isotretinoin', { answers: { isotretinoin: { status: 'current' } } }, 'R-ISO-CURRENT'],
  ['active acne', { answers: { activeAcne: 'yes' } }, 'R-ACNE-ACTIVE'],
  ['blood thinners', { answers: { bloodThinners: 'yes' } }, 'R-ANTICOAGULANT'],
  ['not sure whether pregnant', { answers: { age: 30, pregnantOrBreastfeeding: 'unknown' } }, 'R-UNKNOWN'],
  ['a finished decision (rosacea)', { answers: {}, decision: { outcome: 'clinician-review', rules: ['R-ROSACEA'] } }, 'R-ROSACEA'],
  ['a finished decision (sunburn)', { answers: {}, decision: { outcome: 'not-suitable-now', rules: ['R-SUNBURN'] } }, 'R-SUNBURN'],
];
