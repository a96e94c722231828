import { expect } from 'chai';

import { loadKnowledgeBase } from '../../src/knowledge/index.js';
import { IN_SCOPE } from './answer-cases.js';

describe('knowledge retrieval (search)', () => {
  const kb = loadKnowledgeBase();

  // The accuracy tables (150+ paraphrases, 80+ out of scope) run through answerQuestion: answer-question.test.ts.
  it('finds the entry that lists a question, whatever the ranking', () => {
    for (const entry of kb.entries) for (const q of entry.questions) expect(kb.search(q)?.entry.id, q).to.equal(entry.id);
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
    expect(kb.analysis.analyse('constructor valueOf toString hasOwnProperty __proto__')).to.deep.equal([
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
