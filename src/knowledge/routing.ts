import { phraseIndex } from './phrases.js';
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
  const lists = new Map<string, readonly string[]>([
    ['comparison', scope.comparison],
    ['domain', scope.domain],
    ['refersBack', scope.refersBack],
    ['atHome', ruleQuestions.atHome.phrases],
  ]);
  scope.outOfScope.forEach((topic, index) => lists.set(`topic ${index}`, topic.phrases));
  ruleQuestions.rules.forEach((entry, index) => {
    lists.set(`rule ${index}`, entry.phrases);
    lists.set(`context ${index}`, entry.contextPhrases);
  });
  // one pass over the question for every list
  const index = phraseIndex(lists, words);
  const has = (text: string, list: string) => index.listsIn(text).has(list);
  return {
    ruleQuestions,
    scope,
    outOfScopeTopics: (text) => scope.outOfScope.filter((_, at) => has(text, `topic ${at}`)),
    isComparison: (text) => has(text, 'comparison'),
    inDomain: (text) => has(text, 'domain'),
    refersBack: (text) => has(text, 'refersBack'),
    resolveReference: (text) => {
      const back = new Set(scope.refersBack.map((w) => w.toLowerCase()));
      return text.replace(/[A-Za-z']+/g, (word) => (back.has(word.toLowerCase()) ? scope.subject : word));
    },
    rulesByPhrase: (text, onTopic) =>
      ruleQuestions.rules.filter((_, at) => has(text, `rule ${at}`) || (onTopic && has(text, `context ${at}`))),
    atHomeByPhrase: (text) => has(text, 'atHome'),
  };
}
