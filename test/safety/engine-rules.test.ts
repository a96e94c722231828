import { expect } from 'chai';
import { assess, type ScreeningAnswers, type AfterTreatmentAnswers } from '../../src/safety/index.js';
import { afterClear, allClear, fallbackRuleId, afterFallbackRuleId, referenceDate, specNoteIds, specRuleIds, table } from './helpers.js';

/**
 * Every rule and note id: one set of answers that makes it fire and a near miss that does not.
 * Screening cases start from "everything answered no"; after-treatment cases from "every
 * after-treatment answer no". The reference date is 2025-06-15.
 */

type Change = (answers: ScreeningAnswers) => void;
type AfterChange = (after: AfterTreatmentAnswers) => void;

interface Case {
  id: string;
  fires: string;
  fire: Change;
  misses: string;
  miss: Change;
}

const screening = (id: string, fires: string, fire: Change, misses: string, miss: Change): Case => ({ id, fires, fire, misses, miss });

const after = (id: string, fires: string, fire: AfterChange, misses: string, miss: AfterChange): Case => ({
  id,
  fires,
  fire: (answers) => {
    for (const key of Object.keys(answers)) delete answers[key as keyof ScreeningAnswers];
    answers.afterTreatment = afterClear();
    fire(answers.afterTreatment);
  },
  misses,
  miss: (answers) => {
    for (const key of Object.keys(answers)) delete answers[key as keyof ScreeningAnswers];
    answers.afterTreatment = afterClear();
    miss(answers.afterTreatment);
  },
});

const tri = (id: string, field: keyof ScreeningAnswers): Case =>
  screening(
    id,
    `${field} yes`,
    (a) => Object.assign(a, { [field]: 'yes' }),
    `${field} no`,
    (a) => Object.assign(a, { [field]: 'no' }),
  );

const afterTri = (id: string, field: keyof AfterTreatmentAnswers): Case =>
  after(
    id,
    `${field} yes`,
    (a) => Object.assign(a, { [field]: 'yes' }),
    `${field} no`,
    (a) => Object.assign(a, { [field]: 'no' }),
  );

const ruleCases: Case[] = [
  screening(
    'R-AGE-MINOR',
    'age 17',
    (a) => (a.age = 17),
    'age 18',
    (a) => (a.age = 18),
  ),
  tri('R-PREGNANCY', 'pregnantOrBreastfeeding'),
  screening(
    'R-ISO-CURRENT',
    'isotretinoin now',
    (a) => (a.isotretinoin = { status: 'current' }),
    'isotretinoin stopped long ago',
    (a) => (a.isotretinoin = { status: 'stopped', stoppedOn: '2024-01-01' }),
  ),
  screening(
    'R-ISO-RECENT',
    'stopped 6 months ago less one day (2024-12-16)',
    (a) => (a.isotretinoin = { status: 'stopped', stoppedOn: '2024-12-16' }),
    'stopped 6 months ago to the day (2024-12-15)',
    (a) => (a.isotretinoin = { status: 'stopped', stoppedOn: '2024-12-15' }),
  ),
  tri('R-ACTIVE-INFECTION', 'activeInfection'),
  tri('R-COLD-SORE-ACTIVE', 'coldSoreNow'),
  screening(
    'R-COLD-SORE-HISTORY',
    'gets cold sores, none now',
    (a) => (a.coldSoreHistory = 'yes'),
    'gets cold sores and has one now (the active rule applies instead)',
    (a) => Object.assign(a, { coldSoreHistory: 'yes', coldSoreNow: 'yes' }),
  ),
  tri('R-ACNE-ACTIVE', 'activeAcne'),
  tri('R-ROSACEA', 'rosacea'),
  tri('R-ECZEMA', 'eczema'),
  tri('R-PSORIASIS', 'psoriasis'),
  tri('R-SKIN-CANCER', 'skinCancerOrChangingMole'),
  tri('R-BLEEDING-DISORDER', 'bleedingDisorder'),
  tri('R-ANTICOAGULANT', 'bloodThinners'),
  tri('R-KELOID', 'keloidScars'),
  tri('R-IMMUNOSUPPRESSED', 'immunosuppressed'),
  tri('R-DIABETES', 'diabetes'),
  tri('R-ALLERGY', 'metalOrAnaestheticAllergy'),
  tri('R-SUNBURN', 'sunburn'),
  screening(
    'R-TOO-SOON',
    'last session 27 days ago',
    (a) => (a.lastSession = { status: 'done', date: '2025-05-19' }),
    'last session exactly 4 weeks ago',
    (a) => (a.lastSession = { status: 'done', date: '2025-05-18' }),
  ),
  screening(
    'R-UNKNOWN',
    'rosacea not sure',
    (a) => (a.rosacea = 'unknown'),
    'rosacea answered no',
    (a) => (a.rosacea = 'no'),
  ),
  afterTri('R-RF-ANAPHYLAXIS', 'breathingOrSwelling'),
  afterTri('R-RF-SEPSIS', 'spreadingRednessWithSystemic'),
  afterTri('R-RF-INFECTION', 'infectionSigns'),
  afterTri('R-RF-EYE', 'eyeSymptoms'),
  afterTri('R-RF-COLD-SORE', 'newBlistersOrColdSore'),
  afterTri('R-AFTER-PROLONGED', 'prolongedSymptoms'),
  after(
    'R-AFTER-NORMAL',
    'redness on day 3',
    (a) => Object.assign(a, { normalSymptoms: 'yes', daysSinceTreatment: 3 }),
    'redness on day 4',
    (a) => Object.assign(a, { normalSymptoms: 'yes', daysSinceTreatment: 4 }),
  ),
];

