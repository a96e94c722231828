import type { ConcernId, GeneratedAnswer, SpecSourceId } from './schema.js';

/**
 * The validated, resolved shapes the rest of the bot sees. Citations carry their source's display
 * name (and URL) so that rendering a citation needs nothing but the entry.
 */

export interface ArticleCitation {
  readonly kind: 'article';
  /** Section heading of the article, verbatim (checked by kb:verify; never shown as a label). */
  readonly heading: string;
  /** The neutral name of that section (sources.json), shown in the citation's label. */
  readonly section: string;
  /** Verbatim quote from the article, typos included. */
  readonly quote: string;
  /** The article's title. */
  readonly sourceName: string;
  /** Short label for the article, used in citation titles. */
  readonly sourceShortName: string;
}

export interface SpecSourceCitation {
  readonly kind: 'spec-source';
  /** SAFETY-SPEC.md source letter: L (device labelling), F (FDA), N (NHS). */
  readonly source: SpecSourceId;
  /** Our summary of what the source supports; not a quote. */
  readonly supports: string;
  readonly sourceName: string;
  readonly url?: string;
}

export type Citation = ArticleCitation | SpecSourceCitation;

export interface KbEntry {
  readonly id: string;
  readonly title: string;
  readonly concerns: readonly ConcernId[];
  readonly questions: readonly string[];
  /** Curated answer text, without citation markers (see answerWithCitations). */
  readonly answer: string;
  /** Set when the answer was generated from another file at load (see contraindications.ts). */
  readonly answerFrom?: GeneratedAnswer;
  readonly citations: readonly Citation[];
  /** Advisory notes (rule table ids) the answer already says: the result does not repeat them beside it. */
  readonly saysNotes?: readonly string[];
  /** The file the entry came from, for diagnostics. */
  readonly file: string;
}

export interface Concern {
  readonly id: ConcernId;
  readonly label: string;
  readonly synonyms: readonly string[];
  readonly adviceEntryId: string;
}

export interface SearchHit {
  readonly entry: KbEntry;
  /** MiniSearch relevance score of the entry (higher is better; not a probability). */
  readonly score: number;
}
