import { compileReader, type AnswerWord, type CompiledReader } from './compile.js';
import { applyContext, type MentionContext } from './context.js';
import type { ReaderKnowledge } from './load.js';
import { matchItems, type Item } from './match.js';
import { normalize, type Token } from './normalize.js';
import { findQuantities, type Quantity } from './numbers.js';
import type { ConceptData } from './schema.js';
import { RecentValues } from '../../recent-values.js';
import { readablePart } from './limit.js';

/**
 * The reading of one message: the concepts found with their context, the answer words, the
 * numbers with units, and the words that could not be placed. Pure: the same text and the
 * same knowledge always give the same reading.
 */

export type Degree = 'mild' | 'severe';
export type Experiencer = 'self' | 'other';

export interface Span {
  /** Character offsets into the message as written. */
  start: number;
  end: number;
  text: string;
}

export interface Finding {
  concept: string;
  kind: ConceptData['kind'];
  span: Span;
  negated: boolean;
  /** Negated with "never" ("never had cold sores"): also about the past. */
  never: boolean;
  historical: boolean;
  hypothetical: boolean;
  /** In a question ("is swelling normal?"). */
  question: boolean;
  experiencer: Experiencer;
  degree?: Degree;
  uncertain: boolean;
  /** Something that comes and goes ("I get cold sores"). */
  habitual: boolean;
  /** A word of it was read as a misspelling. */
  fuzzy: boolean;
  sentence: number;
  clause: number;
  /** The sentence names the person ("I", "my"). */
  selfMentioned: boolean;
  /** Ids of the triggers that gave this context. */
  triggers: string[];
}

export interface AnswerMention {
  answer: AnswerWord;
  span: Span;
  negated: boolean;
  uncertain: boolean;
  question: boolean;
  sentence: number;
}

export interface Reading {
  text: string;
  findings: Finding[];
  answers: AnswerMention[];
  /** Numbers with what they are attached to; whose, and whether a negation reaches them ("I'm 17, not 34"). */
  quantities: (Quantity & { span: Span; sentence: number; experiencer: Experiencer; negated: boolean })[];
  /** Words the reader could not place, after dropping filler words; neighbours joined into one span. */
  unplaced: Span[];
  /** Triggers that reached no mention (a bare "no", "not sure"), by flag. */
  danglingFlags: { flags: readonly string[]; sentence: number; span: Span }[];
  sentenceCount: number;
}

/**
 * What the reader takes from the rule table (knowledge/safety/rules.json): for a field whose
 * medicine may have been stopped, how many days after the stop it still counts as taken. A
 * field with no window gives "not sure" for a stop, never "no".
 */
export interface ReaderPolicy {
  stoppedCountsWithinDays: Readonly<Record<string, number>>;
}

export interface Reader {
  compiled: CompiledReader;
  policy: ReaderPolicy;
}

/** Compiles the knowledge once; the reader is then reused for every message. */
export function createReader(knowledge: ReaderKnowledge, policy: ReaderPolicy = { stoppedCountsWithinDays: {} }): Reader {
  return { compiled: compileReader(knowledge), policy };
}

function spanOf(text: string, tokens: readonly Token[], start: number, end: number): Span {
  const from = tokens[start]?.start ?? text.length;
  const to = tokens[Math.max(start, end - 1)]?.end ?? from;
  return { start: from, end: to, text: text.slice(from, to) };
}

interface Mention {
  index: number;
  context: MentionContext;
}

function toFinding(
  concept: ConceptData,
  mentions: Mention[],
  items: readonly Item[],
  text: string,
  tokens: readonly Token[],
  extra: {
    sentence: number;
    clause: number;
    selfMentioned: boolean;
  },
): Finding {
  // a word that is both a trigger and a part of this composite does not change the composite
  // ("my vision is gone": "gone" is how the vision changed, not a vision that has gone away)
  const own = new Set(mentions.map((mention) => mention.index));
  const flags =
    mentions.length === 1
      ? new Set(mentions[0]!.context.flags)
      : new Set(
          mentions.flatMap((mention) => [
            ...[...mention.context.bySource].filter(([source]) => !own.has(source)).flatMap(([, given]) => given),
            ...(mention.context.flags.has('reversed') ? (['reversed'] as const) : []),
          ]),
        );
  // a negation taken back (a joke, a double negative) is no "no": the mention is not sure
  if (flags.has('reversed')) {
    flags.delete('negated');
    flags.delete('never');
    flags.add('uncertain');
  }
  const start = Math.min(...mentions.map((mention) => items[mention.index]!.start));
  const end = Math.max(...mentions.map((mention) => items[mention.index]!.end));
  const finding: Finding = {
    concept: concept.id,
    kind: concept.kind,
    span: spanOf(text, tokens, start, end),
    negated: flags.has('negated') || flags.has('never'),
    never: flags.has('never'),
    historical: flags.has('historical'),
    hypothetical: flags.has('hypothetical'),
    question: flags.has('question'),
    experiencer: flags.has('other') ? 'other' : 'self',
    uncertain: flags.has('uncertain'),
    habitual: flags.has('habitual'),
    fuzzy: mentions.some((mention) => {
      const item = items[mention.index]!;
      return item.kind === 'match' && item.fuzzy;
    }),
    sentence: extra.sentence,
    clause: extra.clause,
    selfMentioned: extra.selfMentioned,
    triggers: [...new Set(mentions.flatMap((mention) => [...mention.context.triggers]))].sort(),
  };
  if (flags.has('severe')) finding.degree = 'severe';
  else if (flags.has('mild')) finding.degree = 'mild';
  return finding;
}

