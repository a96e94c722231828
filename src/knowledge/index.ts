import { join } from 'node:path';

import { knowledgeDir } from '../paths.js';
import {
  answerWithCitations,
  citationEntity,
  type AnswerTextOptions,
  type CitationEntity,
  type CitationEntityOptions,
} from './citations.js';
import { loadRuleTable, type RuleTable } from '../safety/index.js';
import { createReader, loadReaderKnowledge, type Reader } from '../understanding/reader/index.js';
import { readConcerns } from '../understanding/concerns.js';
import { readerPolicy } from '../understanding/reader-fields.js';
import { loadKnowledgeData } from './load.js';
import { compileRouting, type QuestionRouting } from './routing.js';
import type { ConcernId, SourcesData } from './schema.js';
import { createKnowledgeSearch } from './search.js';
import { createTextAnalysis, type TextAnalysis } from './text.js';
import type { Concern, KbEntry, SearchHit } from './types.js';

/**
 * The knowledge module's one entry point: curated micro-needling answers with citations, concern
 * matching and retrieval. Pure (no botbuilder): dialogs turn what it returns into activities.
 */

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

/**
 * Loads and validates knowledge/kb (or `dir`); throws KnowledgeBaseError naming file, entry and
 * field. Concerns in free text are read by the clinical reader (the one passed in, or the
 * English one loaded here when called), so the guide and the dialogs read them the same way.
 * The safety rule table (passed in, or knowledge/safety's) generates the "who should not" answer
 * and is what rule-questions.json is checked against.
 */
export function loadKnowledgeBase(dir: string = join(knowledgeDir, 'kb'), reader?: Reader, rules?: RuleTable): KnowledgeBase {
  const table = rules ?? loadRuleTable();
  const concernReader = reader ?? createReader(loadReaderKnowledge(join(knowledgeDir, 'en')), readerPolicy(table));
  const conceptIds = concernReader.compiled.conceptIndex;
  const { entries, concerns, generalAdviceEntryId, sources, ruleQuestions, scope } = loadKnowledgeData(dir, {
    rules: table,
    isConcept: (id) => conceptIds.has(id),
  });
  const byId = new Map(entries.map((entry) => [entry.id, entry]));
  const known = new Set<string>(concerns.map((concern) => concern.id));
  const matcher = (text: string): ConcernId[] => readConcerns(text, concernReader).filter((id): id is ConcernId => known.has(id));
  const analysis = createTextAnalysis(concernReader.compiled.knowledge.retrieval);
  const index = createKnowledgeSearch(entries, concerns, matcher, analysis);
  return {
    entries,
    concerns,
    sources,
    reader: concernReader,
    routing: compileRouting(ruleQuestions, scope, analysis.words),
    analysis,
    entryById: (id) => byId.get(id),
    generalAdvice: () => byId.get(generalAdviceEntryId)!,
    adviceForConcern: (concernId) => {
      const concern = concerns.find((c) => c.id === concernId);
      return concern ? byId.get(concern.adviceEntryId) : undefined;
    },
    matchConcerns: (text) => matcher(text),
    search: (question) => index.search(question),
    topics: () => entries.map((entry) => entry.title),
    citationEntity: (entry, options) => citationEntity(entry, options),
    answerWithCitations: (entry, options) => answerWithCitations(entry, options),
  };
}

export { answerQuestion } from './answer-question.js';
export type { AnswerDeps, KbReply, PersonContext, RuleReason, RuleSource } from './answer-question.js';
export { contraindicationsAnswer } from './contraindications.js';
export type { QuestionRouting } from './routing.js';
export type { RuleQuestion, RuleQuestionsData, ScopeData } from './routing-schema.js';
export {
  answerWithCitations,
  citationEntity,
  citationEntityOf,
  citationLabel,
  citeTogether,
  linkDefinitions,
  sourceLine,
} from './citations.js';
export type {
  AnswerTextOptions,
  CitationAppearance,
  CitationClaim,
  CitationDetail,
  CitationEntity,
  CitationEntityOptions,
} from './citations.js';
export { KnowledgeBaseError } from './errors.js';
export { CONCERN_IDS, FORBIDDEN_ANSWER_WORDS } from './schema.js';
export type { ConcernId, SourcesData } from './schema.js';
export type { ArticleCitation, Citation, Concern, KbEntry, SearchHit, SpecSourceCitation } from './types.js';
export { normaliseForQuote, verifyCitations } from './verify.js';
export type { CitationFailure, VerifyReport } from './verify.js';
