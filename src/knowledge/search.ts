import MiniSearch, { type SearchResult } from 'minisearch';

import { allowedEdits, boundedDistance } from '../understanding/reader/index.js';
import { foldForComparison, stem, type TextAnalysis } from './text.js';
import type { ConcernId } from './schema.js';
import type { Concern, KbEntry, SearchHit } from './types.js';

/**
 * Free-text questions -> one curated KB entry, or null. MiniSearch does the ranking (BM25 with
 * field boosts, fuzzy and prefix matching); this module only decides whether the best entry is
 * a confident enough answer. It never composes text: a wrong answer about a skin treatment is
 * worse than "I don't have that in my guide".
 */

interface IndexedEntry {
  readonly id: string;
  readonly title: string;
  readonly questions: string;
  readonly concernTerms: string;
  readonly answer: string;
}

/**
 * Why these weights: the questions are written to be matched, the title names the topic, a
 * recognised concern points at its advice; the answer text is long and mentions many topics in
 * passing, so it counts least.
 */
export const FIELD_BOOSTS = { questions: 3, title: 2, concernTerms: 2, answer: 1 } as const;

/**
 * Confidence rule (tuned on test/knowledge/retrieval.test.ts, in and out of scope together):
 * - Every question asked here is about micro-needling, so words like "micro-needling", "skin" or
 *   "treatment" say nothing about *which* entry, and "time", "best" or "stop" say nothing about
 *   the topic: they rank but are not evidence ("what time is it", "should I stop my medicine").
 * - At least one evidence word must match the best entry's title, questions or concern token: the
 *   answer text mentions many things in passing, so a match there alone is not what the entry is about.
 * - The best entry must cover at least MIN_COVERAGE of the evidence. A word the guide does not
 *   contain at all ("botox", "pizza") counts half against it: chatty in-scope questions carry a
 *   few such words ("how soon do results show up"), out-of-scope ones are mostly made of them
 *   ("how much does laser hair removal cost").
 * - Words that exist only inside concern phrases ("marks" of "acne marks") are evidence only when
 *   the concern matcher recognised a concern (see phraseBoundWords).
 * - A question made only of domain words ("what is micro-needling?") is answered when the
 *   treatment itself is named.
 */
export const MIN_COVERAGE = 0.5;
export const UNKNOWN_WORD_WEIGHT = 0.5;
export const MIN_SCORE = 2;
/** The words of a question the search reads. */
export const MAX_QUERY_WORDS = 40;

const KEY_FIELDS: ReadonlySet<string> = new Set(['title', 'questions', 'concernTerms']);

/** Typos only in longer words, by the reader's one tolerance: short words are too close to each other ("night" is not "tight"). */
const typosIn = (term: string) => allowedEdits(term.length);

/** MiniSearch's options: a word that is no evidence of which entry ("right", "time") is not read for typos either. */
const searchOptions = (generic: ReadonlySet<string>) =>
  ({
    boost: FIELD_BOOSTS,
    fuzzy: (term: string) => (generic.has(term) ? false : typosIn(term) || false),
    prefix: (term: string) => term.length >= 5,
    combineWith: 'OR',
  }) as const;

export interface KnowledgeSearch {
  search(question: string): SearchHit | null;
}

/**
 * A concern is a phrase ("acne marks", "loss of firmness") whose words mean little alone ("hair
 * loss" is not sagging). The concern matcher recognises the phrases; retrieval sees one token per
 * recognised concern, indexed on that concern's advice entry, instead of the loose synonym words.
 */
function concernToken(id: ConcernId): string {
  return `kbconcern${id.replace(/-/g, '')}`;
}

