/**
 * What a character is before any word is read (SAFETY-SPEC v1.2): characters nobody sees
 * (zero-width spaces and joiners, direction marks, soft hyphens, variation selectors, tags) are
 * dropped, and letters of another script that look like Latin ones (Cyrillic "а", Greek "ο") are
 * read as the Latin letter, so "can\u200bt breathe" and "f\u043erget me" read as typed.
 * Script facts, not words of a language: they hold for every locale written in Latin letters.
 */

const invisibleRanges: readonly [number, number][] = [
  [0x00ad, 0x00ad], // soft hyphen
  [0x034f, 0x034f], // combining grapheme joiner
  [0x061c, 0x061c], // Arabic letter mark
  [0x115f, 0x1160], // Hangul fillers
  [0x17b4, 0x17b5], // Khmer inherent vowels
  [0x180b, 0x180f], // Mongolian selectors and vowel separator
  [0x200b, 0x200f], // zero-width space, non-joiner, joiner; direction marks
  [0x202a, 0x202e], // direction embeddings and overrides
  [0x2060, 0x206f], // word joiner, invisible operators, direction isolates
  [0x3164, 0x3164], // Hangul filler
  [0xfe00, 0xfe0f], // variation selectors
  [0xfeff, 0xfeff], // byte order mark, zero-width no-break space
  [0xffa0, 0xffa0], // halfwidth Hangul filler
  [0x1bca0, 0x1bca3], // shorthand format controls
  [0xe0000, 0xe007f], // tags
  [0xe0100, 0xe01ef], // variation selectors supplement
];

/** Code point -> true when nobody sees it. */
export function isInvisible(codePoint: number): boolean {
  if (codePoint < 0xad) return false;
  for (const [from, to] of invisibleRanges) if (codePoint >= from && codePoint <= to) return true;
  return false;
}

/** Letters of Cyrillic, Greek and Armenian that are drawn like a Latin letter, upper and lower case. */
const lookAlikes: Readonly<Record<string, string>> = {
  // Cyrillic
  а: 'a',
  в: 'b',
  с: 'c',
  е: 'e',
  ё: 'e',
  һ: 'h',
  і: 'i',
  ї: 'i',
  ј: 'j',
  к: 'k',
  м: 'm',
  н: 'h',
  о: 'o',
  р: 'p',
  ѕ: 's',
  т: 't',
  у: 'y',
  х: 'x',
  ԁ: 'd',
  ԛ: 'q',
  ԝ: 'w',
  ӏ: 'l',
  ү: 'y',
  ɡ: 'g',
  А: 'a',
  В: 'b',
  С: 'c',
  Е: 'e',
  Ё: 'e',
  Н: 'h',
  І: 'i',
  Ї: 'i',
  Ј: 'j',
  К: 'k',
  М: 'm',
  О: 'o',
  Р: 'p',
  Ѕ: 's',
  Т: 't',
  У: 'y',
  Х: 'x',
  Ԁ: 'd',
  Ԛ: 'q',
  Ԝ: 'w',
  Ӏ: 'l',
  Ү: 'y',
  // Greek
  α: 'a',
  β: 'b',
  ε: 'e',
  ι: 'i',
  κ: 'k',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
  γ: 'y',
  ϲ: 'c',
  ϳ: 'j',
  Α: 'a',
  Β: 'b',
  Ε: 'e',
  Ζ: 'z',
  Η: 'h',
  Ι: 'i',
  Κ: 'k',
  Μ: 'm',
  Ν: 'n',
  Ο: 'o',
  Ρ: 'p',
  Τ: 't',
  Υ: 'y',
  Χ: 'x',
  Ϲ: 'c',
  // Armenian and Latin letters outside ASCII that NFKD keeps apart
  օ: 'o',
  ս: 'u',
  հ: 'h',
  ո: 'n',
  ı: 'i',
  ɑ: 'a',
  ɩ: 'i',
  ʋ: 'v',
};

/** The Latin letter a look-alike stands for, else the character itself. */
export function latinLookAlike(char: string): string {
  return lookAlikes[char] ?? char;
}

/**
 * The message with invisible characters removed and look-alike letters made Latin, case and
 * punctuation kept: for the Microsoft recognizers and the few whole-text checks that read
 * characters rather than the reader's words.
 */
export function visibleText(text: string): string {
  let result = '';
  let changed = false;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code < 0xad) {
      result += char;
      continue;
    }
    if (isInvisible(code)) {
      changed = true;
      continue;
    }
    const latin = lookAlikes[char];
    if (latin !== undefined) changed = true;
    result += latin ?? char;
  }
  return changed ? result : text;
}
