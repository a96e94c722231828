import { phraseMatcher } from './phrases.js';
import type { RuleQuestion, RuleQuestionsData, ScopeData } from './routing-schema.js';

/**
 * The routing data compiled once at load: which words mark another treatment, a comparison, the
 * guide's own subject, a question about a safety rule or about needling at home.
 */
export interface QuestionRouting {
  readonly ruleQuestions: RuleQuestionsData;
  readonly scope: ScopeData;
  /** Out-of-scope topics the text names, in scope.json order. */
  outOfScopeTopics(text: string): ScopeData['outOfScope'];
  isComparison(text: string): boolean;
  inDomain(text: string): boolean;
  refersBack(text: string): boolean;
  /** The text with each word that refers back replaced by the guide's subject. */
  resolveReference(text: string): string;
  /** Rule questions whose phrases the text contains (concepts are matched by the reader); context phrases only when on topic. */
  rulesByPhrase(text: string, onTopic: boolean): RuleQuestion[];
  atHomeByPhrase(text: string): boolean;
}

export function compileRouting(ruleQuestions: RuleQuestionsData, scope: ScopeData, words: (text: string) => string[]): QuestionRouting {
  const topics = scope.outOfScope.map((topic) => ({ topic, matcher: phraseMatcher(topic.phrases, words) }));
  const comparison = phraseMatcher(scope.comparison, words);
  const domain = phraseMatcher(scope.domain, words);
  const refersBack = phraseMatcher(scope.refersBack, words);
  const rules = ruleQuestions.rules.map((entry) => ({
    entry,
    matcher: phraseMatcher(entry.phrases, words),
    context: phraseMatcher(entry.contextPhrases, words),
  }));
  const atHome = phraseMatcher(ruleQuestions.atHome.phrases, words);
  return {
    ruleQuestions,
    scope,
    outOfScopeTopics: (text) => topics.filter(({ matcher }) => matcher.find(text).length > 0).map(({ topic }) => topic),
    isComparison: (text) => comparison.find(text).length > 0,
    inDomain: (text) => domain.find(text).length > 0,
    refersBack: (text) => refersBack.find(text).length > 0,
    resolveReference: (text) => {
      const back = new Set(scope.refersBack.map((w) => w.toLowerCase()));
      return text.replace(/[A-Za-z']+/g, (word) => (back.has(word.toLowerCase()) ? scope.subject : word));
    },
    rulesByPhrase: (text, onTopic) =>
      rules
        .filter(({ matcher, context }) => matcher.find(text).length > 0 || (onTopic && context.find(text).length > 0))
        .map(({ entry }) => entry),
    atHomeByPhrase: (text) => atHome.find(text).length > 0,
  };
}
