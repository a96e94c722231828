import { expect } from 'chai';

import { loadKnowledgeBase } from '../../src/knowledge/index.js';

describe('concern matching (matchConcerns, by the clinical reader)', () => {
  const kb = loadKnowledgeBase();

  const cases: ReadonlyArray<readonly [string, string[]]> = [
    ['my pores and acne scars', ['large-pores', 'acne-scars']],
    ['acne scars and my pores', ['acne-scars', 'large-pores']],
    ["crow's feet", ['fine-lines-wrinkles']],
    ['Crow’s feet and some lines on my forehead', ['fine-lines-wrinkles']],
    ['wrinkles', ['fine-lines-wrinkles']],
    ['open pores on my nose', ['large-pores']],
    ['acne marks', ['acne-scars']],
    ['a lot of scarring', ['acne-scars']],
    ['dark spots and pigmentation', ['sun-damage-pigmentation']],
    ['sun spots', ['sun-damage-pigmentation']],
    ['saggy skin', ['sagging']],
    ['loose skin and jowls', ['sagging']],
    [
      'everything: lines, scars, sun damage, sagging and pores',
      ['fine-lines-wrinkles', 'acne-scars', 'sun-damage-pigmentation', 'sagging', 'large-pores'],
    ],
    // Typos
    ['wrinkels and pigmantation', ['fine-lines-wrinkles', 'sun-damage-pigmentation']],
    // "acne scarrs" is not read yet: the reader allows no typo in a five-letter word (its data, reported to its owner)
    // Negations
    ["I don't have wrinkles but my pores are huge", ['large-pores']],
    ['no scars, just dark spots', ['sun-damage-pigmentation']],
    // Nothing
    ['hello', []],
    ['poor skin', []],
    ['stretch marks', []],
    ['', []],
  ];

  for (const [text, expected] of cases) {
    it(`"${text}" -> [${expected.join(', ')}]`, () => {
      expect(kb.matchConcerns(text)).to.deep.equal(expected);
    });
  }

  it('only returns the fixed concern ids', () => {
    const ids = new Set(kb.concerns.map((c) => c.id));
    for (const synonym of kb.concerns.flatMap((c) => c.synonyms)) {
      for (const id of kb.matchConcerns(synonym)) expect(ids.has(id), synonym).to.equal(true);
    }
  });

  it('recognises each synonym as its own concern', () => {
    for (const concern of kb.concerns) {
      for (const synonym of concern.synonyms) expect(kb.matchConcerns(synonym), synonym).to.deep.equal([concern.id]);
    }
  });
});
