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

/**
 * Finds the one vocabulary word a typed word is a misspelling of. The first letter must agree
 * (or the first two be swapped): people rarely mistype the first letter, and it keeps
 * "wound" from reaching "round". Ties between words of different owners (concepts) give no
 * match: a guess between two clinical words is not a reading.
 */
export class FuzzyIndex {
  private readonly byFirstLetter = new Map<string, string[]>();
  private readonly owners: ReadonlyMap<string, string>;

  /** `words`: each word with the key of what it belongs to (the concepts that use it). */
  constructor(words: ReadonlyMap<string, string>) {
    this.owners = words;
    for (const word of [...words.keys()].sort()) {
      if (word.length < 5 || !/^[a-z]+$/.test(word)) continue;
      const list = this.byFirstLetter.get(word[0]!) ?? [];
      list.push(word);
      this.byFirstLetter.set(word[0]!, list);
    }
  }

  correct(typed: string): string | undefined {
    if (typed.length < 5 || !/^[a-z]+$/.test(typed)) return undefined;
    const candidates = new Set([...(this.byFirstLetter.get(typed[0]!) ?? []), ...(this.byFirstLetter.get(typed[1]!) ?? [])]);
    let best: string | undefined;
    let bestDistance = Infinity;
    let tie = false;
    for (const word of candidates) {
      if (word[0] !== typed[0] && !(word[0] === typed[1] && word[1] === typed[0])) continue;
      const max = allowedEdits(Math.min(word.length, typed.length));
      if (max === 0) continue;
      const distance = boundedDistance(typed, word, max);
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
    return tie ? undefined : best;
  }
}
