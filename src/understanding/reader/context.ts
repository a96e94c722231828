import type { CompiledReader, Role } from './compile.js';
import type { Item } from './match.js';
import type { Token } from './normalize.js';
import type { TriggerData, TriggerFlag } from './schema.js';

/**
 * ConText (Harkema et al. 2009) over the matched items: each trigger reaches the mentions in
 * its scope, forward, backward or both, up to a terminator ("but"), the end of the clause or
 * its word limit. Triggers are data; this file knows no word of any language.
 */

export interface MentionContext {
  flags: Set<TriggerFlag>;
  triggers: Set<string>;
  /** The flags each trigger item gave it, by the trigger's item index. */
  bySource: Map<number, TriggerFlag[]>;
  /** Where the first negation of a double negative stands ("dont" in "I don't have no fever"), and the last second one ("no"). */
  firstNegation?: number;
  secondNegation?: number;
}

export interface ContextResult {
  /** Per item index, the context of the items that are mentions (concept words, answer words). */
  contexts: Map<number, MentionContext>;
  /** Sentence number of each item. */
  sentenceOf: number[];
  /** Clause number of each item: sentences split again at terminators such as "but". */
  clauseOf: number[];
  /** Sentences that name the person ("I", "my"). */
  selfSentences: Set<number>;
  /** Triggers that reached no mention: a bare "no", "not sure", "none of those". */
  dangling: { item: number; trigger: TriggerData }[];
  /** Per number (a quantity item, or a bare number read as a word), the flags of the triggers in whose scope it stands. */
  quantityFlags: Map<number, Set<TriggerFlag>>;
}

const rolesOf = (item: Item | undefined): readonly Role[] => (item?.kind === 'match' ? item.entry.roles : []);
export const isMention = (item: Item | undefined) =>
  rolesOf(item).some((role) => role.kind === 'term' || role.kind === 'component' || role.kind === 'answer');

function isFiller(item: Item, tokens: readonly Token[], reader: CompiledReader): boolean {
  if (item.kind === 'word') return reader.fillers.has(tokens[item.start]!.text);
  if (item.kind === 'match') return !isMention(item) && item.entry.roles.every((role) => role.kind !== 'pseudo');
  // a time ("over a year ago", "the 19th") says when, not what: "I finished it over a year ago" stands alone
  return item.kind === 'quantity' && (item.quantity.kind === 'duration' || item.quantity.kind === 'date');
}

