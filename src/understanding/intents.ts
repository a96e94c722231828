import { endsWithQuestionMark, foldedWords } from './fold.js';
import { longestPhraseAt, phraseWords, read, tokenize, type Command, type Reader } from './reader/index.js';
import type { Token } from './reader/normalize.js';
import { pushbacks, type Pushback } from './reader/schema.js';

export type { Command, Pushback };

/**
 * Whole-message commands, questions and after-treatment reports, from the words of
 * knowledge/<locale>/conversation.json and the reader's question openers: no word of a
 * language here.
 */

const phraseLists = new WeakMap<object, string[][]>();
/** A list of phrases as word lists, compiled once per list. */
function compiled(phrases: readonly string[]): string[][] {
  let words = phraseLists.get(phrases);
  if (!words) phraseLists.set(phrases, (words = phrases.map(phraseWords)));
  return words;
}

const wordsOf = (text: string): Token[] => tokenize(text).filter((token) => token.boundary === undefined);

interface CommandPhrases {
  /** Whole messages, folded, and the command each is. */
  exact: ReadonlyMap<string, Command>;
  /** Openings that may be followed by anything ("connect me ..."). */
  open: readonly [string, Command][];
  polite: ReadonlySet<string>;
}

const commandPhrases = new WeakMap<Reader, CommandPhrases>();
function commandsOf(reader: Reader): CommandPhrases {
  let known = commandPhrases.get(reader);
  if (!known) {
    const { commands, politeness } = reader.compiled.knowledge.conversation;
    const exact = new Map<string, Command>();
    const open: [string, Command][] = [];
    for (const [command, phrases] of Object.entries(commands) as [Command, string[]][]) {
      for (const phrase of phrases) {
        if (phrase.endsWith(' *')) open.push([foldedWords(phrase.slice(0, -2)), command]);
        else if (!exact.has(foldedWords(phrase))) exact.set(foldedWords(phrase), command);
      }
    }
    commandPhrases.set(reader, (known = { exact, open, polite: new Set(politeness) }));
  }
  return known;
}

/** A command, when the whole message is one ("forget me", "please help"); politeness around it changes nothing. */
export function detectCommand(text: string, reader: Reader): Command | undefined {
  const { exact, open, polite } = commandsOf(reader);
  let words = foldedWords(text).split(' ');
  while (words.length > 1 && polite.has(words[0]!)) words = words.slice(1);
  while (words.length > 1 && polite.has(words[words.length - 1]!)) words = words.slice(0, -1);
  const said = words.join(' ');
  return exact.get(said) ?? open.find(([opening]) => said.startsWith(`${opening} `))?.[1];
}

/**
 * A question rather than an answer: it ends with "?", or a sentence or clause of it opens like
 * one (a question opener of the reader's data), after any filler ("so can I...", "dark patches
 * after a session, can I treat them at home").
 */
export function looksLikeQuestion(text: string, reader: Reader): boolean {
  if (endsWithQuestionMark(text)) return true;
  const openers = reader.compiled.triggers
    .filter((trigger) => trigger.sentenceStart && trigger.flags.includes('question'))
    .flatMap((trigger) => compiled(trigger.phrases));
  const tokens = tokenize(text);
  let start = true;
  for (let at = 0; at < tokens.length; at++) {
    const token = tokens[at]!;
    if (token.boundary !== undefined) {
      start = true;
      continue;
    }
    if (!start) continue;
    if (longestPhraseAt(tokens, at, openers) > 0) return true;
    // "so", "ok", "and" before the opener change nothing
    const leadIn = longestPhraseAt(tokens, at, compiled(reader.compiled.knowledge.conversation.questionLeadIns));
    if (leadIn > 0) at += leadIn - 1;
    start = leadIn > 0;
  }
  return false;
}

/** Some phrase of the compiled `phrases` starts at a word from `from` on. */
function longestPhraseAfter(words: readonly Token[], phrases: readonly (readonly string[])[], from: number): boolean {
  for (let at = from; at < words.length; at++) if (longestPhraseAt(words, at, phrases) > 0) return true;
  return false;
}

/** Some phrase of `phrases` starts at a word from `from` on. */
function findPhrase(words: readonly Token[], phrases: readonly string[], from = 0): number | undefined {
  const list = compiled(phrases);
  for (let at = from; at < words.length; at++) {
    const length = longestPhraseAt(words, at, list);
    if (length > 0) return at + length;
  }
  return undefined;
}

interface ReportPhrases {
  had: string[][];
  after: string[][];
  procedures: string[][];
  /** A procedure, or a word for the treatment done ("session", "it done"). */
  treatment: string[][];
  articles: ReadonlySet<string>;
}

const reportPhrases = new WeakMap<Reader, ReportPhrases>();
function reportOf(reader: Reader): ReportPhrases {
  let known = reportPhrases.get(reader);
  if (!known) {
    const report = reader.compiled.knowledge.conversation.treatmentReport;
    known = {
      had: report.had.map(phraseWords),
      after: report.after.map(phraseWords),
      procedures: report.procedures.map(phraseWords),
      treatment: [...report.procedures, ...report.done].map(phraseWords),
      articles: new Set(report.articles),
    };
    reportPhrases.set(reader, known);
  }
  return known;
}

/** An `after` word, perhaps an article, then one of `what` ("after my session", "since the microneedling"). */
function afterOneOf(words: readonly Token[], phrases: ReportPhrases, what: readonly (readonly string[])[]): boolean {
  for (let at = 0; at < words.length; at++) {
    const length = longestPhraseAt(words, at, phrases.after);
    if (length === 0) continue;
    const next = phrases.articles.has(words[at + length]?.text ?? '') ? at + length + 1 : at + length;
    if (longestPhraseAt(words, next, what) > 0) return true;
  }
  return false;
}

/** "after my session", "since the microneedling": something said to come after a treatment. */
export function saysAfterTreatment(text: string, reader: Reader): boolean {
  const phrases = reportOf(reader);
  return afterOneOf(wordsOf(text), phrases, phrases.treatment);
}

/**
 * "I had it done yesterday and my face is red": someone reporting how their skin is after a
 * session. A sign or reaction the reader finds (not negated) is required, so "I had it done 3
 * weeks ago" in answer to the last-session question stays an answer.
 */
export function isAfterTreatmentReport(text: string, reader: Reader): boolean {
  const report = reader.compiled.knowledge.conversation.treatmentReport;
  const phrases = reportOf(reader);
  const words = wordsOf(text);
  const had = findPhrase(words, report.had);
  const hadTreatment = had !== undefined && longestPhraseAfter(words, phrases.treatment, had);
  const afterProcedure = afterOneOf(words, phrases, phrases.procedures);
  if (!hadTreatment && !afterProcedure) return false;
  const reading = read(text, reader);
  const symptom = reading.findings.some((finding) => (finding.kind === 'sign' || finding.kind === 'after') && !finding.negated);
  return symptom || findPhrase(words, report.skinWords) !== undefined;
}

/**
 * What a message says back to an emergency or urgent instruction ("it's probably fine", "do I
 * really need to call", "can't I just wait"), from conversation.json `underInstruction`: the
 * first kind in `pushbacks` order with a phrase in the message; undefined when none has one.
 */
export function readPushback(text: string, reader: Reader): Pushback | undefined {
  const words = wordsOf(text);
  const said = reader.compiled.knowledge.conversation.underInstruction;
  return pushbacks.find((kind) => findPhrase(words, said[kind]) !== undefined);
}