const extraRuleCases: Case[] = [
  after(
    'R-AFTER-PROLONGED',
    'redness still there on day 8',
    (a) => Object.assign(a, { normalSymptoms: 'yes', daysSinceTreatment: 8 }),
    'redness on day 7',
    (a) => Object.assign(a, { normalSymptoms: 'yes', daysSinceTreatment: 7 }),
  ),
  after(
    'R-UNKNOWN',
    'eye symptoms not sure (after treatment)',
    (a) => (a.eyeSymptoms = 'unknown'),
    'eye symptoms no',
    (a) => (a.eyeSymptoms = 'no'),
  ),
  screening(
    'R-AGE-MINOR',
    'age 0',
    (a) => (a.age = 0),
    'age 90',
    (a) => (a.age = 90),
  ),
  screening(
    'R-ISO-RECENT',
    'stopped yesterday',
    (a) => (a.isotretinoin = { status: 'stopped', stoppedOn: '2025-06-14' }),
    'never taken',
    (a) => (a.isotretinoin = { status: 'never' }),
  ),
  screening(
    'R-TOO-SOON',
    'last session today',
    (a) => (a.lastSession = { status: 'done', date: referenceDate }),
    'never had a session',
    (a) => (a.lastSession = { status: 'never' }),
  ),
  screening(
    'R-NONE',
    'everything answered no',
    () => undefined,
    'rosacea',
    (a) => (a.rosacea = 'yes'),
  ),
  after(
    'R-AFTER-NONE',
    'every after-treatment answer no',
    () => undefined,
    'eye pain',
    (a) => (a.eyeSymptoms = 'yes'),
  ),
];

const noteCases: Case[] = [
  screening(
    'N-DIY',
    'wants home use',
    (a) => (a.wantsHomeUse = true),
    'does not',
    (a) => (a.wantsHomeUse = false),
  ),
  screening(
    'N-DEEP-SCARS',
    'deep scars',
    (a) => (a.deepScars = true),
    'no deep scars',
    (a) => (a.deepScars = false),
  ),
  screening(
    'N-DEEP-WRINKLES',
    'deep wrinkles',
    (a) => (a.deepWrinkles = true),
    'no deep wrinkles',
    (a) => (a.deepWrinkles = false),
  ),
  screening(
    'N-PIH',
    'skin darkens after injury',
    (a) => (a.pigmentationRisk = 'yes'),
    'it does not',
    (a) => (a.pigmentationRisk = 'no'),
  ),
  screening(
    'N-PIH',
    'not sure whether skin darkens',
    (a) => (a.pigmentationRisk = 'unknown'),
    'not asked (context missing)',
    () => undefined,
  ),
  screening(
    'N-AFTERCARE',
    'any screening decision',
    () => undefined,
    'an emergency (nothing else in that message)',
    (a) => {
      a.afterTreatment = { ...afterClear(), breathingOrSwelling: 'yes' };
    },
  ),
  screening(
    'N-AFTERCARE',
    'a not-suitable-now decision',
    (a) => (a.sunburn = 'yes'),
    'an urgent decision',
    (a) => {
      a.afterTreatment = { ...afterClear(), infectionSigns: 'yes' };
    },
  ),
];

function decide(change: Change) {
  const answers = allClear();
  change(answers);
  return assess(answers, referenceDate, table);
}

describe('safety engine: every rule fires, and its near miss does not', () => {
  it('covers every rule id of the spec and every note id', () => {
    expect(new Set(ruleCases.map((c) => c.id))).to.have.keys([...specRuleIds]);
    expect(new Set(noteCases.map((c) => c.id))).to.have.keys([...specNoteIds]);
  });

  for (const c of [...ruleCases, ...extraRuleCases]) {
    const rule = table.rules.find((candidate) => candidate.id === c.id)!;
    it(`${c.id} fires: ${c.fires}`, () => {
      const decision = decide(c.fire);
      expect(decision.reasons.map((r) => r.ruleId)).to.include(c.id);
      if (c.id !== 'R-UNKNOWN' || !decision.reasons.some((r) => r.ruleId !== 'R-UNKNOWN')) {
        // One risk on an all-clear background: the outcome is that rule's own outcome.
        expect(decision.outcome).to.equal(rule.outcome);
      }
    });
    it(`${c.id} does not fire: ${c.misses}`, () => {
      expect(decide(c.miss).reasons.map((r) => r.ruleId)).not.to.include(c.id);
    });
  }

  for (const c of noteCases) {
    it(`${c.id} applies: ${c.fires}`, () => {
      expect(decide(c.fire).notes.map((n) => n.noteId)).to.include(c.id);
    });
    it(`${c.id} does not apply: ${c.misses}`, () => {
      expect(decide(c.miss).notes.map((n) => n.noteId)).not.to.include(c.id);
    });
  }

  it('the all-clear baselines fire only the fallback', () => {
    expect(decide(() => undefined).reasons.map((r) => r.ruleId)).to.deep.equal([fallbackRuleId]);
    expect(assess({ afterTreatment: afterClear() }, referenceDate, table).reasons.map((r) => r.ruleId)).to.deep.equal([
      afterFallbackRuleId,
    ]);
  });
});
