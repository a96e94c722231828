import { expect } from 'chai';
import fc from 'fast-check';
import { detectRedFlags, type RedFlagResult } from '../../src/safety/index.js';

type Expected = null | { outcome: RedFlagResult['outcome']; includes: string };

const emergency = (ruleId: string): Expected => ({ outcome: 'emergency', includes: ruleId });
const urgent = (ruleId: string): Expected => ({ outcome: 'urgent', includes: ruleId });

/** What people write, and what the detector must make of it. */
const phrases: [string, Expected][] = [
  // emergency: anaphylaxis
  ["I can't breathe", emergency('R-RF-ANAPHYLAXIS')],
  ['I CANNOT BREATHE!!', emergency('R-RF-ANAPHYLAXIS')],
  ['i cant breath', emergency('R-RF-ANAPHYLAXIS')],
  ['having trouble breathing', emergency('R-RF-ANAPHYLAXIS')],
  ["It's hard to breathe", emergency('R-RF-ANAPHYLAXIS')],
  ['I am short of breath', emergency('R-RF-ANAPHYLAXIS')],
  ['my lips are swelling', emergency('R-RF-ANAPHYLAXIS')],
  ['My lips are swollen', emergency('R-RF-ANAPHYLAXIS')],
  ['swollen lips', emergency('R-RF-ANAPHYLAXIS')],
  ['my throat is closing', emergency('R-RF-ANAPHYLAXIS')],
  ['throat feels tight', emergency('R-RF-ANAPHYLAXIS')],
  ['tongue swelling', emergency('R-RF-ANAPHYLAXIS')],
  ['my tongue is swollen', emergency('R-RF-ANAPHYLAXIS')],
  ['my face is swelling up', emergency('R-RF-ANAPHYLAXIS')],
  ['I feel faint', emergency('R-RF-ANAPHYLAXIS')],
  ['I’m feeling faint and dizzy', emergency('R-RF-ANAPHYLAXIS')],
  ['I think I might pass out', emergency('R-RF-ANAPHYLAXIS')],
  ['no pain but my lips are swelling', emergency('R-RF-ANAPHYLAXIS')],
  ['no fever, but my lips are swelling', emergency('R-RF-ANAPHYLAXIS')],
  ["I'm fine. Wait, my tongue is swelling", emergency('R-RF-ANAPHYLAXIS')],
  ['not sure but I think my throat is closing', emergency('R-RF-ANAPHYLAXIS')],
  ['wheezing since the treatment', emergency('R-RF-ANAPHYLAXIS')],
  // emergency: sepsis (spreading redness with a systemic sign)
  ['I have a fever and the redness is spreading', emergency('R-RF-SEPSIS')],
  ['the redness is spreading and I have chills', emergency('R-RF-SEPSIS')],
  ['Spreading redness, I feel confused', emergency('R-RF-SEPSIS')],
  ['red area keeps spreading and my heart is racing', emergency('R-RF-SEPSIS')],
  ['high temperature and red streaks on my cheek', emergency('R-RF-SEPSIS')],
  ['the rash is spreading, I am shivering', emergency('R-RF-SEPSIS')],
  // urgent: infection
  ['there is pus on my cheek', urgent('R-RF-INFECTION')],
  ['yellow discharge from the spots', urgent('R-RF-INFECTION')],
  ['the pain is getting worse', urgent('R-RF-INFECTION')],
  ['it hurts more today than yesterday', urgent('R-RF-INFECTION')],
  ['increasing pain', urgent('R-RF-INFECTION')],
  ['the skin is hot and swollen', urgent('R-RF-INFECTION')],
  ['hot to the touch', urgent('R-RF-INFECTION')],
  ['the redness is spreading', urgent('R-RF-INFECTION')],
  ['I have a fever', urgent('R-RF-INFECTION')],
  ['I think I have a temperature', urgent('R-RF-INFECTION')],
  ['no pus and fever', urgent('R-RF-INFECTION')],
  ["I don't have a fever but the redness is spreading", urgent('R-RF-INFECTION')],
  ['not sure if it is pus', urgent('R-RF-INFECTION')],
  // urgent: eye
  ['my eye hurts', urgent('R-RF-EYE')],
  ['eye pain since this morning', urgent('R-RF-EYE')],
  ['blurred vision', urgent('R-RF-EYE')],
  ['my vision is blurry', urgent('R-RF-EYE')],
  ['my eyes are stinging a lot', urgent('R-RF-EYE')],
  ['seeing double', urgent('R-RF-EYE')],
  // urgent: cold sore after treatment
  ['new blisters around my mouth', urgent('R-RF-COLD-SORE')],
  ['a cold sore came up after the treatment', urgent('R-RF-COLD-SORE')],
  ['I got a cold sore since my session', urgent('R-RF-COLD-SORE')],
  ['blisters appeared on my chin', urgent('R-RF-COLD-SORE')],
  // harmless
  ['my face is red', null],
  ['My skin feels tight and a bit red', null],
  ['my face is a bit swollen', null],
  ['slightly swollen face this morning', null],
  ['it looks like a mild sunburn', null],
  ['I get cold sores sometimes', null],
  ['I have hay fever', null],
  ['how many sessions will I need?', null],
  ['Is it normal to be red and tight?', null],
  ['the skin around my mouth feels tight', null],
  ['my face is red but the redness is not spreading', null],
  ['hello', null],
  ['', null],
  // negated
  ['no fever', null],
  ["I don't have any swelling", null],
  ['not bleeding', null],
  ['no pus and no fever', null],
  ["I don't feel faint", null],
  ['no trouble breathing', null],
  ['my lips are not swollen', null],
  ["I haven't got a fever or chills", null],
  ['no eye pain', null],
  ['no new blisters', null],
  ['the pain is not getting worse', null],
  ['No swelling of my lips or tongue.', null],
  ['no longer feverish', null],
];

describe('red-flag detector', () => {
  it('has a table of at least 60 phrases', () => {
    expect(phrases.length).to.be.at.least(60);
  });

  for (const [text, expected] of phrases) {
    const label = expected === null ? 'no flag' : `${expected.outcome} ${expected.includes}`;
    it(`${JSON.stringify(text)} -> ${label}`, () => {
      const result = detectRedFlags(text);
      if (expected === null) {
        expect(result).to.equal(null);
      } else {
        expect(result?.outcome).to.equal(expected.outcome);
        expect(result?.ruleIds).to.include(expected.includes);
      }
    });
  }

  it('lists every red-flag rule that fired, the most severe first', () => {
    expect(detectRedFlags('I have a fever and the redness is spreading')).to.deep.equal({
      outcome: 'emergency',
      ruleIds: ['R-RF-SEPSIS', 'R-RF-INFECTION'],
    });
    expect(detectRedFlags('there is pus and I cannot breathe')?.ruleIds).to.deep.equal(['R-RF-ANAPHYLAXIS', 'R-RF-INFECTION']);
  });

  // Speed is measured in bench/red-flags.ts; here only that hostile input still gets an answer
  // (catastrophic backtracking would run into the test timeout).
  it('answers long and hostile input', () => {
    const hostile = `${'no '.repeat(20_000)}${'a'.repeat(50_000)} ${'swollen lips, '.repeat(2_000)}`;
    expect(detectRedFlags(hostile)?.outcome).to.equal('emergency');
  });

  it('never throws and always answers null or a valid flag (any text)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
        const result = detectRedFlags(text);
        if (result !== null) {
          expect(['emergency', 'urgent']).to.include(result.outcome);
          expect(result.ruleIds.length).to.be.at.least(1);
        }
      }),
      { numRuns: 2_000 },
    );
  });
});
