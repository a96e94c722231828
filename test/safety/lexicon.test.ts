import { expect } from 'chai';
import fc from 'fast-check';
import { extractAnswers, extractAnswersDetailed, screeningAnswersSchema, type AnswerPatch } from '../../src/safety/index.js';

/** What people write, and the answers the lexicon proposes (exactly; unmentioned fields stay out). */
const phrases: [string, AnswerPatch][] = [
  // pregnancy
  ["I'm pregnant and I have rosacea", { pregnantOrBreastfeeding: 'yes', rosacea: 'yes' }],
  ["I'm not pregnant", { pregnantOrBreastfeeding: 'no' }],
  ['I’m not pregnant', { pregnantOrBreastfeeding: 'no' }],
  ['Im breastfeeding', { pregnantOrBreastfeeding: 'yes' }],
  ['still nursing my son', { pregnantOrBreastfeeding: 'yes' }],
  ["we're expecting a baby in May", { pregnantOrBreastfeeding: 'yes' }],
  ['not sure if I am pregnant', { pregnantOrBreastfeeding: 'unknown' }],
  ['I might be pregnant', { pregnantOrBreastfeeding: 'unknown' }],
  ['Pregnant: no', { pregnantOrBreastfeeding: 'no' }],
  // isotretinoin
  ['I stopped Accutane', { isotretinoin: { status: 'stopped' } }],
  ['I stopped Accutane in May', { isotretinoin: { status: 'stopped' } }],
  ["I'm on Roaccutane", { isotretinoin: { status: 'current' } }],
  ['taking ABSORICA at the moment', { isotretinoin: { status: 'current' } }],
  ['I used to take claravis', { isotretinoin: { status: 'stopped' } }],
  ["I'm not on isotretinoin anymore", { isotretinoin: { status: 'stopped' } }],
  ['never taken accutane', { isotretinoin: { status: 'never' } }],
  ["I don't take Accutane", {}],
  ["I haven't stopped roaccutane yet", {}],
  // cold sores
  ['never had cold sores', { coldSoreNow: 'no', coldSoreHistory: 'no' }],
  ['I get cold sores', { coldSoreHistory: 'yes' }],
  ['I have a cold sore right now', { coldSoreNow: 'yes', coldSoreHistory: 'yes' }],
  ["I don't get cold sores", { coldSoreNow: 'no', coldSoreHistory: 'no' }],
  ['no cold sores at the moment', { coldSoreNow: 'no' }],
  ['I had herpes once', { coldSoreHistory: 'yes' }],
  // blood thinners and bleeding
  ["I don't take blood thinners", { bloodThinners: 'no' }],
  ['on warfarin', { bloodThinners: 'yes' }],
  ['I take Eliquis (apixaban)', { bloodThinners: 'yes' }],
  ['xarelto', { bloodThinners: 'yes' }],
  ['Plavix and daily aspirin', { bloodThinners: 'yes' }],
  ['I take aspirin for headaches', { bloodThinners: 'unknown' }],
  ['I have haemophilia', { bleedingDisorder: 'yes' }],
  ['hemophilia A', { bleedingDisorder: 'yes' }],
  ['von Willebrand disease', { bleedingDisorder: 'yes' }],
  ['no bleeding or clotting disorder', { bleedingDisorder: 'no' }],
  // skin conditions
  ['no rosacea', { rosacea: 'no' }],
  ['no eczema, rosacea or psoriasis', { eczema: 'no', rosacea: 'no', psoriasis: 'no' }],
  ['not pregnant, rosacea', { pregnantOrBreastfeeding: 'no', rosacea: 'yes' }],
  ["I don't have eczema and I have rosacea", { eczema: 'no', rosacea: 'yes' }],
  ['I have psoriasis but no eczema', { psoriasis: 'yes', eczema: 'no' }],
  ['contact dermatitis on my hands', { eczema: 'yes' }],
  ['keloid scars on my chest', { keloidScars: 'yes' }],
  ['I get raised scars', { keloidScars: 'yes' }],
  ['I have active acne', { activeAcne: 'yes' }],
  ['I used to have acne', {}],
  ['acne scars', {}],
  ['deep acne scars', { deepScars: true }],
  ['I had a melanoma removed', { skinCancerOrChangingMole: 'yes' }],
  ['a mole that has changed', { skinCancerOrChangingMole: 'yes' }],
  ['I have a mole on my cheek', { skinCancerOrChangingMole: 'unknown' }],
  ['bit of sunburn on my nose', { sunburn: 'yes' }],
  ['an infected spot and an open wound', { activeInfection: 'yes' }],
  // other health questions
  ["I'm diabetic", { diabetes: 'yes' }],
  ['Type 2 diabetes', { diabetes: 'yes' }],
  ['I am having chemotherapy', { immunosuppressed: 'yes' }],
  ['I take immunosuppressants', { immunosuppressed: 'yes' }],
  ['steroid cream sometimes', { immunosuppressed: 'unknown' }],
  ['nickel allergy', { metalOrAnaestheticAllergy: 'yes' }],
  ["I'm allergic to lidocaine", { metalOrAnaestheticAllergy: 'yes' }],
  ['I love my gold ring', {}],
  ['no allergies', { metalOrAnaestheticAllergy: 'no' }],
  ["I'm not allergic to nickel", { metalOrAnaestheticAllergy: 'no' }],
  // sessions and context
  ['I had microneedling 3 weeks ago', { lastSession: { status: 'done' } }],
  ['never had micro-needling', { lastSession: { status: 'never' } }],
  ['How long does microneedling last?', {}],
  ['I want to do it at home with a derma roller', { wantsHomeUse: true }],
  ['deep wrinkles on my forehead', { deepWrinkles: true }],
  ['my skin darkens easily after spots', { pigmentationRisk: 'yes' }],
  // nothing to extract
  ['none of those', {}],
  ['no', {}],
  ['', {}],
];

