/**
 * The outcomes of SAFETY-SPEC.md, most severe first. The order is the contract the host page
 * and the dialogs rely on, so it lives in code; the rule table only refers to these ids.
 */
export const outcomes = ['emergency', 'urgent', 'not-suitable-now', 'clinician-review', 'consultation'] as const;

export type Outcome = (typeof outcomes)[number];

/** Higher is more severe: consultation 0 ... emergency 4. */
export function severity(outcome: Outcome): number {
  return outcomes.length - 1 - outcomes.indexOf(outcome);
}

export function isOutcome(value: unknown): value is Outcome {
  return typeof value === 'string' && (outcomes as readonly string[]).includes(value);
}

export function mostSevere(list: readonly Outcome[]): Outcome | undefined {
  let worst: Outcome | undefined;
  for (const outcome of list) {
    if (worst === undefined || severity(outcome) > severity(worst)) worst = outcome;
  }
  return worst;
}
