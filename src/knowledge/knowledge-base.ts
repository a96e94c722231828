import type { AnswerTextOptions, CitationEntity, CitationEntityOptions } from './citations.js';
import type { Reader } from '../understanding/reader/index.js';
import type { QuestionRouting } from './routing.js';
import type { ConcernId, SourcesData } from './schema.js';
import type { TextAnalysis } from './text.js';
import type { Concern, KbEntry, SearchHit } from './types.js';

/** What the knowledge base offers (built by `loadKnowledgeBase` in ./index.ts). */
export interface KnowledgeBase {
  /** Every entry, in file-name then file order. */
  readonly entries: readonly KbEntry[];
  /** The five concerns, in concerns.json order. */
  readonly concerns: readonly Concern[];
  /** The article and SAFETY-SPEC.md sources the entries cite. */
  readonly sources: SourcesData;
  /** The clinical reader the guide reads questions with (the same one the dialogs use). */
  readonly reader: Reader;
  /** How questions and quotes are read into words and terms (knowledge/en/retrieval.json). */
  readonly analysis: TextAnalysis;
  /** Which question is another treatment, a safety rule's or about home use (rule-questions.json, scope.json). */
  readonly routing: QuestionRouting;
  entryById(id: string): KbEntry | undefined;
  /** The advice given when the person named no concern (concerns.json generalAdviceEntryId). */
  generalAdvice(): KbEntry;
  /** The advice entry for a concern id (undefined for an unknown id). */
  adviceForConcern(concernId: string): KbEntry | undefined;
  /** Concern ids mentioned in free text, in the order written; negated mentions are skipped. */
  matchConcerns(text: string): ConcernId[];
  /** The one entry that confidently answers a question, or null (never a composed answer). */
  search(question: string): SearchHit | null;
  /** Entry titles, for "I don't have that in my guide; here is what I can tell you about: ...". */
  topics(): string[];
  citationEntity(entry: KbEntry, options?: CitationEntityOptions): CitationEntity;
  answerWithCitations(entry: KbEntry, options?: AnswerTextOptions): string;
}
