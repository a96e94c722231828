import { citationLabel } from './citations.js';
import { overclaimIn } from './schema.js';
import { supports } from './support.js';
import type { TextAnalysis } from './text.js';
import type { Citation } from './types.js';

/**
 * Checks the knowledge base's citations against the article, run by `npm run kb:verify` and the
 * tests, so a paraphrase passed off as a quote, a source that changed under us, or a citation
 * that reads as an overclaim is caught before release:
 * - every article quote is in the article word for word, under a heading that is a line of it;
 * - every label is neutral: no overclaim phrase, never the article's heading itself, and no
 *   three identical labels in a row under one answer;
 * - every quote supports its answer (shares meaning-bearing words with it), and none is a
 *   passage the guide says the opposite of (sources.json `contradicted`), which must itself be
 *   in the article, so that list cannot go stale.
 *
 * Quote comparison ignores only what editors and keyboards change without meaning to: runs of
 * whitespace, typographic quotes/apostrophes and dashes. Case and spelling must match exactly
 * (the article's typos are part of the quote).
 */

export type CitationFailureReason =
  | 'quote-not-found'
  | 'heading-not-found'
  | 'quote-before-heading'
  | 'label-not-neutral'
  | 'label-repeated'
  | 'quote-unsupported'
  | 'quote-contradicted'
  | 'contradicted-not-found';

export interface CitationFailure {
  /** The entry; "sources.json" for a contradicted passage that is not in the article. */
  readonly entryId: string;
  readonly heading: string;
  readonly quote: string;
  readonly reason: CitationFailureReason;
}

export interface VerifyReport {
  readonly ok: boolean;
  /** Article citations checked against the text. */
  readonly checked: number;
  /** Labels checked (every citation has one). */
  readonly labels: number;
  /** Citations to other sources (SAFETY-SPEC.md's [L], [F], [N]), not checkable against the article. */
  readonly skipped: number;
  readonly failures: readonly CitationFailure[];
}

/** What of sources.json the checks need. */
export interface ArticleRules {
  readonly overclaims: readonly string[];
  readonly contradicted: readonly { readonly quote: string }[];
}

export interface VerifiableKb {
  readonly entries: readonly { readonly id: string; readonly answer: string; readonly citations: readonly Citation[] }[];
  readonly sources: { readonly article: ArticleRules };
  /** How quotes and answers are read into terms (the guide's retrieval). */
  readonly analysis: TextAnalysis;
}

export function normaliseForQuote(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\u2018\u2019\u201a\u201b\u2032]/g, "'")
    .replace(/[\u201c\u201d\u201e\u201f\u2033]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\u2026/g, '...')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Heading positions: a heading must be a whole line of the article, not any substring. */
function headingPositions(sourceText: string, source: string): Map<string, number> {
  const headingAt = new Map<string, number>();
  let offset = 0;
  for (const line of sourceText.split(/\r?\n/)) {
    const key = normaliseForQuote(line);
    if (!key) continue;
    // Lines appear in order in the normalised text, so searching on from the last one finds this one.
    const at = source.indexOf(key, offset);
    if (at < 0) continue;
    if (!headingAt.has(key)) headingAt.set(key, at);
    offset = at + key.length;
  }
  return headingAt;
}

/** The label's own problem, if any: an overclaim, or the article's heading shown as if it were a neutral name. */
export function labelProblem(citation: Citation, overclaims: readonly string[]): string | undefined {
  const label = citationLabel(citation);
  const claim = overclaimIn(label, overclaims);
  if (claim !== undefined) return `repeats "${claim}"`;
  if (citation.kind === 'article' && normaliseForQuote(label).includes(normaliseForQuote(citation.heading).replace(/:$/, ''))) {
    return 'shows the article heading instead of a neutral section name';
  }
  return undefined;
}

/** Positions (0-based) of citations whose label is the third or later identical one in a row. */
export function repeatedLabels(citations: readonly Citation[]): number[] {
  const labels = citations.map(citationLabel);
  return labels.flatMap((label, i) => (i >= 2 && labels[i - 1] === label && labels[i - 2] === label ? [i] : []));
}

export function verifyCitations(kb: VerifiableKb, sourceText: string): VerifyReport {
  const source = normaliseForQuote(sourceText);
  const headingAt = headingPositions(sourceText, source);
  const { overclaims, contradicted } = kb.sources.article;
  const opposite = contradicted.map((c) => normaliseForQuote(c.quote));

  const failures: CitationFailure[] = [];
  for (const passage of contradicted) {
    if (!source.includes(normaliseForQuote(passage.quote))) {
      failures.push({ entryId: 'sources.json', heading: '', quote: passage.quote, reason: 'contradicted-not-found' });
    }
  }
  let checked = 0;
  let labels = 0;
  let skipped = 0;
  for (const entry of kb.entries) {
    const repeated = new Set(repeatedLabels(entry.citations));
    entry.citations.forEach((citation, i) => {
      const heading = citation.kind === 'article' ? citation.heading : citation.sourceName;
      const quote = citation.kind === 'article' ? citation.quote : citation.supports;
      const fail = (reason: CitationFailureReason): void => {
        failures.push({ entryId: entry.id, heading, quote, reason });
      };
      labels++;
      if (labelProblem(citation, overclaims) !== undefined) fail('label-not-neutral');
      if (repeated.has(i)) fail('label-repeated');
      if (citation.kind !== 'article') {
        skipped++;
        return;
      }
      checked++;
      const normalised = normaliseForQuote(citation.quote);
      const headingPos = headingAt.get(normaliseForQuote(citation.heading));
      if (!source.includes(normalised)) fail('quote-not-found');
      else if (headingPos === undefined) fail('heading-not-found');
      // The quote must come after its heading (a weak check that it is in that section).
      else if (source.indexOf(normalised, headingPos) < 0) fail('quote-before-heading');
      if (opposite.some((passage) => passage.includes(normalised) || normalised.includes(passage))) fail('quote-contradicted');
      else if (!supports(citation.quote, entry.answer, kb.analysis)) fail('quote-unsupported');
    });
  }
  return { ok: failures.length === 0, checked, labels, skipped, failures };
}
