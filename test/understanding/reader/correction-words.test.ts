import { expect } from 'chai';
import { read } from '../../../src/understanding/reader/index.js';
import { reader } from './helpers.js';

/**
 * The words people correct themselves with ("sorry, I typed my age wrong") carry no finding:
 * they are filler words of knowledge/en/reader-triggers.json, so a correction is not met with
 * "I couldn't place part of what you wrote". One sentence per word: deleting a word from the
 * filler list fails its test ("correct", "change" and "instead" the reader knows otherwise).
 */
const corrections: Array<[word: string, sentence: string]> = [
  ['wait', "wait, I'm 16"],
  ['typed', "sorry I typed my age badly, I'm 16"],
  ['wrong', "I said it wrong, I'm 16"],
  ['mistake', "my mistake, I'm 16"],
  ['mistyped', "I mistyped, I'm 16"],
  ['typo', "typo, I'm 16"],
  ['meant', "I meant I'm 16"],
  ['correct', "to correct that, I'm 16"],
  ['correction', "correction: I'm 16"],
  ['change', "change that, I'm 16"],
  ['instead', "I'm 16 instead"],
  ['earlier', "earlier I said 61, I'm 16"],
  ['forgot', "I forgot, I'm 16"],
  ['mention', "forgot to mention I'm 16"],
  ['mentioned', "I mentioned 61 but I'm 16"],
  ['btw', "btw I'm 16"],
  ['oops', "oops, I'm 16"],
];

describe('Correction words are no unplaced words', () => {
  for (const [word, sentence] of corrections) {
    it(`"${word}": ${sentence}`, () => {
      const unplaced = read(sentence, reader).unplaced.map((span) => span.text);
      expect(unplaced, `unplaced in "${sentence}"`).to.not.include(word);
      expect(unplaced.join(' ')).to.not.match(new RegExp(`\\b${word}\\b`));
    });
  }
});
