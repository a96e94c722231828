import { expect } from 'chai';
import fc from 'fast-check';
import { createReader, read, readRedFlags, readScreeningAnswers, type RedFlagReading } from '../../../src/understanding/reader/index.js';
import { copyKnowledge, knowledge, policy, reader, today } from './helpers.js';
import { redFlagPhrasings } from './red-flag-phrasings.js';

/** Properties of the reader that must hold for any phrasing, not just the ones in the tables. */

const severity = (result: RedFlagReading) => ({ none: 0, confirm: 1, urgent: 2, emergency: 3 })[result.decision];

const escalating = redFlagPhrasings.filter(([, expected]) => expected.startsWith('E:') || expected.startsWith('U:')).map(([text]) => text);
const words = (text: string) =>
  text
    .toLowerCase()
    .split(/[^a-z’']+/)
    .filter(Boolean);
const selfWords = new Set(['i', 'im', 'ive', 'me', 'myself', 'i’m', "i'm"]);
/** One clause about the person, with no comma, no "but" and no "I": a prefix then covers all of it. */
const oneClause = (text: string, stopWords: ReadonlySet<string>) =>
  !/[.!;?,:]/.test(text.trim().replace(/[.!?]+$/, '')) && !words(text).some((word) => stopWords.has(word) || selfWords.has(word));
const singleClause = escalating.filter((text) => oneClause(text, new Set(knowledge.triggers.terminators.all)));
/** ...and nothing that ends a negation's reach ("and", "my"): "no redness and a fever" keeps the fever on purpose. */
const negatable = escalating.filter((text) =>
  oneClause(text, new Set([...knowledge.triggers.terminators.all, ...(knowledge.triggers.terminators.byFlag.negated ?? [])])),
);
const negations = knowledge.triggers.triggers.find((trigger) => trigger.id === 'negation-before')!.phrases;

describe('clinical reader: properties', () => {
  it('has enough red-flag sentences to draw from', () => {
    expect(escalating.length).to.be.at.least(100);
    expect(singleClause.length).to.be.at.least(60);
    expect(negatable.length).to.be.at.least(40);
  });

  it('adding a negation never raises the severity (at the start, the end, or after any punctuation)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...escalating, ...redFlagPhrasings.map(([text]) => text)),
        fc.constantFrom(...negations),
        fc.nat(),
        (text, negation, at) => {
          // a negation added to one already there may make a double negative, which is never "no" (below)
          fc.pre(read(text, reader).findings.every((finding) => !finding.negated));
          const words = text.split(' ');
          // clause edges only: a word put inside a phrase ("last isnt week") breaks the phrase, it does not negate it
          const edges = [0, words.length, ...words.flatMap((word, index) => (/[,.:;?!]$/.test(word) ? [index + 1] : []))];
          const position = edges[at % edges.length]!;
          const negated = [...words.slice(0, position), negation, ...words.slice(position)].join(' ');
          expect(severity(readRedFlags(negated, reader)), negated).to.be.at.most(severity(readRedFlags(text, reader)));
        },
      ),
      { numRuns: 3_000 },
    );
  });

  it('a negation before a one-clause red-flag sentence never escalates', () => {
    fc.assert(
      fc.property(fc.constantFrom(...negatable), fc.constantFrom('no', 'not', "I don't have", 'without', 'never'), (text, negation) => {
        const result = readRedFlags(`${negation} ${text}`, reader);
        expect(['emergency', 'urgent'], `${negation} ${text}`).not.to.include(result.decision);
      }),
      { numRuns: 1_000 },
    );
  });

  it('prefixing "my friend" or "what if" to a red-flag sentence never escalates', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...singleClause),
        fc.constantFrom('my friend', 'my mum says', 'what if', 'my friend had', 'what if my'),
        (text, prefix) => {
          const sentence = `${prefix} ${text.charAt(0).toLowerCase()}${text.slice(1)}`;
          const result = readRedFlags(sentence, reader);
          expect(['emergency', 'urgent'], sentence).not.to.include(result.decision);
        },
      ),
      { numRuns: 1_000 },
    );
  });

  it('is deterministic: the same text gives the same reading, with a fresh reader too', () => {
    const fresh = createReader(copyKnowledge(), policy);
    fc.assert(
      fc.property(fc.oneof(fc.constantFrom(...redFlagPhrasings.map(([text]) => text)), fc.string({ maxLength: 80 })), (text) => {
        expect(read(text, fresh)).to.deep.equal(read(text, reader));
        expect(readRedFlags(text, fresh)).to.deep.equal(readRedFlags(text, reader));
        expect(readScreeningAnswers(text, fresh, { referenceDate: today })).to.deep.equal(
          readScreeningAnswers(text, reader, { referenceDate: today }),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('an unknown word next to a known one is always reported as unplaced', () => {
    const known = knowledge.terminology.concepts.flatMap((concept) => concept.terms.filter((term) => !term.includes('*')));
    const consonant = fc.constantFrom(...'bcdfghjklmnpqrstvwxz'.split(''));
    const unknown = fc.array(consonant, { minLength: 3, maxLength: 8 }).map((letters) => `zq${letters.join('')}`);
    fc.assert(
      fc.property(fc.constantFrom(...known), unknown, fc.boolean(), (term, word, before) => {
        const text = before ? `${word} ${term}` : `${term} ${word}`;
        const { unplaced, findings } = read(text, reader);
        expect(findings.length, text).to.be.greaterThan(0);
        expect(
          unplaced.map((span) => span.text),
          text,
        ).to.include(word);
      }),
      { numRuns: 2_000 },
    );
  });

  it('never throws, and a red flag at the end of a hostile message is still found', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
        const result = readRedFlags(text, reader);
        expect(['emergency', 'urgent', 'confirm', 'none']).to.include(result.decision);
      }),
      { numRuns: 2_000 },
    );
    const hostile = `${'no '.repeat(5_000)}${'a'.repeat(20_000)}. ${'fever? '.repeat(500)}. my lips are swollen`;
    expect(readRedFlags(hostile, reader).decision).to.equal('emergency');
  });
});
