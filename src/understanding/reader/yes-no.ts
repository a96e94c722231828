import { read, type Reader, type Reading } from './read.js';

/**
 * Yes / no / not sure, and consent, with the reader's one negation model. Unsure wins over
 * both ("I think so", "I don't think so"), a mixed answer ("yes but no") is unsure, and only
 * a clear yes with nothing against it is consent.
 */

export type YesNoUnsure = 'yes' | 'no' | 'unknown';
export type ConsentReading = 'given' | 'refused' | 'unclear';

/** "I am", "I do", "it is": a yes only when nothing in the message negates. */
const isShortYes = (phrase: string) => /^(i|it)\s/i.test(phrase.trim());

function tally(reading: Reading) {
  const negations = reading.danglingFlags.filter((d) => d.flags.includes('negated')).length;
  const unsure =
    reading.answers.some((a) => a.answer === 'unsure' || a.uncertain) ||
    reading.danglingFlags.some((d) => d.flags.includes('uncertain')) ||
    /^\s*\?+\s*$/.test(reading.text);
  const anyNegation = negations > 0 || reading.answers.some((a) => a.negated) || reading.findings.some((f) => f.negated);
  const yes = reading.answers.filter(
    (a) => a.answer === 'yes' && !a.negated && !a.question && !(isShortYes(a.span.text) && anyNegation),
  ).length;
  const no = reading.answers.filter((a) => (a.answer === 'no' && !a.negated) || (a.answer === 'yes' && a.negated)).length;
  return { yes, no: no + (no === 0 ? negations : 0), unsure };
}

/** yes / no / not sure in words, or undefined when the message says none of them. */
export function readYesNo(text: string, reader: Reader, reading: Reading = read(text, reader)): YesNoUnsure | undefined {
  const { yes, no, unsure } = tally(reading);
  if (unsure) return 'unknown';
  if (yes > 0 && no > 0) return 'unknown';
  if (yes > 0) return 'yes';
  if (no > 0) return 'no';
  return undefined;
}

/**
 * Consent to the screening: given only by a clear agreement ("yes", "I agree", "ok, go ahead");
 * "I do not want to continue" and "no" refuse; "not sure", "yes but no", "continue?" are unclear.
 */
export function readConsent(text: string, reader: Reader, reading: Reading = read(text, reader)): ConsentReading {
  const { no, unsure } = tally(reading);
  const agree = reading.answers.filter((a) => a.answer === 'agree');
  const clean = agree.filter((a) => !a.negated && !a.question && !a.uncertain).length;
  const refusals = reading.answers.filter((a) => a.answer === 'decline' && !a.negated).length + agree.filter((a) => a.negated).length + no;
  if (unsure) return 'unclear';
  if (clean > 0 && refusals === 0 && agree.length === clean) return 'given';
  if (refusals > 0 && clean === 0) return 'refused';
  return 'unclear';
}