export function createKnowledgeSearch(
  entries: readonly KbEntry[],
  concerns: readonly Concern[],
  matchConcerns: (text: string) => ConcernId[],
  analysis: TextAnalysis,
): KnowledgeSearch {
  const { analyse, genericTerms, treatmentTerms } = analysis;
  const SEARCH_OPTIONS = searchOptions(genericTerms);
  const processTerm = (term: string): string[] | null => {
    const terms = analysis
      .canonicalWord(term)
      .split(' ')
      .filter((t) => !analysis.stopWords.has(t))
      .map(stem);
    return terms.length > 0 ? terms : null;
  };
  const byId = new Map(entries.map((e) => [e.id, e]));
  const index = new MiniSearch<IndexedEntry>({
    fields: ['title', 'questions', 'concernTerms', 'answer'],
    storeFields: [],
    tokenize: analysis.words,
    processTerm,
  });
  index.addAll(
    entries.map((entry) => ({
      id: entry.id,
      title: entry.title,
      questions: entry.questions.join('\n'),
      concernTerms: concerns
        .filter((c) => c.adviceEntryId === entry.id)
        .map((c) => concernToken(c.id))
        .join(' '),
      answer: entry.answer,
    })),
  );

  const inVocabulary = (term: string): boolean => index.search(term, SEARCH_OPTIONS).length > 0;
  const phraseBound = phraseBoundWords(concerns, analyse);

  // A question an entry lists is that entry's, whatever the ranking says: the entry promises to answer it.
  const listed = new Map(entries.flatMap((entry) => entry.questions.map((q) => [foldForComparison(q), entry] as const)));

  return {
    search(question: string): SearchHit | null {
      const own = listed.get(foldForComparison(question));
      if (own) return { entry: own, score: Number.POSITIVE_INFINITY };
      const concernIds = matchConcerns(question);
      // a question is a few dozen words; past that, more words only cost time (a message is read up to 1,000 characters)
      const asked = analysis.words(question).slice(0, MAX_QUERY_WORDS).join(' ');
      const query = [asked, ...concernIds.map(concernToken)].join(' ');
      const terms = [...new Set(analyse(query))];
      if (terms.length === 0) return null;
      const [best] = index.search(query, SEARCH_OPTIONS);
      const notEvidence = concernIds.length > 0 ? genericTerms : new Set([...genericTerms, ...phraseBound]);
      if (!best || !isConfident(terms, best, notEvidence, inVocabulary, treatmentTerms)) return null;
      const entry = byId.get(String(best.id));
      return entry ? { entry, score: best.score } : null;
    },
  };
}

/**
 * Words that appear in concern synonyms only as part of a phrase: "marks" (acne marks), "loss"
 * (loss of firmness), "spots" (dark spots). Alone they are not evidence ("stretch marks", "hair
 * loss"); when the phrase is there, the concern matcher has already recognised it.
 */
function phraseBoundWords(concerns: readonly Concern[], analyse: (text: string) => string[]): Set<string> {
  const synonyms = concerns.flatMap((c) => [c.label, ...c.synonyms]).map(analyse);
  const standalone = new Set(synonyms.filter((s) => s.length === 1).flat());
  return new Set(
    synonyms
      .filter((s) => s.length > 1)
      .flat()
      .filter((w) => !standalone.has(w)),
  );
}

function isConfident(
  terms: readonly string[],
  best: SearchResult,
  notEvidence: ReadonlySet<string>,
  inVocabulary: (term: string) => boolean,
  treatmentTerms: ReadonlySet<string>,
): boolean {
  if (best.score < MIN_SCORE) return false;
  const matchedFields = new Map<string, string[]>();
  // best.match maps matched *document* terms to fields; queryTerms lists the query terms behind them.
  for (const [docTerm, fields] of Object.entries(best.match)) matchedFields.set(docTerm, fields);
  const matched = new Set(best.queryTerms);
  const evidence = terms.filter((t) => !notEvidence.has(t));
  if (evidence.length === 0) return terms.some((t) => treatmentTerms.has(t) && matched.has(t));

  const keyMatch = [...matchedFields].some(
    ([docTerm, fields]) => fields.some((f) => KEY_FIELDS.has(f)) && evidence.some((t) => matchesTerm(t, docTerm)),
  );
  if (!keyMatch) return false;
  let hits = 0;
  let against = 0;
  for (const term of evidence) {
    if (matched.has(term)) hits++;
    else against += inVocabulary(term) ? 1 : UNKNOWN_WORD_WEIGHT;
  }
  return hits / (hits + against) >= MIN_COVERAGE;
}

/** Whether a query term produced this document term (exactly, as a prefix, or within the typo allowance). */
function matchesTerm(queryTerm: string, docTerm: string): boolean {
  if (queryTerm === docTerm) return true;
  if (queryTerm.length >= 5 && docTerm.startsWith(queryTerm)) return true;
  const max = typosIn(queryTerm);
  return max > 0 && boundedDistance(queryTerm, docTerm, max) <= max;
}
