import { visibleText } from './characters.js';
import type { Reader } from './read.js';

/**
 * The red-flag watch reads the whole of a message, also past MAX_READ_LENGTH: the rest is not
 * read word by word (reading one message may cost a few milliseconds, not more), but searched
 * for the words of warning signs, and the text around the first and the last place of each such
 * word is read. Bounded: at most PASSAGES passages of at most LONGEST characters.
 */

/** Characters read on each side of a sign word. */
const REACH = 100;
/** The longest passage: places close together are read in one. */
const LONGEST = 4 * REACH;
/** Passages read at most. */
const PASSAGES = 12;

const WORD = /[a-z]+/g;

/** The passages of `rest` (the unread part of a message) that hold a word of a warning sign. */
export function signPassages(rest: string, reader: Reader): string[] {
  const { exact, stems } = reader.compiled.signWords;
  const visible = visibleText(rest);
  const lower = visible.toLowerCase();
  const places = new Map<string, [number, number]>();
  for (const match of lower.matchAll(WORD)) {
    const word = match[0];
    if (!exact.has(word) && !(stems.get(word[0]!) ?? []).some((stem) => word.startsWith(stem))) continue;
    const seen = places.get(word);
    if (seen) seen[1] = match.index;
    else places.set(word, [match.index, match.index]);
  }
  const centres = [...new Set([...places.values()].flat())].sort((a, b) => a - b);
  const passages: [number, number][] = [];
  for (const centre of centres) {
    const start = Math.max(0, centre - REACH);
    const end = Math.min(lower.length, centre + REACH);
    const last = passages[passages.length - 1];
    if (last && start <= last[1] && end - last[0] <= LONGEST) last[1] = end;
    else if (passages.length < PASSAGES) passages.push([start, end]);
    else break;
  }
  // whole words only: a passage starts after a space and ends before one
  return passages.map(([start, end]) => {
    const from = start === 0 ? 0 : lower.indexOf(' ', start) + 1;
    const to = end === lower.length ? end : Math.max(from, lower.lastIndexOf(' ', end));
    return visible.slice(from, to);
  });
}
