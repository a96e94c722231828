import type { Citation } from './types.js';

/**
 * Checks that every article citation really is in the article: the quote word for word, under a
 * heading that is a line of the article. Run by `npm run kb:verify` and the tests, so a
 * paraphrase passed off as a quote, or a source that changed under us, is caught before release.
 *
 * Comparison ignores only what editors and keyboards change without meaning to: runs of
 * whitespace, typographic quotes/apostrophes and dashes. Case and spelling must match exactly
 * (the article's typos are part of the quote).
 */

export interface CitationFailure {
  readonly entryId: string;
  readonly heading: string;
  readonly quote: string;
  readonly reason: 'quote-not-found' | 'heading-not-found' | 'quote-before-heading';
}

export interface VerifyReport {
  readonly ok: boolean;
  /** Article citations checked. */
  readonly checked: number;
  /** Citations to other sources (SAFETY-SPEC.md's [L], [F], [N]), not checkable against the article. */
  readonly skipped: number;
  readonly failures: readonly CitationFailure[];
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

export function verifyCitations(
  kb: { readonly entries: readonly { readonly id: string; readonly citations: readonly Citation[] }[] },
  sourceText: string,
): VerifyReport {
  const source = normaliseForQuote(sourceText);
  // Heading positions: a heading must be a whole line of the article, not any substring.
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

  const failures: CitationFailure[] = [];
  let checked = 0;
  let skipped = 0;
  for (const entry of kb.entries) {
    for (const citation of entry.citations) {
      if (citation.kind !== 'article') {
        skipped++;
        continue;
      }
      checked++;
      const fail = (reason: CitationFailure['reason']): void => {
        failures.push({ entryId: entry.id, heading: citation.heading, quote: citation.quote, reason });
      };
      const quote = normaliseForQuote(citation.quote);
      const headingPos = headingAt.get(normaliseForQuote(citation.heading));
      if (!source.includes(quote)) fail('quote-not-found');
      else if (headingPos === undefined) fail('heading-not-found');
      // The quote must come after its heading (a weak check that it is in that section).
      else if (source.indexOf(quote, headingPos) < 0) fail('quote-before-heading');
    }
  }
  return { ok: failures.length === 0, checked, skipped, failures };
}
