import { expect } from 'chai';

import { loadKnowledgeBase } from '../../src/knowledge/index.js';
import { analyse, foldForComparison } from '../../src/knowledge/text.js';
import { IN_SCOPE, OUT_OF_SCOPE } from './retrieval-cases.js';

const REQUIRED_ACCURACY = 0.9;

describe('knowledge retrieval (search)', () => {
  const kb = loadKnowledgeBase();

  it("is tested with questions worded differently from the entries' own variants", () => {
    // Otherwise the accuracy would measure lookup, not retrieval.
    const variants = new Set(kb.entries.flatMap((e) => e.questions.map(foldForComparison)));
    const copies = IN_SCOPE.map(([q]) => q).filter((q) => variants.has(foldForComparison(q)));
    expect(copies, 'test questions that equal a KB variant').to.deep.equal([]);
    expect(IN_SCOPE.length).to.be.at.least(60);
    expect(OUT_OF_SCOPE.length).to.be.at.least(15);
  });

  it('every expected entry id exists', () => {
    const unknown = IN_SCOPE.filter(([, id]) => !kb.entryById(id));
    expect(unknown).to.deep.equal([]);
  });

  it(`finds the right entry first for at least ${REQUIRED_ACCURACY * 100}% of paraphrased questions`, () => {
    const misses: string[] = [];
    for (const [question, expected] of IN_SCOPE) {
      const hit = kb.search(question);
      if (hit?.entry.id !== expected) misses.push(`"${question}": expected ${expected}, got ${hit?.entry.id ?? 'no answer'}`);
    }
    const correct = IN_SCOPE.length - misses.length;
    console.log(`      KB retrieval accuracy: ${correct}/${IN_SCOPE.length} = ${((100 * correct) / IN_SCOPE.length).toFixed(1)}%`);
    for (const miss of misses) console.log(`        miss: ${miss}`);
    expect(correct / IN_SCOPE.length, misses.join('\n')).to.be.at.least(REQUIRED_ACCURACY);
  });

  it('gives no answer to any out-of-scope question', () => {
    const answered = OUT_OF_SCOPE.map((q) => [q, kb.search(q)?.entry.id] as const).filter(([, id]) => id !== undefined);
    console.log(`      KB out-of-scope rejected: ${OUT_OF_SCOPE.length - answered.length}/${OUT_OF_SCOPE.length}`);
    expect(answered).to.deep.equal([]);
  });

  it('tolerates typos and plural forms', () => {
    expect(kb.search('what is microneedeling')?.entry.id).to.equal('what-is-microneedling');
    expect(kb.search('how many session do i need')?.entry.id).to.equal('results-and-sessions');
    expect(kb.search('how many sessions do i need')?.entry.id).to.equal('results-and-sessions');
    expect(kb.search('does it help wrinkels')?.entry.id).to.equal('concern-fine-lines-wrinkles');
    expect(kb.search('derma-roller at home?')?.entry.id).to.equal('at-home-use');
  });

  it('returns an entry of the knowledge base with a score, or null; never composed text', () => {
    const hit = kb.search('does it hurt');
    expect(hit).to.not.equal(null);
    expect(kb.entries).to.include(hit!.entry);
    expect(hit!.score).to.be.a('number').and.greaterThan(0);
    for (const empty of ['', '   ', '???', 'the and of']) expect(kb.search(empty), empty).to.equal(null);
  });

  it('reads words that are names of Object.prototype members as words (found by the fuzz suite)', () => {
    // "constructor" once looked up Object.prototype.constructor in the canonical-word table and the turn failed.
    expect(analyse('constructor valueOf toString hasOwnProperty __proto__')).to.deep.equal([
      'constructor',
      'valueof',
      'tostr',
      'hasownproperty',
      'proto',
    ]);
    for (const question of ['does it hurt? constructor', 'what is the constructor of a derma roller', '__proto__ toString']) {
      expect(() => kb.search(question), question).to.not.throw();
    }
  });

  it('is deterministic', () => {
    const again = loadKnowledgeBase();
    for (const [question] of IN_SCOPE) expect(again.search(question)?.entry.id).to.equal(kb.search(question)?.entry.id);
  });
});
