import { isInvisible, latinLookAlike } from './characters.js';

/**
 * The one normaliser of the reader: drops invisible characters, reads look-alike letters of
 * other scripts as Latin, folds case, accents and apostrophes, turns punctuation into boundary
 * tokens and maps spelling variants, keeping each token's place in the original text so findings
 * can point at what the person wrote.
 */

export type BoundaryKind = 'strong' | 'question' | 'label' | 'weak';

export interface Token {
  /** Folded text: lower case, no accents, no apostrophes. Empty for boundaries. */
  text: string;
  /** Character offsets into the original message. */
  start: number;
  end: number;
  boundary?: BoundaryKind;
  /** Written with an apostrophe before its last letter ("sister's", "Sam's"): perhaps someone's. */
  possessive?: boolean;
  /** Written with a capital first letter ("Sam"): with a possessive ending, perhaps a name. */
  capitalised?: boolean;
}

const apostrophes = new Set(["'", '’', '‘', '`', '´', 'ʼ', '′']);
const strongMarks = new Set(['.', ';', '!', '…', '\n', '\r', '(', ')', '[', ']', '{', '}']);
const weakMarks = new Set([',', '–', '—', '/', '|']);

function fold(char: string): string {
  const code = char.charCodeAt(0);
  if (code < 128) return char.toLowerCase();
  return char
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

const isLetter = (char: string) => {
  const code = char.charCodeAt(0);
  if (code < 128) return code >= 97 && code <= 122;
  return char.length === 1 && /\p{L}/u.test(char);
};
const isDigit = (char: string) => char >= '0' && char <= '9';

/**
 * Splits folded text into word, number and boundary tokens. Letters and digits are separate
 * tokens ("39c" -> 39, c) so units read the same however they are typed; a point between
 * digits stays inside the number ("38.5"); "°" becomes the word "deg".
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let word = '';
  let wordStart = 0;
  let wordKind: 'letter' | 'digit' | undefined;
  let apostropheS = false;
  let capital = false;
  const flush = (end: number) => {
    if (word !== '') {
      const token: Token = { text: word, start: wordStart, end };
      if (apostropheS) token.possessive = true;
      if (capital) token.capitalised = true;
      tokens.push(token);
    }
    word = '';
    wordKind = undefined;
    apostropheS = false;
    capital = false;
  };
  const boundary = (kind: BoundaryKind, at: number, length: number) => {
    flush(at);
    const last = tokens[tokens.length - 1];
    // Runs of marks ("!!", "?!", ", ,") are one boundary; the strongest one counts.
    if (last?.boundary !== undefined) {
      const rank = { weak: 0, label: 1, strong: 2, question: 3 } as const;
      if (rank[kind] > rank[last.boundary]) last.boundary = kind;
      last.end = at + length;
      return;
    }
    tokens.push({ text: '', start: at, end: at + length, boundary: kind });
  };
  const chars = Array.from(text);
  let offset = 0;
  for (let i = 0; i < chars.length; i++) {
    const raw = chars[i]!;
    const at = offset;
    offset += raw.length;
    // "5'4": a mark between digits keeps two numbers apart (a height is no age of 54)
    if (apostrophes.has(raw) && wordKind === 'digit' && isDigit(chars[i + 1] ?? '')) {
      flush(at);
      continue;
    }
    if (apostrophes.has(raw)) {
      // "can't" -> "cant", "it's" -> "its"; "sister's" is marked, for whose it is
      if (wordKind === 'letter' && /^[sS]$/.test(chars[i + 1] ?? '') && !/\p{L}/u.test(chars[i + 2] ?? '')) apostropheS = true;
      continue;
    }
    if (raw.charCodeAt(0) >= 0xad && isInvisible(raw.codePointAt(0)!)) continue; // "can\u200bt" -> "cant"
    const folded = fold(latinLookAlike(raw));
    for (const char of folded) {
      if (isDigit(char)) {
        if (wordKind === 'letter') flush(at);
        if (word === '') wordStart = at;
        word += char;
        wordKind = 'digit';
      } else if (isLetter(char)) {
        if (wordKind === 'digit') flush(at);
        if (word === '') {
          wordStart = at;
          capital = raw !== raw.toLowerCase();
        }
        word += char;
        wordKind = 'letter';
      } else if ((char === '.' || char === ',') && wordKind === 'digit' && isDigit(chars[i + 1] ?? '')) {
        word += '.';
      } else if (char === '°' || char === 'º') {
        flush(at);
        tokens.push({ text: 'deg', start: at, end: at + raw.length });
      } else if (char === '%') {
        flush(at);
        tokens.push({ text: 'percent', start: at, end: at + raw.length });
      } else if (char === '?') {
        boundary('question', at, raw.length);
      } else if (char === ':') {
        boundary('label', at, raw.length);
      } else if (strongMarks.has(char)) {
        // "38.5" is handled above; a full stop between words ends a clause.
        boundary('strong', at, raw.length);
      } else if (weakMarks.has(char)) {
        boundary('weak', at, raw.length);
      } else if (
        char === '-' &&
        (chars[i - 1] === ' ' || chars[i - 1] === undefined) &&
        (chars[i + 1] === ' ' || chars[i + 1] === undefined)
      ) {
        boundary('weak', at, raw.length); // a spaced dash works like a comma; "breast-feeding" is two words
      } else if (char === '&' || char === '+') {
        flush(at);
        tokens.push({ text: 'and', start: at, end: at + raw.length });
      } else {
        flush(at);
      }
    }
  }
  flush(offset);
  return tokens;
}

/**
 * Tokens of the message with spelling variants mapped ("cnat" -> "cant", "anesthetic" ->
 * "anaesthetic"). A variant may expand to several words; they keep the span of the original.
 */
export function normalize(text: string, variants: ReadonlyMap<string, readonly string[]>): Token[] {
  const tokens = tokenize(text);
  if (variants.size === 0) return tokens;
  const result: Token[] = [];
  for (const token of tokens) {
    const replacement = token.boundary === undefined ? variants.get(token.text) : undefined;
    if (replacement === undefined) result.push(token);
    else for (const word of replacement) result.push({ text: word, start: token.start, end: token.end });
  }
  return result;
}

/** The words of a phrase from the data, folded like user text; "*" marks a word family. */
export function phraseWords(phrase: string): string[] {
  return tokenize(phrase.replace(/\*/g, 'QSTARQ'))
    .filter((token) => token.boundary === undefined)
    .map((token) => token.text.replace(/qstarq/g, '*'));
}
