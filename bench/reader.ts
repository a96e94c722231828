/**
 * Cost of reading per message: the clinical reader over the hand-written phrasing corpus, the
 * whole reading a turn does on one message (red-flag watch, commands, listening, the pending
 * question, the guide's search), and hostile messages of 20,000 characters, of which the bot
 * reads the first MAX_READ_LENGTH. Prints figures; asserts nothing (timing belongs here, not in
 * unit tests).
 *
 *   npm run bench:reader
 */
import { answerQuestion, loadKnowledgeBase } from '../src/knowledge/index.js';
import { loadRuleTable } from '../src/safety/index.js';
import { readConcerns } from '../src/understanding/concerns.js';
import { detectCommand, isAfterTreatmentReport, looksLikeQuestion } from '../src/understanding/intents.js';
import { namedAnswers } from '../src/understanding/question-answers.js';
import {
  MAX_READ_LENGTH,
  createReader,
  read,
  readablePart,
  readAge,
  readRedFlags,
  readScreeningAnswers,
  readYesNo,
  type Reader,
} from '../src/understanding/reader/index.js';
import { warmUpRecognizers } from '../src/bot/warm-up.js';
import { knowledge, policy, reader, today } from '../test/understanding/reader/helpers.js';
import { redFlagPhrasings } from '../test/understanding/reader/red-flag-phrasings.js';
import { findingPhrasings, screeningPhrasings } from '../test/understanding/reader/reading-phrasings.js';

const corpus = [
  ...redFlagPhrasings.map(([text]) => text),
  ...findingPhrasings.map(([text]) => text),
  ...screeningPhrasings.map(([text]) => text),
];
const kb = loadKnowledgeBase(undefined, reader);
const rules = loadRuleTable();

/** Everything a turn reads in one message, whichever question is pending (the pure part of dialogs/interruptions.ts and the prompts). */
function turnReading(message: string, active: Reader): void {
  const text = readablePart(message);
  // the red-flag watch reads the whole message (its unread rest by sign passages), the rest of the turn the first part
  readRedFlags(message, active);
  detectCommand(text, reader);
  isAfterTreatmentReport(text, active);
  namedAnswers(text, { reader: active, today });
  if (looksLikeQuestion(text, reader)) answerQuestion(text, { answers: {} }, { kb, rules, today });
  readScreeningAnswers(text, active, { referenceDate: today, pending: ['pregnantOrBreastfeeding'] });
  readAge(text, active, today, { expectingAge: true });
  readConcerns(text, active);
  readYesNo(text, active);
}

function perMessage(label: string, texts: readonly string[], run: (text: string, active: Reader) => unknown, rounds: number): void {
  for (const text of texts.slice(0, 50)) run(text, reader); // warm up (JIT)
  const times: number[] = [];
  for (let round = 0; round < rounds; round++) {
    // a reader of its own each round: a turn's reading is cached per reader and text
    const active = createReader(knowledge, policy);
    for (const text of texts) {
      const started = process.hrtime.bigint();
      run(text, active);
      times.push(Number(process.hrtime.bigint() - started) / 1000);
    }
  }
  times.sort((a, b) => a - b);
  const at = (share: number) => times[Math.min(times.length - 1, Math.floor(share * times.length))]!.toFixed(1);
  const mean = (times.reduce((sum, time) => sum + time, 0) / times.length).toFixed(1);
  console.log(
    `${label.padEnd(44)} n=${String(times.length).padStart(6)}  mean ${mean.padStart(8)} µs  ` +
      `p50 ${at(0.5).padStart(8)} µs  p99 ${at(0.99).padStart(9)} µs  max ${at(1).padStart(9)} µs`,
  );
}

const LONG = 20_000;
const fill = (unit: string) => unit.repeat(Math.ceil(LONG / unit.length)).slice(0, LONG);
const hostile: [string, string][] = [
  ['"no " repeated', fill('no ')],
  ['one word of 20,000 letters', 'a'.repeat(LONG)],
  ['"swollen lips, " repeated', fill('swollen lips, ')],
  ['"fever? " repeated', fill('fever? ')],
  ['unknown words (typo search)', fill(Array.from({ length: 97 }, (_, i) => `zqxw${i.toString(36)}lm`).join(' ') + ' ')],
  ['"39 degrees 2 weeks ago " repeated', fill('39 degrees 2 weeks ago ')],
  ['"is it painful " repeated (a question)', fill('is it painful ')],
  ['a sentence about skin repeated', fill('my skin is a bit red and I wonder about pores, scars and what the treatment does. ')],
  ['"not no " repeated', fill('not no ')],
  ['digits and number words', fill('one hundred and 1 point 5 ')],
];

warmUpRecognizers();
console.log(`reading bench, ${corpus.length} phrasings, Node ${process.version}, messages read up to ${MAX_READ_LENGTH} characters`);
perMessage('read (findings, context, unplaced)', corpus, (text, active) => read(text, active), 10);
perMessage('readRedFlags', corpus, (text, active) => readRedFlags(text, active), 10);
perMessage(
  'readScreeningAnswers (incl. dates, ages)',
  corpus,
  (text, active) => readScreeningAnswers(text, active, { referenceDate: today }),
  3,
);
perMessage("a turn's whole reading of one message", corpus, turnReading, 3);
for (const [label, text] of hostile) {
  const times: number[] = [];
  for (let round = 0; round < 5; round++) {
    const active = createReader(knowledge, policy);
    const started = process.hrtime.bigint();
    turnReading(text, active);
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  times.sort((a, b) => a - b);
  console.log(
    `20,000 chars, ${label.padEnd(40)} a turn's reading: median ${times[2]!.toFixed(1).padStart(6)} ms, max ${times[4]!.toFixed(1).padStart(6)} ms`,
  );
}