/** How much a context discounts a mention; a composite takes the plainest mention of each group. */
const discount = (context: MentionContext) =>
  ['negated', 'never', 'other', 'hypothetical', 'question', 'historical', 'uncertain'].reduce((sum, flag, rank) => {
    const reversed = context.flags.has('reversed');
    const has =
      reversed && (flag === 'negated' || flag === 'never') ? false : context.flags.has(flag as never) || (reversed && flag === 'uncertain');
    return sum + (has ? 2 ** (7 - rank) : 0);
  }, 0);

interface PartMention extends Mention {
  group: number;
}

/**
 * One mention of every group of a composite, at most `window` words apart, the plainest such
 * combination (an affirmed one before a negated one: "my lips aren't swollen, my tongue is
 * swollen" is a swollen tongue). Each mention is tried as the last of its combination, with the
 * plainest mention of each other group in the window before it: linear in the mentions.
 */
function plainestCombination(
  mentions: readonly PartMention[],
  groupCount: number,
  window: number,
  items: readonly Item[],
): Mention[] | undefined {
  let best: { mentions: Mention[]; cost: number } | undefined;
  for (let last = 0; last < mentions.length; last++) {
    const end = mentions[last]!;
    const reach = items[end.index]!.start - window;
    const chosen = new Map<number, PartMention>([[end.group, end]]);
    for (let k = last - 1; k >= 0; k--) {
      const other = mentions[k]!;
      if (items[other.index]!.end < reach) break;
      if (other.index === end.index) continue;
      const held = chosen.get(other.group);
      if (held === undefined || discount(other.context) < discount(held.context)) chosen.set(other.group, other);
    }
    if (chosen.size < groupCount) continue;
    const list = [...chosen.values()];
    const cost = list.reduce((sum, mention) => sum + discount(mention.context), 0);
    if (!best || cost < best.cost) best = { mentions: list, cost };
  }
  return best?.mentions;
}

/**
 * Readings of the last few messages, per reader: a turn reads one message several times (the
 * red-flag watch, the interruption check, listening, the pending question). Frozen, so a caller
 * that changed a shared reading would fail loudly instead of changing what the next one reads.
 */
const RECENT_READINGS = 8;
const recentReadings = new WeakMap<Reader, RecentValues<Reading>>();

