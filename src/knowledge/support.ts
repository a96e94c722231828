import { analyse } from './text.js';

/**
 * Whether a quote supports the answer it is cited under, measured as shared meaning-bearing words:
 * a quote that shares none of them with the answer is decoration, not a source. Words every entry
 * shares ("micro-needling", "skin") do not count. A mechanical floor, not a proof; the list of
 * contradicted passages (sources.json) catches the opposite case.
 */
const SHARED_BY_ALL = new Set(analyse('microneedling skin treatment procedure'));

/** At least this many shared words, or all of a short quote's words. */
export const MIN_SHARED_TERMS = 2;

export function sharedTerms(quote: string, answer: string): string[] {
  const answerTerms = new Set(analyse(answer));
  return [...new Set(analyse(quote))].filter((term) => !SHARED_BY_ALL.has(term) && answerTerms.has(term));
}

export function supports(quote: string, answer: string): boolean {
  const own = new Set(analyse(quote).filter((t) => !SHARED_BY_ALL.has(t)));
  const shared = sharedTerms(quote, answer).length;
  return shared >= Math.min(MIN_SHARED_TERMS, own.size) && shared > 0;
}