export function applyContext(items: readonly Item[], tokens: readonly Token[], reader: CompiledReader): ContextResult {
  const contexts = new Map<number, MentionContext>();
  const sentenceOf: number[] = [];
  const clauseOf: number[] = [];
  const segmentOf: number[] = [];
  const selfSentences = new Set<number>();
  let sentence = 0;
  let clause = 0;
  let segment = 0;
  items.forEach((item, index) => {
    const roles = rolesOf(item);
    if (roles.some((role) => role.kind === 'terminator' && role.flags === 'all')) clause += 1;
    sentenceOf.push(sentence);
    clauseOf.push(clause);
    segmentOf.push(segment);
    if (isMention(item)) contexts.set(index, { flags: new Set(), triggers: new Set(), bySource: new Map() });
    if (roles.some((role) => role.kind === 'self')) selfSentences.add(sentence);
    if (item.kind === 'boundary') {
      segment += 1;
      if (item.boundary === 'strong' || item.boundary === 'question') {
        sentence += 1;
        clause += 1;
      }
    }
  });

  const bySegment = new Map<number, { item: Item; index: number }[]>();
  items.forEach((item, index) => {
    if (item.kind === 'boundary') return;
    const list = bySegment.get(segmentOf[index]!) ?? [];
    list.push({ item, index });
    bySegment.set(segmentOf[index]!, list);
  });
  const segmentItems = (seg: number) => bySegment.get(seg) ?? [];
  const standaloneCache = new Map<number, boolean>();
  /** A clause with no mention and no content word: "no", "none", "just a bit". */
  const standalone = (seg: number) => {
    let known = standaloneCache.get(seg);
    if (known === undefined) {
      const members = segmentItems(seg);
      known =
        members.length > 0 &&
        members.every(
          ({ item }) => isFiller(item, tokens, reader) || rolesOf(item).some((r) => r.kind === 'answer' || r.kind === 'trigger'),
        );
      known &&= !members.some(({ item }) => rolesOf(item).some((r) => r.kind === 'term' || r.kind === 'component'));
      standaloneCache.set(seg, known);
    }
    return known;
  };
  const terminatesAll = (item: Item) => rolesOf(item).some((role) => role.kind === 'terminator' && role.flags === 'all');
  // What the scopes ask of the items around a trigger, worked out in one pass each way, so a
  // message of many triggers ("no no no ...", "is it, is it ...") stays linear.
  const firstInSentence: boolean[] = [];
  let sentenceHasContent = false;
  // "so is it painful", "ok is that normal": a lead-in word keeps what follows at the start of the sentence
  const leadIns = reader.questionLeadIns;
  items.forEach((item, index) => {
    if (index > 0 && sentenceOf[index] !== sentenceOf[index - 1]) sentenceHasContent = false;
    firstInSentence.push(!sentenceHasContent);
    const leadIn = item.kind !== 'boundary' && item.end - item.start === 1 && leadIns.has(tokens[item.start]!.text);
    if (item.kind !== 'boundary' && !leadIn) sentenceHasContent = true;
  });
  const closers = reader.listClosers;
  const closesAhead: boolean[] = new Array<boolean>(items.length);
  const nextContent: number[] = new Array<number>(items.length);
  let closerSeen = false;
  let content = items.length;
  for (let j = items.length - 1; j >= 0; j--) {
    const item = items[j]!;
    closesAhead[j] = closerSeen;
    nextContent[j] = content;
    if ((item.kind === 'boundary' && item.boundary !== 'weak') || terminatesAll(item)) closerSeen = false;
    else if (item.kind === 'word' && closers.has(tokens[item.start]!.text)) closerSeen = true;
    if (!(item.kind === 'word' && reader.fillers.has(tokens[item.start]!.text))) content = j;
  }
  /** Only boundaries before it in its sentence: "is it painful" opens a question, "there is pus" does not. */
  const firstContentOfSentence = (index: number) => firstInSentence[index]!;
  const terminates = (item: Item, trigger: TriggerData) =>
    rolesOf(item).some(
      (role) => role.kind === 'terminator' && (role.flags === 'all' || role.flags.some((flag) => trigger.flags.includes(flag))),
    );
  /** A list that closes with "or" / "nor" before the clause ends ("no eczema, rosacea or psoriasis"). */
  const listClosesLater = (from: number) => closesAhead[from]!;
  /** The next item that is no filler word is a mention. */
  const nextIsMention = (from: number) => isMention(items[nextContent[from]!]);

  /** Degree words describe symptoms, not answer words: "swollen, no just a bit" is a mild swelling. */
  const answerOnly = (item: Item) => rolesOf(item).every((role) => role.kind !== 'term' && role.kind !== 'component');
  /** A scope counts the words it passes over, not other triggers ("free of", "dont want"). */
  const wordsIn = (item: Item) => (item.kind === 'match' && (!isMention(item) || answerOnly(item)) ? 0 : item.end - item.start);
  /** However many triggers stand in a row ("no no no ..."), a scope passes over a bounded number of items: linear time. */
  const maxItems = (trigger: TriggerData) => trigger.scope + 8;
  const dangling: ContextResult['dangling'] = [];
  const quantityFlags = new Map<number, Set<TriggerFlag>>();
  /** A number in a trigger's scope takes its flags, without counting as a mention the trigger reached. */
  const note = (index: number, trigger: TriggerData) => {
    const flags = quantityFlags.get(index) ?? new Set<TriggerFlag>();
    for (const flag of trigger.flags) flags.add(flag);
    quantityFlags.set(index, flags);
  };
  const { first, second } = reader.doubleNegation;
  const apply = (index: number, trigger: TriggerData, by: Item, at: number) => {
    const context = contexts.get(index);
    if (!context) return;
    for (const flag of trigger.flags) context.flags.add(flag);
    context.triggers.add(trigger.id);
    // who gave which flag matters only to the parts of a composite, never to an answer word
    if (!answerOnly(items[index]!)) {
      const given = context.bySource.get(at);
      if (given) given.push(...trigger.flags);
      else context.bySource.set(at, [...trigger.flags]);
    }
    const phrase = by.kind === 'match' ? by.entry.phrase : '';
    if (trigger.flags.includes('negated')) {
      if (first.has(phrase)) context.firstNegation = Math.min(context.firstNegation ?? Infinity, at);
      if (second.has(phrase)) context.secondNegation = Math.max(context.secondNegation ?? -Infinity, at);
      // a double negative ("not no swelling", "don't have no fever") states the positive, or is unsure: never "no"
      if ((context.secondNegation ?? -Infinity) > (context.firstNegation ?? Infinity)) context.flags.add('reversed');
    }
  };
  /** Only fillers after it up to the end of its clause: "the swelling has gone", not "my sight's gone weird". */
  const lastContentOfClause = (index: number) => {
    for (let j = index + 1; j < items.length; j++) {
      const next = items[j]!;
      if (next.kind === 'boundary' || terminatesAll(next)) return true;
      if (!isFiller(next, tokens, reader)) return false;
    }
    return true;
  };

  items.forEach((item, index) => {
    for (const role of rolesOf(item)) {
      if (role.kind !== 'trigger') continue;
      const trigger = reader.triggers[role.trigger]!;
      if (trigger.sentenceStart && !firstContentOfSentence(index)) continue;
      if (trigger.endsClause && !lastContentOfClause(index)) continue;
      let reached = 0;
      if (trigger.direction !== 'backward') {
        let words = 0;
        const last = Math.min(items.length, index + 1 + maxItems(trigger));
        for (let j = index + 1; j < last; j++) {
          const next = items[j]!;
          if (next.kind === 'boundary') {
            if (next.boundary !== 'weak') break;
            if (trigger.crossesComma) continue;
            if (trigger.listContinues && nextIsMention(j) && listClosesLater(j)) continue;
            break;
          }
          if (terminates(next, trigger)) break;
          if (next.kind === 'quantity' || next.kind === 'word') note(j, trigger);
          if (isMention(next) && !(trigger.nearestOnly && answerOnly(next))) {
            apply(j, trigger, item, index);
            reached += 1;
            if (trigger.nearestOnly) break;
          }
          words += wordsIn(next);
          if (words >= trigger.scope) break;
        }
      }
      if (trigger.direction !== 'forward') {
        let words = 0;
        let crossed = false;
        let found = false;
        const first = Math.max(0, index - 1 - maxItems(trigger));
        for (let j = index - 1; j >= first; j--) {
          const previous = items[j]!;
          if (previous.kind === 'boundary') {
            const kind = previous.boundary;
            if (found || crossed || !(trigger.crossesBack as readonly string[]).includes(kind) || !standalone(segmentOf[index]!)) break;
            crossed = true;
            continue;
          }
          if (terminates(previous, trigger) && !crossed) break;
          if (previous.kind === 'quantity' || previous.kind === 'word') note(j, trigger);
          if (isMention(previous) && !(trigger.nearestOnly && answerOnly(previous))) {
            apply(j, trigger, item, index);
            reached += 1;
            // an answer word ("do not want") does not keep "no" from reaching back over "fever?"
            found ||= !answerOnly(previous);
            if (trigger.nearestOnly) break;
          }
          words += wordsIn(previous);
          if (words >= trigger.scope) break;
        }
      }
      if (reached === 0) dangling.push({ item: index, trigger });
    }
  });

  const mentionsBySentence = new Map<number, number[]>();
  for (const mention of contexts.keys()) {
    const list = mentionsBySentence.get(sentenceOf[mention]!) ?? [];
    list.push(mention);
    mentionsBySentence.set(sentenceOf[mention]!, list);
  }
  // A sentence ending in "?" is a question, unless the next clause answers it ("fever? no").
  items.forEach((item, index) => {
    if (item.kind !== 'boundary' || item.boundary !== 'question') return;
    // answered: the next clause is only a yes, or a trigger that reaches back over the "?" ("fever? no")
    const answered =
      standalone(segmentOf[index]! + 1) &&
      segmentItems(segmentOf[index]! + 1).some(({ item: next }) =>
        rolesOf(next).some(
          (r) =>
            (r.kind === 'answer' && r.answer === 'yes') ||
            (r.kind === 'trigger' && reader.triggers[r.trigger]!.crossesBack.includes('question')),
        ),
      );
    if (answered) return;
    for (const mention of mentionsBySentence.get(sentenceOf[index]!) ?? []) {
      const context = contexts.get(mention)!;
      context.flags.add('question');
      context.bySource.set(index, ['question']); // the "?" as the source
    }
  });
  return { contexts, sentenceOf, clauseOf, selfSentences, dangling, quantityFlags };
}
