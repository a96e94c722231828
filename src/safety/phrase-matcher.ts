/**
 * Shared by the lexicon and the red-flag detector: turns free text into tokens, finds the
 * longest known phrase at each position (one pass, no backtracking regexes), and works out
 * which phrases a negation covers. Phrases are data; this file knows no medical words.
 */

/** Ends a clause: . ; ! ? ( ) and line breaks. */
export const strongBoundary = '|';
/** Ends a segment but may continue a list: commas and dashes. */
export const weakBoundary = ',';

const apostrophes = /['’‘`´ʼ′]/g;
const strongPunctuation = /[.;!?()[\]{}…\n\r]/g;
const weakPunctuation = /[,–—]/g;
const anythingElse = /[^a-z0-9|,*]+/g;

/**
 * Lower case, accents and apostrophes removed ("Don’t" -> "dont", "I'm" -> "im"),
 * hyphens read as spaces ("breast-feeding" -> "breast feeding"), punctuation turned into
 * boundary tokens. `keepStars` keeps "*" (prefix marks in the data), never in user text.
 */
export function tokenize(text: string, keepStars = false): string[] {
  let normal = text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(apostrophes, '');
  if (!keepStars) normal = normal.replace(/\*/g, ' ');
  normal = normal
    .replace(/&/g, ' and ')
    .replace(strongPunctuation, ` ${strongBoundary} `)
    .replace(weakPunctuation, ` ${weakBoundary} `)
    .replace(anythingElse, ' ');
  return normal.split(' ').filter((token) => token !== '');
}

interface PhrasePart {
  text: string;
  /** "thinner*" matches "thinner", "thinners": the data marks word families explicitly. */
  prefix: boolean;
}

export interface DictionaryPhrase<R> {
  /** The canonical form: normalized tokens joined by spaces, stars kept. */
  key: string;
  parts: PhrasePart[];
  roles: R[];
}

/** The canonical key of a phrase from the data, as hits report it. Throws on unusable phrases. */
export function phraseKey(phrase: string): string {
  const tokens = tokenize(phrase, true);
  if (tokens.length === 0) throw new Error(`phrase ${JSON.stringify(phrase)} has no words`);
  for (const token of tokens) {
    if (token === strongBoundary || token === weakBoundary) throw new Error(`phrase ${JSON.stringify(phrase)} contains punctuation`);
    if (token.includes('*') && (!token.endsWith('*') || token.indexOf('*') !== token.length - 1 || token.length < 4)) {
      throw new Error(`phrase ${JSON.stringify(phrase)}: "*" goes at the end of a word of at least 3 letters`);
    }
  }
  return tokens.join(' ');
}

export class PhraseDictionary<R> {
  private readonly byKey = new Map<string, DictionaryPhrase<R>>();
  private readonly byFirstWord = new Map<string, DictionaryPhrase<R>[]>();
  private readonly byFirstPrefix: DictionaryPhrase<R>[] = [];

  add(phrase: string, role: R): void {
    const key = phraseKey(phrase);
    const existing = this.byKey.get(key);
    if (existing) {
      existing.roles.push(role);
      return;
    }
    const parts = key
      .split(' ')
      .map((token) => (token.endsWith('*') ? { text: token.slice(0, -1), prefix: true } : { text: token, prefix: false }));
    const entry: DictionaryPhrase<R> = { key, parts, roles: [role] };
    this.byKey.set(key, entry);
    const first = parts[0]!;
    if (first.prefix) this.byFirstPrefix.push(entry);
    else this.byFirstWord.set(first.text, [...(this.byFirstWord.get(first.text) ?? []), entry]);
  }

  get size(): number {
    return this.byKey.size;
  }

  /** The longest phrase starting at `start` (never across a boundary token), if any. */
  longestAt(tokens: readonly string[], start: number): DictionaryPhrase<R> | undefined {
    const first = tokens[start];
    if (first === undefined) return undefined;
    let best: DictionaryPhrase<R> | undefined;
    const consider = (entry: DictionaryPhrase<R>) => {
      if (best && best.parts.length >= entry.parts.length) return;
      for (let i = 0; i < entry.parts.length; i++) {
        const part = entry.parts[i]!;
        const token = tokens[start + i];
        if (token === undefined || token === strongBoundary || token === weakBoundary) return;
        if (part.prefix ? !token.startsWith(part.text) : token !== part.text) return;
      }
      best = entry;
    };
    for (const entry of this.byFirstWord.get(first) ?? []) consider(entry);
    for (const entry of this.byFirstPrefix) consider(entry);
    return best;
  }
}

export interface Hit<R> {
  key: string;
  roles: readonly R[];
  /** The words as written (normalized), e.g. "roaccutane" for the key "roaccutane". */
  words: string;
  start: number;
  end: number;
  segment: number;
  /** The negation cue that covers this hit, if any. */
  negatedBy?: string;
  /** A negation comes right before this hit ("haven't stopped"). */
  afterNegation: boolean;
}

export type ScanItem<R> =
  { kind: 'hit'; hit: Hit<R> } | { kind: 'word'; text: string; segment: number } | { kind: 'boundary'; text: string };

export interface NegationRules<R> {
  isNegation(role: R): boolean;
  isBreaker(role: R): boolean;
  isTerm(role: R): boolean;
  /** Plain words that end a negation ("and"): "no pus and fever" keeps the fever. */
  scopeEnders: ReadonlySet<string>;
  /** When a comma or a scope-ending word is followed by a term, the negation goes on ("no eczema, rosacea or psoriasis"). */
  listContinues: boolean;
  /** Words skipped when looking for that next term ("no eczema, or rosacea"). */
  connectors: ReadonlySet<string>;
  /**
   * A comma continues a negation only in a list that closes with one of these words before
   * the clause ends: "no eczema, rosacea or psoriasis", but not "not pregnant, rosacea".
   */
  listClosers: ReadonlySet<string>;
}

export interface Scan<R> {
  tokens: string[];
  items: ScanItem<R>[];
  hits: Hit<R>[];
}

/**
 * One left-to-right pass: longest phrase first, then negation scope. A negation covers the
 * terms after it in its segment, up to a boundary, a breaker ("but") or a scope ender.
 */
export function scan<R>(text: string, dictionary: PhraseDictionary<R>, rules: NegationRules<R>): Scan<R> {
  const tokens = tokenize(text);
  const items: ScanItem<R>[] = [];
  for (let i = 0; i < tokens.length;) {
    const token = tokens[i]!;
    if (token === strongBoundary || token === weakBoundary) {
      items.push({ kind: 'boundary', text: token });
      i += 1;
      continue;
    }
    const match = dictionary.longestAt(tokens, i);
    if (match) {
      const end = i + match.parts.length;
      items.push({
        kind: 'hit',
        hit: { key: match.key, roles: match.roles, words: tokens.slice(i, end).join(' '), start: i, end, segment: 0, afterNegation: false },
      });
      i = end;
    } else {
      items.push({ kind: 'word', text: token, segment: 0 });
      i += 1;
    }
  }

  const nextIsTerm = (index: number) => {
    let next = items[index + 1];
    for (let i = index + 2; next !== undefined && next.kind === 'word' && rules.connectors.has(next.text); i++) next = items[i];
    return next !== undefined && next.kind === 'hit' && next.hit.roles.some(rules.isTerm);
  };

  const listClosesLater = (index: number) => {
    for (let i = index + 1; i < items.length; i++) {
      const item = items[i]!;
      if (item.kind === 'boundary' && item.text === strongBoundary) return false;
      if (item.kind === 'hit' && item.hit.roles.some(rules.isBreaker)) return false;
      if (item.kind === 'word' && rules.listClosers.has(item.text)) return true;
    }
    return false;
  };

  let segment = 0;
  let negation: string | undefined;
  const hits: Hit<R>[] = [];
  items.forEach((item, index) => {
    const previous = items[index - 1];
    if (item.kind === 'boundary') {
      segment += 1;
      const continues = item.text === weakBoundary && rules.listContinues && nextIsTerm(index) && listClosesLater(index);
      if (!continues) negation = undefined;
      return;
    }
    if (item.kind === 'word') {
      item.segment = segment;
      if (rules.scopeEnders.has(item.text) && !(rules.listContinues && nextIsTerm(index))) negation = undefined;
      return;
    }
    const { hit } = item;
    if (hit.roles.some(rules.isBreaker)) {
      segment += 1;
      negation = undefined;
    }
    hit.segment = segment;
    hit.afterNegation = previous !== undefined && previous.kind === 'hit' && previous.hit.roles.some(rules.isNegation);
    if (negation !== undefined && hit.roles.some(rules.isTerm)) hit.negatedBy = negation;
    if (hit.roles.some(rules.isNegation)) negation = hit.key;
    hits.push(hit);
  });
  return { tokens, items, hits };
}