export function read(message: string, reader: Reader): Reading {
  const text = readablePart(message);
  let recent = recentReadings.get(reader);
  if (!recent) recentReadings.set(reader, (recent = new RecentValues(RECENT_READINGS)));
  return recent.getOrMake(text, () => deepFreeze(readAfresh(text, reader)));
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

function readAfresh(text: string, reader: Reader): Reading {
  const { compiled } = reader;
  const tokens = normalize(text, compiled.variants);
  const quantities = findQuantities(tokens, compiled.numbers, text);
  const items = matchItems(tokens, quantities, compiled);
  const { contexts, sentenceOf, clauseOf, selfSentences, dangling, quantityFlags } = applyContext(items, tokens, compiled);
  const quantityItem = new Map<number, number>();
  items.forEach((item, index) => {
    if (item.kind === 'quantity' || item.kind === 'word') quantityItem.set(item.start, index);
  });

  const findings: Finding[] = [];
  const answers: AnswerMention[] = [];
  const components = new Map<string, PartMention[]>(); // concept:clause -> its parts' mentions, in order
  const termFindings: { index: number; finding: Finding }[] = [];
  /** Items that are part of a composite finding; of a warning sign's, separately. */
  const inComposite = new Set<number>();
  const inSign = new Set<number>();
  items.forEach((item, index) => {
    if (item.kind !== 'match') return;
    const context = contexts.get(index);
    if (!context) return;
    const sentence = sentenceOf[index]!;
    const where = { sentence, clause: clauseOf[index]!, selfMentioned: selfSentences.has(sentence) };
    for (const role of item.entry.roles) {
      if (role.kind === 'term') {
        termFindings.push({
          index,
          finding: toFinding(compiled.concepts[role.concept]!, [{ index, context }], items, text, tokens, where),
        });
      } else if (role.kind === 'component') {
        const key = `${role.concept}:${where.clause}`;
        const mentions = components.get(key) ?? [];
        mentions.push({ index, context, group: role.group });
        components.set(key, mentions);
      } else if (role.kind === 'answer') {
        answers.push({
          answer: role.answer,
          span: spanOf(text, tokens, item.start, item.end),
          negated: (context.flags.has('negated') || context.flags.has('never')) && !context.flags.has('reversed'),
          uncertain: context.flags.has('uncertain') || context.flags.has('reversed'),
          question: context.flags.has('question'),
          sentence,
        });
      }
    }
  });
  for (const [key, mentions] of components) {
    const conceptIndex = Number(key.split(':')[0]);
    const concept = compiled.concepts[conceptIndex]!;
    const window = concept.within ?? compiled.knowledge.terminology.partWindow;
    const chosen = plainestCombination(mentions, compiled.groups[conceptIndex]!.length, window, items);
    if (!chosen) continue;
    for (const mention of chosen) {
      inComposite.add(mention.index);
      if (concept.kind === 'sign') inSign.add(mention.index);
    }
    const first = chosen.reduce((a, b) => (a.index < b.index ? a : b));
    const sentence = sentenceOf[first.index]!;
    findings.push(
      toFinding(concept, chosen, items, text, tokens, {
        sentence,
        clause: clauseOf[first.index]!,
        selfMentioned: selfSentences.has(sentence),
      }),
    );
  }
  // "redness" in "the redness is spreading" is the warning sign, not also the normal reaction
  for (const { index, finding } of termFindings) if (!(finding.kind === 'after' && inSign.has(index))) findings.push(finding);
  findings.sort((a, b) => a.span.start - b.span.start || a.concept.localeCompare(b.concept));

  const sentenceOfToken: number[] = [];
  items.forEach((item, index) => {
    for (let token = item.start; token < item.end; token++) sentenceOfToken[token] = sentenceOf[index]!;
  });

  const unplaced: Span[] = [];
  let run: { start: number; end: number } | undefined;
  const closeRun = () => {
    if (run) unplaced.push(spanOf(text, tokens, run.start, run.end));
    run = undefined;
  };
  // a part of a composite that made none ("problems" without a function) is not placed either
  const unread = (item: Item, index: number) =>
    item.kind === 'word' ||
    (item.kind === 'match' && !inComposite.has(index) && item.entry.roles.every((role) => role.kind === 'component'));
  for (const [index, item] of items.entries()) {
    const word = unread(item, index)
      ? tokens
          .slice(item.start, item.end)
          .map((token) => token.text)
          .join(' ')
      : undefined;
    if (word !== undefined && !compiled.fillers.has(word) && !compiled.numberWords.has(word) && !/^\d/.test(word)) {
      if (run && run.end === item.start) run.end = item.end;
      else {
        closeRun();
        run = { start: item.start, end: item.end };
      }
    } else if (word === undefined || !compiled.fillers.has(word)) {
      closeRun();
    }
  }
  closeRun();

  return {
    text,
    findings,
    answers,
    quantities: quantities.map((quantity) => ({
      ...quantity,
      span: spanOf(text, tokens, quantity.start, quantity.end),
      sentence: sentenceOfToken[quantity.start] ?? 0,
      experiencer: quantityFlags.get(quantityItem.get(quantity.start) ?? -1)?.has('other') ? ('other' as const) : ('self' as const),
      negated: quantityFlags.get(quantityItem.get(quantity.start) ?? -1)?.has('negated') === true,
    })),
    unplaced,
    danglingFlags: dangling.map(({ item, trigger }) => ({
      flags: trigger.flags,
      sentence: sentenceOf[item]!,
      span: spanOf(text, tokens, items[item]!.start, items[item]!.end),
    })),
    sentenceCount: (sentenceOf[sentenceOf.length - 1] ?? 0) + 1,
  };
}
