import { expect } from 'chai';
import { phrasingChecks } from './phrasing-checks.js';
import { reader, today } from './helpers.js';
import { redFlagPhrasings } from './red-flag-phrasings.js';

/** The hand-written phrasing tables (red flags, findings, screening, ages, dates, yes/no, consent). */
describe('clinical reader: hand-written phrasings', () => {
  it('has at least 400 phrasings across the tables', () => {
    expect(phrasingChecks.length).to.be.at.least(400);
  });

  it('quotes every phrasing of issue 16', () => {
    const texts = new Set(
      phrasingChecks.map((check) => (check.table === 'pending question' ? check.text.replace(/^[a-zA-Z+.]+: /, '') : check.text)),
    );
    const quoted = [
      'cnat breathe',
      'its hard to breath',
      'couldnt breathe',
      'my face blew up',
      'lips are massive',
      'throat feels thick',
      'yellow stuff oozing',
      'gunk',
      'weeping and crusty',
      'shivery',
      'burning up',
      'temp of 39',
      'temperature of 39',
      'blisters two days after',
      'no, but its hard to breath',
      'none of those, I feel really dizzy',
      'is it very painful?',
      'what if I get a fever?',
      'is blurry vision a side effect?',
      'my friend had trouble breathing once',
      'my mum had a fever',
      'fever? no',
      'fever: none',
      'fever free',
      'nearly 18',
      'I turn 18 next month',
      'almost 18',
      'not 18 yet',
      "a mole that's got bigger and darker",
      'No, I had one 2 weeks ago',
      'I do not want to continue',
      'not sure',
      'bit of sunburn and a couple of spots on my chin',
      'i have exzema and keloids',
      'my mum has diabetes but i dont',
      'used to have eczema as a kid',
      'face is swollen, just a bit',
    ];
    for (const text of quoted) expect(texts.has(text), text).to.equal(true);
  });

  it('has red-flag rows for each outcome and for no escalation', () => {
    const kinds = new Set(redFlagPhrasings.map(([, expected]) => expected.slice(0, 1)));
    expect([...kinds].sort()).to.deep.equal(['-', 'C', 'E', 'U']);
  });

  for (const check of phrasingChecks) {
    it(`[${check.table}] ${JSON.stringify(check.text)}`, () => {
      expect(check.run(reader, today)).to.equal(undefined);
    });
  }
});