describe('lexicon: free text to answers', () => {
  it('has a table of at least 30 phrases, with negations', () => {
    expect(phrases.length).to.be.at.least(30);
    expect(phrases.filter(([text]) => /\b(no|not|never|don['’]?t|haven['’]?t)\b/i.test(text)).length).to.be.at.least(10);
  });

  for (const [text, expected] of phrases) {
    it(`${JSON.stringify(text)} -> ${JSON.stringify(expected)}`, () => {
      expect(extractAnswers(text)).to.deep.equal(expected);
    });
  }

  it('says which drug words matched', () => {
    const { matches } = extractAnswersDetailed('I stopped Roaccutane and take Xarelto');
    expect(matches.map((m) => [m.entryId, m.words, m.state])).to.deep.equal([
      ['isotretinoin', 'roaccutane', 'cue'],
      ['bloodThinners', 'xarelto', 'affirmed'],
    ]);
  });

  it('is case, punctuation and apostrophe insensitive', () => {
    const variants = ["I DON'T take BLOOD-THINNERS!", 'i dont take blood thinners', 'I don’t take blood thinners...'];
    for (const text of variants) expect(extractAnswers(text), text).to.deep.equal({ bloodThinners: 'no' });
  });

  it('keeps the more cautious answer when mentions disagree', () => {
    expect(extractAnswers("I'm not pregnant. Actually I am pregnant")).to.deep.equal({ pregnantOrBreastfeeding: 'yes' });
  });

  it('always proposes answers the answers schema accepts, and never throws', () => {
    const words = fc.constantFrom(
      'no',
      'not',
      'never',
      'pregnant',
      'accutane',
      'stopped',
      'rosacea',
      'cold sores',
      'get',
      'maybe',
      'and',
      ',',
      'but',
      'allergic',
      'nickel',
      'microneedling',
      'had',
      'at home',
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 120 }),
          fc.array(words, { maxLength: 12 }).map((list) => list.join(' ')),
        ),
        (text) => {
          const result = extractAnswers(text);
          expect(screeningAnswersSchema.safeParse(result).success, JSON.stringify(result)).to.equal(true);
        },
      ),
      { numRuns: 2_000 },
    );
  });
});
