/**
 * How long the red-flag watch takes per message: it runs on every message a person sends.
 * Usage: tsx bench/red-flags.ts
 */
import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import { knowledgeDir } from '../src/paths.js';
import { createReader, loadReaderKnowledge, readRedFlags } from '../src/understanding/reader/index.js';

const reader = createReader(loadReaderKnowledge(join(knowledgeDir, 'en')));
const messages = [
  "I'm 34",
  'my pores and acne scars',
  'I stopped Accutane in May',
  'I had it done yesterday and my face is red',
  'no fever and no pus',
  "my lips are swelling and I can't breathe",
  'there is pus and it hurts more every day',
  'how many sessions will I need?',
  'x'.repeat(2000),
];
for (let i = 0; i < 1000; i++) for (const message of messages) readRedFlags(message, reader);
const rounds = 2_000;
const began = performance.now();
for (let i = 0; i < rounds; i++) for (const message of messages) readRedFlags(message, reader);
const perMessageUs = ((performance.now() - began) * 1000) / (rounds * messages.length);
const hostile = `${'no '.repeat(20_000)}${'a'.repeat(50_000)} ${'swollen lips, '.repeat(2_000)}`;
const hostileBegan = performance.now();
readRedFlags(hostile, reader);
console.log(
  `red-flag watch: ${perMessageUs.toFixed(1)} µs per message (mean of ${rounds * messages.length}); hostile 136 KB input: ${(performance.now() - hostileBegan).toFixed(1)} ms`,
);
