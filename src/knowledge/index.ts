import { join } from 'node:path';

import { knowledgeDir } from '../paths.js';
import { answerWithCitations, citationEntity } from './citations.js';
import { loadRuleTable, type RuleTable } from '../safety/index.js';
import { createReader, loadReaderKnowledge, type Reader } from '../understanding/reader/index.js';
import { readConcerns } from '../understanding/concerns.js';
import { readerPolicy } from '../understanding/reader-fields.js';
import { loadKnowledgeData } from './load.js';
import { compileRouting } from './routing.js';
import type { ConcernId } from './schema.js';
import { createKnowledgeSearch } from './search.js';
import { createTextAnalysis } from './text.js';
import type { KnowledgeBase } from './knowledge-base.js';

export type { KnowledgeBase } from './knowledge-base.js';

/**
 * The knowledge module's one entry point: curated micro-needling answers with citations, concern
 * matching and retrieval. Pure (no botbuilder): dialogs turn what it returns into activities.
 */

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
