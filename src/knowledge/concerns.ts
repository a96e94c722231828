import type { ConcernId } from './schema.js';
import { allowedTypos, analyseKeepingStopWords, editDistance, stem } from './text.js';
import type { Concern } from './types.js';

/**
 * Finds which of the five concerns a free-text message mentions ("my pores and acne scars" ->
 * ['large-pores', 'acne-scars']), in the order the person wrote them, from the synonyms in
 * concerns.json. Tolerates plurals and small typos; skips plain negations ("I don't have wrinkles")
 * because a dialog that records a concern the person denied would give the wrong advice.
 */
export type ConcernMatcher = (text: string) => ConcernId[];

interface Phrase {
  readonly concern: ConcernId;
  readonly tokens: readonly string[];
}

const stems = (list: string): ReadonlySet<string> => new Set(list.split(' ').map(stem));
/** A negator directly before the concern: "no wrinkles", "without scars", "not my pores". */
const NEGATORS = stems('no not without never none');
/** A negated verb: "don't have", "never had", "haven't got". */
const NEGATED_VERB_PREFIX = stems('dont doesnt didnt not never havent hasnt');
const HAVE = stems('have has had got get');
/** Words that may stand between a negator and the concern: "no real wrinkles", "don't have any scars". */
const FILLERS = stems('any real really many much my the of obvious major serious visible deep');

export function createConcernMatcher(concerns: readonly Concern[]): ConcernMatcher {
  const phrases: Phrase[] = concerns.flatMap((concern) =>
    [concern.label, ...concern.synonyms].map((synonym) => ({ concern: concern.id, tokens: analyseKeepingStopWords(synonym) })),
  );
  // Longest phrases first, so "acne marks" claims its words before a shorter phrase could.
  phrases.sort((a, b) => b.tokens.length - a.tokens.length);

  return (text: string): ConcernId[] => {
    const tokens = analyseKeepingStopWords(text);
    const claimed = new Array<boolean>(tokens.length).fill(false);
    const found: { concern: ConcernId; at: number }[] = [];
    for (const phrase of phrases) {
      for (let at = 0; at + phrase.tokens.length <= tokens.length; at++) {
        if (!phrase.tokens.every((t, k) => !claimed[at + k] && sameWord(tokens[at + k]!, t))) continue;
        for (let k = 0; k < phrase.tokens.length; k++) claimed[at + k] = true;
        if (!isNegated(tokens, at)) found.push({ concern: phrase.concern, at });
      }
    }
    found.sort((a, b) => a.at - b.at);
    return [...new Set(found.map((f) => f.concern))];
  };
}

function sameWord(written: string, expected: string): boolean {
  if (written === expected) return true;
  const max = allowedTypos(expected);
  return max > 0 && editDistance(written, expected, max) <= max;
}

function isNegated(tokens: readonly string[], at: number): boolean {
  let i = at - 1;
  while (i >= 0 && FILLERS.has(tokens[i]!)) i--;
  if (i < 0) return false;
  if (NEGATORS.has(tokens[i]!)) return true;
  return HAVE.has(tokens[i]!) && i > 0 && NEGATED_VERB_PREFIX.has(tokens[i - 1]!);
}
