import { expect } from 'chai';
import { readAge, readYesNo } from '../../src/understanding/reader/index.js';
import { parsePastDate, daysSince } from '../../src/understanding/past-date.js';
import { MAX_RECOGNIZED_LENGTH } from '../../src/understanding/recognizers.js';
import { testReader } from './test-reader.js';

const today = new Date('2026-11-24T10:00:00Z');
const reader = testReader();

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
    ['nearly 18', 17],
    ['old enough', undefined],
    ['', undefined],
    ['-3', undefined],
    ['250', undefined],
    ['between 30 and 40', undefined],
    ['temperature of 39', undefined],
  ];
  for (const [text, age] of ages) {
    it(`reads the age in "${text}" as ${age}`, () => expect(readAge(text, reader, today, { expectingAge: true })?.years).to.equal(age));
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

  it('reads a date again the same way, and by the new reference once the day has turned', () => {
    // The day is remembered per reference second: a message read twice in one turn costs one parse.
    const beforeMidnight = new Date('2026-11-30T23:59:59.400Z');
    const afterMidnight = new Date('2026-12-01T00:00:00.100Z');
    expect(parsePastDate('yesterday', beforeMidnight)).to.equal('2026-11-29');
    expect(parsePastDate('yesterday', new Date('2026-11-30T23:59:59.900Z'))).to.equal('2026-11-29');
    expect(parsePastDate('yesterday', afterMidnight)).to.equal('2026-11-30');
    expect(parsePastDate('2 days ago', afterMidnight)).to.equal('2026-11-29');
  });

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
    // checklists: "none of these" and its kin are a no to every item
    ['none', 'no'],
    ['None of these', 'no'],
    ['none of those', 'no'],
    ['nothing', 'no'],
  ];
  for (const [text, answer] of answers) {
    it(`reads "${text}" as ${answer}`, () => expect(readYesNo(text, reader)).to.equal(answer));
  }

  it(`reads no date out of a text over ${MAX_RECOGNIZED_LENGTH} characters (found by the fuzz suite)`, () => {
    // The date recognizer's time grows far faster than the length. Within the limit the same date is read.
    const padded = (answer: string, words: number) => `${answer}, ${'honestly '.repeat(words)}`.trim();
    expect(padded('3 weeks ago', 20).length).to.be.at.most(MAX_RECOGNIZED_LENGTH);
    expect(parsePastDate(padded('3 weeks ago', 20), today)).to.equal('2026-11-03');
    expect(parsePastDate(padded('3 weeks ago', 25), today)).to.equal(undefined);
    expect(readYesNo('no '.repeat(6_000), reader)).to.equal('no');
  });
});
