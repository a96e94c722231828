import { expect } from 'chai';
import { holdsBodyWord, needsWarningSignCheck } from '../../src/understanding/safety-net.js';
import { testReader } from './test-reader.js';

/**
 * The safety net's first test: a word of the body or of feeling unwell (recall first), and not
 * an everyday word that only starts like one ("number" is not "numb", "cheeky" not "cheek").
 */
const reader = testReader();

const words: [string, boolean][] = [
  ['my elbow is sore', true],
  ['got a numb patch on my chin', true],
  ['pins and needles in my fingers', true],
  ['my tummy feels off', true],
  ['feeling kinda shaky and sick', true],
  ['my throat feels odd', true],
  ['my number is 07700 900123', false],
  ['cheeky question about prices', false],
  ['I love painting', false],
  ['a ribbon of text', false],
  ['chilling at home today', false],
  ['at a clinic please', false],
];

const net: [string, boolean, boolean][] = [
  // text, the pending question asks about symptoms, the net fires
  ['my elbow hurts a bit', false, true],
  ['it hurts', false, true],
  ['it hurts', true, false],
  ['my ears feel funny', true, true],
  ['no, not pregnant', false, false],
  // "rash" alone is a part of no sign the reader can place: asked about, whoever it is (recall first)
  ['my sister has a rash', false, true],
  ['my sister has eczema', false, false],
  ['is it painful', false, true],
];

describe('Safety net: body and symptom words', () => {
  for (const [text, expected] of words) {
    it(`${JSON.stringify(text)} ${expected ? 'holds' : 'holds no'} body or symptom word`, () =>
      expect(holdsBodyWord(text, reader)).to.equal(expected));
  }
  for (const [text, symptomsAnswer, expected] of net) {
    it(`${JSON.stringify(text)}${symptomsAnswer ? ' (symptoms asked)' : ''}: ${expected ? 'the warning-sign question first' : 'no net'}`, () =>
      expect(needsWarningSignCheck(text, reader, { symptomsAnswer })).to.equal(expected));
  }
});
