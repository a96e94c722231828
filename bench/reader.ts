/**
 * Cost of the clinical reader per message, over the hand-written phrasing corpus and over
 * hostile long input. Prints figures; asserts nothing (timing belongs here, not in unit tests).
 *
 *   npx tsx bench/reader.ts
 */
import { read, readRedFlags, readScreeningAnswers, type Reader } from '../src/understanding/reader/index.js';
import { reader, today } from '../test/understanding/reader/helpers.js';
import { redFlagPhrasings } from '../test/understanding/reader/red-flag-phrasings.js';
import { findingPhrasings, screeningPhrasings } from '../test/understanding/reader/reading-phrasings.js';

const corpus = [
  ...redFlagPhrasings.map(([text]) => text),
  ...findingPhrasings.map(([text]) => text),
  ...screeningPhrasings.map(([text]) => text),
];

function perMessage(label: string, texts: readonly string[], run: (text: string, active: Reader) => unknown, rounds: number): void {
  for (const text of texts.slice(0, 50)) run(text, reader); // warm up (JIT, recognizer models)
  const times: number[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const text of texts) {
      const started = process.hrtime.bigint();
      run(text, reader);
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

const hostile: [string, string][] = [
  ['"no " x 20,000 then a red flag', `${'no '.repeat(20_000)}my lips are swollen`],
  ['50,000 letters in one word', `${'a'.repeat(50_000)} cant breathe`],
  ['"swollen lips, " x 2,000', 'swollen lips, '.repeat(2_000)],
  ['"fever? " x 3,000', 'fever? '.repeat(3_000)],
  ['20,000 chars of unknown words (typo search)', Array.from({ length: 2_500 }, (_, i) => `zqxw${(i % 97).toString(36)}lm`).join(' ')],
  ['"39 degrees 2 weeks ago " x 1,000', '39 degrees 2 weeks ago '.repeat(1_000)],
];

console.log(`clinical reader bench, ${corpus.length} phrasings, Node ${process.version}`);
perMessage('read (findings, context, unplaced)', corpus, (text, active) => read(text, active), 20);
perMessage('readRedFlags', corpus, (text, active) => readRedFlags(text, active), 20);
perMessage(
  'readScreeningAnswers (incl. dates, ages)',
  corpus,
  (text, active) => readScreeningAnswers(text, active, { referenceDate: today }),
  5,
);
for (const [label, text] of hostile) {
  const started = process.hrtime.bigint();
  const result = readRedFlags(text, reader);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  console.log(
    `hostile: ${label.padEnd(46)} ${String(text.length).padStart(7)} chars  ${ms.toFixed(1).padStart(8)} ms  ` +
      `${((ms * 1000) / text.length).toFixed(2)} µs/char  -> ${result.decision}`,
  );
}
