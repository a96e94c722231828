import { expect } from 'chai';
import fc from 'fast-check';
import { readRedFlags } from '../../../src/understanding/reader/index.js';
import { reader } from './helpers.js';

/**
 * Issue 27: a warning sign is read from its parts, wherever they stand in a short sentence and
 * however they are typed. Properties over hand-written signs (not derived from the data): words
 * put between the parts, the parts swapped around, a letter swapped within the allowed distance,
 * never lose the sign; a negated sign or someone else's never escalates; someone else's, now,
 * always gives the instruction for them.
 */

interface Sign {
  /** The two parts of the sign, as a person might type them. */
  parts: [string, string];
  rule: string;
  outcome: 'emergency' | 'urgent';
}

const signs: Sign[] = [
  { parts: ['lips', 'swollen'], rule: 'R-RF-ANAPHYLAXIS', outcome: 'emergency' },
  { parts: ['tongue', 'swelling'], rule: 'R-RF-ANAPHYLAXIS', outcome: 'emergency' },
  { parts: ['throat', 'tight'], rule: 'R-RF-ANAPHYLAXIS', outcome: 'emergency' },
  { parts: ['breathing', 'hard'], rule: 'R-RF-ANAPHYLAXIS', outcome: 'emergency' },
  { parts: ['swallowing', 'difficult'], rule: 'R-RF-ANAPHYLAXIS', outcome: 'emergency' },
  { parts: ['face', 'ballooned'], rule: 'R-RF-ANAPHYLAXIS', outcome: 'emergency' },
  { parts: ['feeling', 'faint'], rule: 'R-RF-ANAPHYLAXIS', outcome: 'emergency' },
  { parts: ['redness', 'spreading'], rule: 'R-RF-INFECTION', outcome: 'urgent' },
  { parts: ['pain', 'worse'], rule: 'R-RF-INFECTION', outcome: 'urgent' },
  { parts: ['cheeks', 'swollen'], rule: 'R-RF-INFECTION', outcome: 'urgent' },
  { parts: ['vision', 'blurry'], rule: 'R-RF-EYE', outcome: 'urgent' },
  { parts: ['eye', 'stinging'], rule: 'R-RF-EYE', outcome: 'urgent' },
];

/** Words that change nothing about a sign: fillers and intensifiers, as people type them. */
const between = [
  'really',
  'very',
  'so',
  'quite',
  'super',
  'literally',
  'honestly',
  'totally',
  'like',
  'all',
  'now',
  'rn',
  'omg',
  'is',
  'are',
  'has',
  'been',
  'getting',
  'feels',
  'gone',
];

const sentenceOf = (first: string, words: string[], second: string) => ['my', first, ...words, second].join(' ');

describe('clinical reader: warning signs from their parts (properties)', () => {
  it('words put between the parts, in either order, never lose the sign', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...signs),
        fc.array(fc.constantFrom(...between), { maxLength: 5 }),
        fc.boolean(),
        (sign, words, reversed) => {
          const [a, b] = reversed ? [sign.parts[1], sign.parts[0]] : sign.parts;
          const sentence = sentenceOf(a, words, b);
          expect(readRedFlags(sentence, reader).ruleIds, sentence).to.include(sign.rule);
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('two neighbouring letters swapped in a part of five letters or more never lose the sign', () => {
    fc.assert(
      fc.property(fc.constantFrom(...signs), fc.nat(), fc.nat(), (sign, which, at) => {
        const index = sign.parts[0].length >= 5 && (which % 2 === 0 || sign.parts[1].length < 5) ? 0 : 1;
        const word = sign.parts[index];
        fc.pre(word.length >= 5);
        const i = at % (word.length - 1);
        const typed = `${word.slice(0, i)}${word[i + 1]}${word[i]}${word.slice(i + 2)}`;
        const parts = [...sign.parts];
        parts[index] = typed;
        const sentence = sentenceOf(parts[0]!, ['is', 'really'], parts[1]!);
        expect(readRedFlags(sentence, reader).ruleIds, sentence).to.include(sign.rule);
      }),
      { numRuns: 2_000 },
    );
  });

  it('a letter doubled or one of a double dropped never loses the sign', () => {
    fc.assert(
      fc.property(fc.constantFrom(...signs), fc.nat(), fc.boolean(), (sign, at, first) => {
        const index = first ? 0 : 1;
        const word = sign.parts[index];
        const i = at % word.length;
        const doubled = word[i] === word[i + 1] ? `${word.slice(0, i)}${word.slice(i + 1)}` : `${word.slice(0, i + 1)}${word.slice(i)}`;
        const parts = [...sign.parts];
        parts[index] = doubled;
        const sentence = sentenceOf(parts[0]!, ['so'], parts[1]!);
        expect(readRedFlags(sentence, reader).ruleIds, sentence).to.include(sign.rule);
      }),
      { numRuns: 2_000 },
    );
  });

  it('a negated sign never escalates', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...signs),
        fc.constantFrom('no', 'not', 'I have no', "I don't have", 'without any', 'never had', 'there is no'),
        fc.array(fc.constantFrom('really', 'very', 'so', 'at all'), { maxLength: 2 }),
        (sign, negation, words) => {
          const sentence = [negation, sign.parts[0], ...words, sign.parts[1]].join(' ');
          expect(['emergency', 'urgent'], sentence).not.to.include(readRedFlags(sentence, reader).decision);
        },
      ),
      { numRuns: 1_000 },
    );
  });

  const people = ['my friend', 'my mum', 'my sister', 'my husband', 'my son', 'my girlfriend', 'my flatmate'];

  it("someone else's sign never escalates for the person, and now gives the instruction for them", () => {
    fc.assert(
      fc.property(fc.constantFrom(...signs), fc.constantFrom(...people), fc.boolean(), (sign, person, possessive) => {
        // "my sister's lips are swollen", "my sister: lips really swollen"
        const sentence = possessive
          ? `${person}'s ${sign.parts[0]} is really ${sign.parts[1]}`
          : `${person} has ${sign.parts[0]} really ${sign.parts[1]}`;
        const result = readRedFlags(sentence, reader);
        expect(['emergency', 'urgent'], sentence).not.to.include(result.decision);
        expect(result.forSomeoneElse?.outcome, sentence).to.equal(sign.outcome);
      }),
      { numRuns: 1_000 },
    );
  });

  it("someone else's sign in the past, imagined or denied gives no instruction", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...signs),
        fc.constantFrom(...people),
        fc.constantFrom('what if {p} gets {a} {b}', '{p} had {a} {b} last year', "{p} doesn't have {a} {b}", '{p} used to get {a} {b}'),
        (sign, person, template) => {
          const sentence = template.replace('{p}', person).replace('{a}', sign.parts[0]).replace('{b}', sign.parts[1]);
          const result = readRedFlags(sentence, reader);
          expect(result.forSomeoneElse, sentence).to.equal(undefined);
          expect(['emergency', 'urgent'], sentence).not.to.include(result.decision);
        },
      ),
      { numRuns: 1_000 },
    );
  });
});
