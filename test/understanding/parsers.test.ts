import { expect } from 'chai';
import { parseAge } from '../../src/understanding/age.js';
import { parsePastDate, daysSince } from '../../src/understanding/past-date.js';
import { isNoneOfThese, parseYesNoUnsure } from '../../src/understanding/yes-no.js';
import { MAX_RECOGNIZED_LENGTH } from '../../src/understanding/recognizers.js';

const today = new Date('2026-11-24T10:00:00Z');

describe('Free-text answers', () => {
  const ages: Array<[string, number | undefined]> = [
    ['34', 34],
    ['thirty four', 34],
    ["I'm 17", 17],
    ['I’m 17', 17],
    ['34 years old', 34],
    ['I am 45 years', 45],
    ['eighteen', 18],
    ['I was born in 1990', 35],
    ['born 2008', 17],
    ['old enough', undefined],
    ['', undefined],
    ['-3', undefined],
    ['250', undefined],
    ['between 30 and 40', undefined],
  ];
  for (const [text, age] of ages) {
    it(`reads the age in "${text}" as ${age}`, () => expect(parseAge(text, today)).to.equal(age));
  }

  const dates: Array<[string, string | undefined]> = [
    ['3 weeks ago', '2026-11-03'],
    ['yesterday', '2026-11-23'],
    ['in May', '2026-05-31'],
    ['I stopped Accutane in May', '2026-05-31'],
    ['last month', '2026-10-31'],
    ['last week', '2026-11-22'],
    ['two months ago', '2026-09-24'],
    ['2026-10-01', '2026-10-01'],
    ['on 1 October', '2026-10-01'],
    ['about 6 weeks back', '2026-10-13'],
    ['March 2025', '2025-03-31'],
    ['this morning', '2026-11-24'],
    ['next week', undefined],
    ['in the summer', undefined],
    ['a while', undefined],
  ];
  for (const [text, date] of dates) {
    it(`reads the past date in "${text}" as ${date}`, () => expect(parsePastDate(text, today)).to.equal(date));
  }

  it('counts whole days since a date', () => {
    expect(daysSince('2026-11-23', today)).to.equal(1);
    expect(daysSince('2026-10-27', today)).to.equal(28);
  });

  const answers: Array<[string, 'yes' | 'no' | 'unknown' | undefined]> = [
    ['yes', 'yes'],
    ['Yeah', 'yes'],
    ['yep I am', 'yes'],
    ['no', 'no'],
    ['nope', 'no'],
    ['no I am not', 'no'],
    ['not sure', 'unknown'],
    ["I don't know", 'unknown'],
    ['I dont know', 'unknown'],
    ['maybe', 'unknown'],
    ["can't remember", 'unknown'],
    ['?', 'unknown'],
    ['purple', undefined],
  ];
  for (const [text, answer] of answers) {
    it(`reads "${text}" as ${answer}`, () => expect(parseYesNoUnsure(text)).to.equal(answer));
  }

  const checklistNone: Array<[string, boolean]> = [
    ['none', true],
    ['None of these', true],
    ['none of those', true],
    ['no', true],
    ['nothing', true],
    ['not sure', false],
    ['eczema', false],
  ];
  for (const [text, none] of checklistNone) {
    it(`${none ? 'takes' : 'does not take'} "${text}" as none of these`, () => expect(isNoneOfThese(text)).to.equal(none));
  }

  it(`reads no answer out of a text over ${MAX_RECOGNIZED_LENGTH} characters (found by the fuzz suite)`, () => {
    // The recognizers' time grows far faster than the length: 20,000 characters of "no no no"
    // stalled the server for about an hour. Within the limit the same answers are read.
    const padded = (answer: string, words: number) => `${answer}, ${'honestly '.repeat(words)}`.trim();
    expect(padded('no', 20).length).to.be.at.most(MAX_RECOGNIZED_LENGTH);
    expect(padded('no', 25).length).to.be.greaterThan(MAX_RECOGNIZED_LENGTH);
    expect(parseYesNoUnsure(padded('no', 20))).to.equal('no');
    expect(parseYesNoUnsure(padded('no', 25))).to.equal(undefined);
    expect(parseAge(padded("I'm 34", 20), today)).to.equal(34);
    expect(parseAge(padded("I'm 34", 25), today)).to.equal(undefined);
    expect(parsePastDate(padded('3 weeks ago', 20), today)).to.equal('2026-11-03');
    expect(parsePastDate(padded('3 weeks ago', 25), today)).to.equal(undefined);
    expect(parseYesNoUnsure('no '.repeat(6_000))).to.equal(undefined);
  });
});
