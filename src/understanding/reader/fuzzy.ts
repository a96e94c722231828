/**
 * Bounded spelling tolerance. Short words get none: "fever" and "never", "lips" and "lisp"
 * are one edit apart, so tolerance for them would turn ordinary words into symptoms.
 */

/** Edits allowed between a word from the data and what was typed, by the shorter length. */
export function allowedEdits(length: number): number {
  if (length < 5) return 0;
  if (length < 8) return 1;
  return 2;
}

/**
 * Damerau-Levenshtein distance (optimal string alignment: a swap of neighbours is one edit),
 * giving up once it exceeds `max`; returns max + 1 then.
 */
export function boundedDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a === b) return 0;
  const width = b.length + 1;
  let before = new Array<number>(width).fill(0);
  let previous = Array.from({ length: width }, (_, j) => j);
  let current = new Array<number>(width).fill(0);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, before[j - 2]! + 1);
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    [before, previous, current] = [previous, current, before];
  }
  return previous[b.length]!;
}

/** The same letters, the same first and last: a letter moved ("tounge", "tongue"). */
function sameLetters(a: string, b: string): boolean {
  if (a.length !== b.length || a[0] !== b[0] || a[a.length - 1] !== b[b.length - 1]) return false;
  return [...a].sort().join('') === [...b].sort().join('');
}

/**
 * One letter dropped, added or two neighbours swapped, but none changed: "spred" for "spread",
 * never "concer" for "cancer" (a changed letter too often makes another word).
 */
function slipWithoutChange(typed: string, word: string): boolean {
  const dropOne = (longer: string, shorter: string) => {
    for (let i = 0; i < longer.length; i++) if (longer.slice(0, i) + longer.slice(i + 1) === shorter) return true;
    return false;
  };
  if (typed.length === word.length - 1) return dropOne(word, typed);
  if (typed.length === word.length + 1) return dropOne(typed, word);
  if (typed.length !== word.length || typed === word) return false;
  const at = [...typed].findIndex((char, i) => char !== word[i]);
  return typed[at] === word[at + 1] && typed[at + 1] === word[at] && typed.slice(at + 2) === word.slice(at + 2);
}

/** A word with its doubled letters written once ("lipps" -> "lips", "swollen" -> "swolen"). */
export function squeeze(word: string): string {
  let result = '';
  for (const char of word) if (char !== result[result.length - 1]) result += char;
  return result;
}

/** A word family of the data ("spread*") is corrected only from this length: short stems are too close to other words. */
const SHORTEST_FUZZY_STEM = 6;

/**
 * Finds the one vocabulary word a typed word is a misspelling of, within a bounded distance: a
 * letter swapped, doubled, dropped or changed (allowedEdits), a doubled letter written once or
 * twice at any length ("lipps"), a letter moved ("tounge"), or a word of a family ("spredding"
 * is "spread..."). The first letter must agree (or the first two be swapped): people rarely
 * mistype the first letter, and it keeps "wound" from reaching "round". Ties between words of
 * different owners (concepts) give no match: a guess between two clinical words is not a reading.
 */
export class FuzzyIndex {
  /** Words by first letter and length, so a typed word meets only words it could be. */
  private readonly byStart = new Map<string, string[]>();
  private readonly bySqueezed = new Map<string, string[]>();
  private readonly stems: readonly string[];

  /** `words`: each word with the key of what it belongs to (the concepts that use it); `stems`: word families. */
  constructor(
    private readonly owners: ReadonlyMap<string, string>,
    stems: ReadonlyMap<string, string> = new Map(),
  ) {
    for (const word of [...owners.keys()].sort()) {
      if (!/^[a-z]+$/.test(word) || word.length < 3) continue;
      const squeezed = squeeze(word);
      this.bySqueezed.set(squeezed, [...(this.bySqueezed.get(squeezed) ?? []), word]);
      if (word.length < 5) continue;
      const key = `${word[0]}${word.length}`;
      this.byStart.set(key, [...(this.byStart.get(key) ?? []), word]);
    }
    this.stems = [...stems.keys()].filter((stem) => stem.length >= SHORTEST_FUZZY_STEM && /^[a-z]+$/.test(stem)).sort();
    this.allStems = [...stems.keys()].filter((stem) => stem.length >= 3);
    this.stemOwners = stems;
  }

  private readonly stemOwners: ReadonlyMap<string, string>;
  private readonly allStems: readonly string[];

  correct(typed: string): string | undefined {
    if (typed.length < 3 || !/^[a-z]+$/.test(typed)) return undefined;
    const doubled = this.unique(this.bySqueezed.get(squeeze(typed)) ?? [], this.owners);
    if (doubled !== undefined) return doubled;
    if (typed.length < 5) return undefined;
    // a word of a family the data knows ("injections" of "injection*") is that word, not a slip for another
    if (this.allStems.some((stem) => typed.startsWith(stem))) return undefined;
    let best: string | undefined;
    let bestDistance = Infinity;
    let tie = false;
    for (const first of new Set([typed[0]!, typed[1]!])) {
      for (let length = typed.length - 2; length <= typed.length + 2; length++) {
        for (const word of this.byStart.get(`${first}${length}`) ?? []) {
          if (word[0] !== typed[0] && !(word[0] === typed[1] && word[1] === typed[0])) continue;
          const max = allowedEdits(Math.min(word.length, typed.length));
          if (max === 0) continue;
          // a letter moved by more than one place ("tounge") is as near as one slip
          const distance = sameLetters(typed, word)
            ? Math.min(max, boundedDistance(typed, word, max + 1))
            : boundedDistance(typed, word, max);
          if (distance > max) continue;
          if (distance < bestDistance) {
            best = word;
            bestDistance = distance;
            tie = false;
          } else if (distance === bestDistance && this.owners.get(word) !== this.owners.get(best!)) {
            tie = true;
          } else if (distance === bestDistance && word < best!) {
            best = word; // same owner: any of its spellings will do; the first keeps reading deterministic
          }
        }
      }
    }
    // a family one slip from its stem is nearer than a word two slips away ("spredding": "spread...", not "speeding")
    if (best === undefined || bestDistance > 1) {
      const family = this.family(typed);
      if (family !== undefined) return family;
    }
    return tie ? undefined : best;
  }

  /** "spredding": the typed word starts with a family's stem, one slip away ("spread" + "ding"). */
  private family(typed: string): string | undefined {
    const found: string[] = [];
    for (const stem of this.stems) {
      if ((stem[0] !== typed[0] && stem[0] !== typed[1]) || typed.length < stem.length + 1) continue;
      for (const cut of [stem.length - 1, stem.length, stem.length + 1]) {
        if (slipWithoutChange(typed.slice(0, cut), stem)) {
          found.push(`${stem}${typed.slice(cut)}`);
          break;
        }
      }
    }
    const stems = found.map((word) => this.stems.find((stem) => word.startsWith(stem))!);
    return new Set(stems.map((stem) => this.stemOwners.get(stem))).size === 1 ? found[0] : undefined;
  }

  /** The one word (or words of one owner) in `words`, else undefined. */
  private unique(words: readonly string[], owners: ReadonlyMap<string, string>): string | undefined {
    if (words.length === 0) return undefined;
    return new Set(words.map((word) => owners.get(word))).size === 1 ? words[0] : undefined;
  }
}
