import fc from 'fast-check';
import { addDays, addMonths, type AfterTreatmentAnswers, type ScreeningAnswers, type Tri } from '../../src/safety/index.js';
import { afterTriFields, screeningTriFields } from './helpers.js';

/**
 * Generators for the property tests. Mostly complete, mostly "no" answers, so that the
 * lower outcomes (consultation) are common and a change in severity can be seen.
 */

const windowStart = '2024-01-01';
export const dateArb = fc.integer({ min: 0, max: 760 }).map((n) => addDays(windowStart, n)); // 2024-01-01 .. 2026-01-30
export const referenceArb = fc.integer({ min: 0, max: 364 }).map((n) => addDays('2025-01-01', n));

export const triArb: fc.Arbitrary<Tri> = fc.oneof(
  { arbitrary: fc.constant<Tri>('no'), weight: 8 },
  { arbitrary: fc.constant<Tri>('yes'), weight: 1 },
  { arbitrary: fc.constant<Tri>('unknown'), weight: 1 },
);

/** Present most of the time: a missing screening answer is an open question. */
function mostly<T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> {
  return fc.option(arb, { nil: undefined, freq: 12 });
}

function sometimes<T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> {
  return fc.option(arb, { nil: undefined, freq: 2 });
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

const ageArb = fc.oneof(
  { arbitrary: fc.integer({ min: 18, max: 90 }), weight: 8 },
  { arbitrary: fc.integer({ min: 0, max: 17 }), weight: 1 },
  { arbitrary: fc.constant<'unknown'>('unknown'), weight: 1 },
);

const isotretinoinArb = fc
  .record({
    status: fc.oneof(
      { arbitrary: fc.constant('never' as const), weight: 6 },
      { arbitrary: fc.constant('stopped' as const), weight: 2 },
      { arbitrary: fc.constant('current' as const), weight: 1 },
      { arbitrary: fc.constant('unknown' as const), weight: 1 },
    ),
    stoppedOn: fc.option(dateArb, { nil: undefined, freq: 5 }),
  })
  .map(withoutUndefined);

const lastSessionArb = fc
  .record({
    status: fc.oneof(
      { arbitrary: fc.constant('never' as const), weight: 4 },
      { arbitrary: fc.constant('done' as const), weight: 5 },
      { arbitrary: fc.constant('unknown' as const), weight: 1 },
    ),
    date: fc.option(dateArb, { nil: undefined, freq: 6 }),
  })
  .map(withoutUndefined);

const afterArb: fc.Arbitrary<AfterTreatmentAnswers> = fc
  .record({
    ...Object.fromEntries(afterTriFields.map((field) => [field, mostly(triArb)])),
    daysSinceTreatment: mostly(fc.integer({ min: 0, max: 30 })),
  })
  .map((value) => withoutUndefined(value) as AfterTreatmentAnswers);

export const answersArb: fc.Arbitrary<ScreeningAnswers> = fc
  .record({
    ...Object.fromEntries(screeningTriFields.map((field) => [field, mostly(triArb)])),
    age: mostly(ageArb),
    isotretinoin: mostly(isotretinoinArb),
    lastSession: mostly(lastSessionArb),
    wantsHomeUse: sometimes(fc.boolean()),
    deepScars: sometimes(fc.boolean()),
    deepWrinkles: sometimes(fc.boolean()),
    pigmentationRisk: sometimes(triArb),
    afterTreatment: fc.oneof({ arbitrary: fc.constant(undefined), weight: 7 }, { arbitrary: afterArb, weight: 3 }),
  })
  .map((value) => withoutUndefined(value) as ScreeningAnswers);

/** A change that adds a risk factor (or leaves the answers as they are when it does not apply). */
export type RiskMove =
  | { kind: 'tri'; field: (typeof screeningTriFields)[number]; to: 'yes' | 'unknown' }
  | { kind: 'afterTri'; field: (typeof afterTriFields)[number]; to: 'yes' | 'unknown' }
  | { kind: 'minor'; age: number }
  | { kind: 'isoCurrent' }
  | { kind: 'isoStartedStopping'; daysAgo: number }
  | { kind: 'isoMoreRecent'; days: number }
  | { kind: 'sessionDone'; daysAgo: number }
  | { kind: 'sessionMoreRecent'; days: number }
  | { kind: 'longerSinceTreatment'; days: number };

export const riskMoveArb: fc.Arbitrary<RiskMove> = fc.oneof(
  fc.record({
    kind: fc.constant('tri' as const),
    field: fc.constantFrom(...screeningTriFields),
    to: fc.constantFrom('yes' as const, 'unknown' as const),
  }),
  fc.record({
    kind: fc.constant('afterTri' as const),
    field: fc.constantFrom(...afterTriFields),
    to: fc.constantFrom('yes' as const, 'unknown' as const),
  }),
  fc.record({ kind: fc.constant('minor' as const), age: fc.integer({ min: 0, max: 17 }) }),
  fc.record({ kind: fc.constant('isoCurrent' as const) }),
  fc.record({ kind: fc.constant('isoStartedStopping' as const), daysAgo: fc.integer({ min: -30, max: 400 }) }),
  fc.record({ kind: fc.constant('isoMoreRecent' as const), days: fc.integer({ min: 1, max: 300 }) }),
  fc.record({ kind: fc.constant('sessionDone' as const), daysAgo: fc.integer({ min: -30, max: 100 }) }),
  fc.record({ kind: fc.constant('sessionMoreRecent' as const), days: fc.integer({ min: 1, max: 60 }) }),
  fc.record({ kind: fc.constant('longerSinceTreatment' as const), days: fc.integer({ min: 1, max: 20 }) }),
);

export function applyRisk(base: ScreeningAnswers, move: RiskMove, reference: string): ScreeningAnswers {
  const answers = structuredClone(base);
  switch (move.kind) {
    case 'tri': {
      const current = answers[move.field];
      // no -> yes / unknown; unknown or missing -> yes
      if (current === 'no' || (move.to === 'yes' && current !== 'yes')) answers[move.field] = move.to;
      break;
    }
    case 'afterTri': {
      const after = answers.afterTreatment;
      if (!after) break;
      // Only from "no": "yes" to normal redness is a benign answer, below an open question.
      if (after[move.field] === 'no') after[move.field] = move.to;
      break;
    }
    case 'minor':
      answers.age = move.age;
      break;
    case 'isoCurrent':
      answers.isotretinoin = { status: 'current' };
      break;
    case 'isoStartedStopping': {
      // From "never" any stop date adds risk; an open answer only gives way to a recent one.
      const status = answers.isotretinoin?.status;
      const stoppedOn = addDays(reference, -move.daysAgo);
      const recent = addMonths(stoppedOn, 6) > reference;
      if (status === 'never' || ((status === undefined || status === 'unknown') && recent)) {
        answers.isotretinoin = { status: 'stopped', stoppedOn };
      }
      break;
    }
    case 'isoMoreRecent':
      if (answers.isotretinoin?.status === 'stopped' && answers.isotretinoin.stoppedOn) {
        answers.isotretinoin.stoppedOn = addDays(answers.isotretinoin.stoppedOn, move.days);
      }
      break;
    case 'sessionDone': {
      const status = answers.lastSession?.status;
      const date = addDays(reference, -move.daysAgo);
      const recent = addDays(date, 28) > reference;
      if (status === 'never' || ((status === undefined || status === 'unknown') && recent)) {
        answers.lastSession = { status: 'done', date };
      }
      break;
    }
    case 'sessionMoreRecent':
      if (answers.lastSession?.status === 'done' && answers.lastSession.date) {
        answers.lastSession.date = addDays(answers.lastSession.date, move.days);
      }
      break;
    case 'longerSinceTreatment':
      if (typeof answers.afterTreatment?.daysSinceTreatment === 'number') answers.afterTreatment.daysSinceTreatment += move.days;
      break;
  }
  return answers;
}

/** A change that turns an answer into "not sure", or drops it. */
export type UnknownMove = { field: string; remove: boolean };

export const unknownMoveArb: fc.Arbitrary<UnknownMove> = fc.record({
  field: fc.constantFrom(
    ...screeningTriFields,
    ...afterTriFields.map((field) => `afterTreatment.${field}`),
    'age',
    'isotretinoin',
    'isotretinoin.stoppedOn',
    'lastSession',
    'lastSession.date',
    'afterTreatment.daysSinceTreatment',
  ),
  remove: fc.boolean(),
});

/**
 * Applies only where the current answer is the no-risk one ("no", an adult age, never, a
 * date outside its window): forgetting a risk is not what this property is about.
 */
export function applyUnknown(base: ScreeningAnswers, move: UnknownMove, reference: string): ScreeningAnswers {
  const answers = structuredClone(base) as Record<string, unknown> & ScreeningAnswers;
  const [head, tail] = move.field.split('.') as [string, string | undefined];
  if (head === 'afterTreatment' && tail !== undefined) {
    const after = answers.afterTreatment as Record<string, unknown> | undefined;
    if (!after) return answers;
    if (tail === 'daysSinceTreatment') {
      // a day count is a risk only past 7 days (prolonged); within 7 it is the no-risk answer
      if (typeof after[tail] === 'number' && (after[tail] as number) <= 7) delete after[tail];
    } else if (after[tail] === 'no') {
      if (move.remove) delete after[tail];
      else after[tail] = 'unknown';
    }
    return answers;
  }
  if (head === 'age') {
    if (typeof answers.age === 'number' && answers.age >= 18) {
      if (move.remove) delete answers.age;
      else answers.age = 'unknown';
    }
  } else if (head === 'isotretinoin') {
    const stoppedOn = answers.isotretinoin?.stoppedOn;
    if (tail === 'stoppedOn') {
      if (stoppedOn !== undefined && addMonths(stoppedOn, 6) <= reference) delete answers.isotretinoin?.stoppedOn;
    } else if (answers.isotretinoin?.status === 'never') {
      if (move.remove) delete answers.isotretinoin;
      else answers.isotretinoin = { status: 'unknown' };
    }
  } else if (head === 'lastSession') {
    const date = answers.lastSession?.date;
    if (tail === 'date') {
      if (date !== undefined && addDays(date, 28) <= reference) delete answers.lastSession?.date;
    } else if (answers.lastSession?.status === 'never') {
      if (move.remove) delete answers.lastSession;
      else answers.lastSession = { status: 'unknown' };
    }
  } else if (answers[head] === 'no') {
    if (move.remove) delete answers[head];
    else answers[head] = 'unknown';
  }
  return answers;
}
