import { expect } from 'chai';
import { allowedEdits, boundedDistance, read, tokenize } from '../../../src/understanding/reader/index.js';
import { reader } from './helpers.js';

describe('clinical reader: normaliser and spelling tolerance', () => {
  const tokens: [string, string[]][] = [
    ['Don’t', ['dont']],
    ['BREAST-FEEDING', ['breast', 'feeding']],
    ['Éczéma', ['eczema']],
    ['39°C', ['39', 'deg', 'c']],
    ['38.5c', ['38.5', 'c']],
    ['fever?no', ['fever', '?', 'no']],
    ['fever: none', ['fever', ':', 'none']],
    ['a, b - c', ['a', ',', 'b', ',', 'c']],
    ['hives!!! 😷 help', ['hives', '.', 'help']],
    ['eczema & keloids', ['eczema', 'and', 'keloids']],
  ];
  const mark = { strong: '.', question: '?', label: ':', weak: ',' } as const;
  for (const [text, expected] of tokens) {
    it(`tokenizes ${JSON.stringify(text)}`, () => {
      expect(tokenize(text).map((token) => (token.boundary ? mark[token.boundary] : token.text))).to.deep.equal(expected);
    });
  }

  it('keeps offsets into the message as written', () => {
    const { findings } = read('My lips are SWOLLEN!', reader);
    const swelling = findings.find((finding) => finding.concept === 'airway-swelling')!;
    expect(swelling.span).to.deep.equal({ start: 3, end: 19, text: 'lips are SWOLLEN' });
  });

  const edits: [number, number][] = [
    [3, 0],
    [4, 0],
    [5, 1],
    [7, 1],
    [8, 2],
    [12, 2],
  ];
  for (const [length, allowed] of edits)
    it(`allows ${allowed} edits for ${length} letters`, () => expect(allowedEdits(length)).to.equal(allowed));

  const distances: [string, string, number][] = [
    ['fever', 'never', 1],
    ['exzema', 'eczema', 1],
    ['breath', 'breathe', 1],
    ['cnat', 'cant', 1],
    ['psoraisis', 'psoriasis', 1],
    ['pregnent', 'pregnant', 1],
    ['keloid', 'kelp', 3],
  ];
  for (const [a, b, distance] of distances) {
    it(`counts ${a} -> ${b} as ${distance}`, () => expect(boundedDistance(a, b, 2)).to.equal(Math.min(distance, 3)));
  }

  it('never reads a short or known word as a typo: fever/never, lisp/lips', () => {
    expect(read('never', reader).findings).to.deep.equal([]);
    expect(read('I lisp', reader).findings.map((finding) => finding.concept)).to.deep.equal([]);
    expect(read('fewer', reader).findings).to.deep.equal([]);
  });
});
