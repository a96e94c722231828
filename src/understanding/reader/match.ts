import type { CompiledReader, DictionaryEntry } from './compile.js';
import type { BoundaryKind, Token } from './normalize.js';
import type { Quantity } from './numbers.js';

/**
 * One left-to-right pass over the tokens: at each place the longest phrase of the dictionary
 * (exact words first, then words one or two typing slips away), one pass and no backtracking,
 * so the cost stays linear in the message.
 */

export type Item =
  | { kind: 'boundary'; boundary: BoundaryKind; start: number; end: number }
  | { kind: 'match'; entry: DictionaryEntry; start: number; end: number; fuzzy: boolean }
  | { kind: 'quantity'; quantity: Quantity; start: number; end: number }
  | { kind: 'word'; start: number; end: number };

/** The dictionary word a typed word stands for: itself when known, else its unique near neighbour. */
function canonicalWords(tokens: readonly Token[], reader: CompiledReader): string[] {
  const memo = new Map<string, string>();
  return tokens.map((token) => {
    const text = token.text;
    if (token.boundary !== undefined || reader.vocabulary.has(text)) return text;
    let canonical = memo.get(text);
    if (canonical === undefined) {
      canonical = reader.fuzzy.correct(text) ?? text;
      memo.set(text, canonical);
    }
    return canonical;
  });
}

function partMatches(part: DictionaryEntry['parts'][number], raw: string, canonical: string): 'exact' | 'fuzzy' | undefined {
  if (part.prefix) {
    if (raw.startsWith(part.text)) return 'exact';
    return canonical !== raw && canonical.startsWith(part.text) ? 'fuzzy' : undefined;
  }
  if (raw === part.text) return 'exact';
  return canonical === part.text && canonical !== raw ? 'fuzzy' : undefined;
}

/** "sister's", "Sam's": a person word, or a name (capitalised, unknown), with the possessive ending. */
function isSomeonesPossessive(token: Token, reader: CompiledReader): boolean {
  if (!token.possessive || !token.text.endsWith(reader.possessive.ending)) return false;
  const base = token.text.slice(0, token.text.length - reader.possessive.ending.length);
  return reader.people.has(base) || (token.capitalised === true && !reader.vocabulary.has(token.text) && !reader.vocabulary.has(base));
}

const possessiveEntries = new WeakMap<CompiledReader, DictionaryEntry>();
function possessiveEntry(reader: CompiledReader): DictionaryEntry {
  let entry = possessiveEntries.get(reader);
  if (!entry)
    possessiveEntries.set(
      reader,
      (entry = { phrase: '(possessive)', parts: [], roles: [{ kind: 'trigger', trigger: reader.possessive.trigger }] }),
    );
  return entry;
}

export function matchItems(tokens: readonly Token[], quantities: readonly Quantity[], reader: CompiledReader): Item[] {
  const canonical = canonicalWords(tokens, reader);
  const claimedBy = new Map<number, Quantity>();
  // a bare number or a dose stays readable as words too ("75 mg aspirin" is a phrase of the data)
  for (const quantity of quantities) if (quantity.kind !== 'number' && quantity.kind !== 'dose') claimedBy.set(quantity.start, quantity);
  const items: Item[] = [];
  for (let i = 0; i < tokens.length;) {
    const token = tokens[i]!;
    if (token.boundary !== undefined) {
      items.push({ kind: 'boundary', boundary: token.boundary, start: i, end: i + 1 });
      i += 1;
      continue;
    }
    const quantity = claimedBy.get(i);
    if (quantity !== undefined) {
      // a measured fever or racing pulse is a mention of that sign
      const measured =
        quantity.kind === 'temperature' && quantity.fever
          ? reader.measured.fever
          : quantity.kind === 'pulse' && quantity.racing
            ? reader.measured.racingHeart
            : undefined;
      if (measured) items.push({ kind: 'match', entry: measured, start: i, end: quantity.end, fuzzy: false });
      else items.push({ kind: 'quantity', quantity, start: i, end: quantity.end });
      i = quantity.end;
      continue;
    }
    // The longest phrase wins; phrases of that length that match equally well all count
    // ("blisters" is a sign and "blister*" part of another), so their roles are merged.
    let best: { entries: DictionaryEntry[]; length: number; fuzzy: boolean } | undefined;
    const seen = new Set<DictionaryEntry>();
    const consider = (entry: DictionaryEntry) => {
      if (seen.has(entry)) return;
      seen.add(entry);
      const length = entry.parts.length;
      if (best && best.length > length) return;
      let fuzzy = false;
      for (let k = 0; k < length; k++) {
        const at = i + k;
        const next = tokens[at];
        if (next === undefined || next.boundary !== undefined || (k > 0 && claimedBy.has(at))) return;
        const how = partMatches(entry.parts[k]!, next.text, canonical[at]!);
        if (how === undefined) return;
        if (how === 'fuzzy') fuzzy = true;
      }
      if (!best || length > best.length || (best.fuzzy && !fuzzy)) best = { entries: [entry], length, fuzzy };
      else if (best.fuzzy === fuzzy) best.entries.push(entry);
    };
    for (const entry of reader.byFirstWord.get(token.text) ?? []) consider(entry);
    if (canonical[i] !== token.text) for (const entry of reader.byFirstWord.get(canonical[i]!) ?? []) consider(entry);
    for (const entry of reader.prefixEntries.get(token.text[0] ?? '') ?? []) consider(entry);
    if (canonical[i]![0] !== token.text[0]) for (const entry of reader.prefixEntries.get(canonical[i]![0] ?? '') ?? []) consider(entry);
    if (best) {
      const entry =
        best.entries.length === 1
          ? best.entries[0]!
          : { phrase: best.entries[0]!.phrase, parts: best.entries[0]!.parts, roles: best.entries.flatMap((e) => e.roles) };
      items.push({ kind: 'match', entry, start: i, end: i + best.length, fuzzy: best.fuzzy });
      i += best.length;
    } else if (isSomeonesPossessive(token, reader)) {
      items.push({ kind: 'match', entry: possessiveEntry(reader), start: i, end: i + 1, fuzzy: false });
      i += 1;
    } else {
      items.push({ kind: 'word', start: i, end: i + 1 });
      i += 1;
    }
  }
  return items;
}
