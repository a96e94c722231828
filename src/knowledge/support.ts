import type { TextAnalysis } from './text.js';

/**
 * Whether a quote supports the answer it is cited under, measured as shared meaning-bearing words:
 * a quote that shares none of them with the answer is decoration, not a source. Words every entry
 * shares ("micro-needling", "skin": retrieval.json sharedByAll) do not count. A mechanical floor, not a proof; the list of
 * contradicted passages (sources.json) catches the opposite case.
 */

/** At least this many shared words, or all of a short quote's words. */
export const MIN_SHARED_TERMS = 2;

export function sharedTerms(quote: string, answer: string, analysis: TextAnalysis): string[] {
  const answerTerms = new Set(analysis.analyse(answer));
  return [...new Set(analysis.analyse(quote))].filter((term) => !analysis.sharedTerms.has(term) && answerTerms.has(term));
}

export function supports(quote: string, answer: string, analysis: TextAnalysis): boolean {
  const own = new Set(analysis.analyse(quote).filter((t) => !analysis.sharedTerms.has(t)));
  const shared = sharedTerms(quote, answer, analysis).length;
  return shared >= Math.min(MIN_SHARED_TERMS, own.size) && shared > 0;
}
