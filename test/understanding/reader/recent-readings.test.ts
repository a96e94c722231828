import { expect } from 'chai';
import { join } from 'node:path';
import { knowledgeDir } from '../../../src/paths.js';
import { createReader, loadReaderKnowledge, read } from '../../../src/understanding/reader/index.js';
import { testReader } from '../test-reader.js';

/** A turn reads one message several times; the reading is made once and shared, unchangeable. */
describe('reader: the readings of recent messages', () => {
  const text = "I'm 34 and had a cold sore last week, not sure about the rest";

  it('reads a message once: the same text again gives the same reading', () => {
    expect(read(text, testReader())).to.equal(read(text, testReader()));
  });

  it('gives a reading nobody can change (a change would alter what the next caller reads)', () => {
    const reading = read(text, testReader());
    expect(Object.isFrozen(reading)).to.equal(true);
    expect(reading.findings.length).to.be.greaterThan(0);
    expect(() => (reading.findings as unknown[]).push({})).to.throw(TypeError);
    expect(() => {
      (reading.findings[0] as { negated: boolean }).negated = true;
    }).to.throw(TypeError);
  });

  it('keeps only the last few messages: an older one is read afresh, to the same result', () => {
    const first = read(text, testReader());
    for (let i = 0; i < 8; i++) read(`other message ${i}`, testReader());
    const again = read(text, testReader());
    expect(again).to.not.equal(first);
    expect(again).to.deep.equal(first);
  });

  it('keeps the readings of each reader apart (a reader compiled from other knowledge reads afresh)', () => {
    const other = createReader(loadReaderKnowledge(join(knowledgeDir, 'en')));
    expect(read(text, other)).to.not.equal(read(text, testReader()));
    expect(read(text, other)).to.deep.equal(read(text, testReader()));
  });
});
