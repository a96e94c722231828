import { expect } from 'chai';
import { addDays, addMonths, isIsoDate, toReferenceDate } from '../../src/safety/index.js';
import { conditionIssues, evaluateCondition, type Condition } from '../../src/safety/conditions.js';
import { toDayNumber } from '../../src/safety/dates.js';
import { table } from './helpers.js';

describe('calendar dates', () => {
  const valid = ['2025-06-15', '2024-02-29', '1990-01-01', '2099-12-31'];
  const invalid = ['2025-02-29', '2025-13-01', '2025-00-10', '2025-06-31', '2025-6-15', '15/06/2025', '', '1800-01-01', 20250615, null];
  for (const value of valid) it(`${value} is a date`, () => expect(isIsoDate(value)).to.equal(true));
  for (const value of invalid) it(`${JSON.stringify(value)} is not a date`, () => expect(isIsoDate(value)).to.equal(false));

  const months: [string, number, string][] = [
    ['2025-01-15', 6, '2025-07-15'],
    ['2025-12-15', 1, '2026-01-15'],
    ['2025-08-31', 6, '2026-03-01'], // 31 Feb does not exist: the 1st of March, never 28 Feb
    ['2025-01-31', 1, '2025-03-01'],
    ['2023-08-29', 6, '2024-02-29'],
    ['2024-08-29', 6, '2025-03-01'],
    ['2025-06-30', 6, '2025-12-30'],
  ];
  for (const [from, n, to] of months) it(`${from} + ${n} months = ${to}`, () => expect(addMonths(from, n)).to.equal(to));

  it('adds days across months and years', () => {
    expect(addDays('2025-12-20', 28)).to.equal('2026-01-17');
    expect(addDays('2024-02-28', 1)).to.equal('2024-02-29');
    expect(addDays('2025-03-01', -1)).to.equal('2025-02-28');
    expect(toDayNumber('1970-01-02')).to.equal(1);
  });

  it('reads a Date as its UTC calendar day and refuses anything else', () => {
    expect(toReferenceDate(new Date('2025-06-15T00:30:00+02:00'))).to.equal('2025-06-14');
    expect(toReferenceDate('2025-06-15')).to.equal('2025-06-15');
    expect(() => toReferenceDate('2025-06-31')).to.throw(RangeError);
  });
});

describe('condition language', () => {
  const context = (answers: unknown, today = '2025-06-15', anyQuestionOpen = false) => ({
    answers,
    today: toDayNumber(today),
    anyQuestionOpen,
  });

  it('compares numbers and treats an unknown age as not matching', () => {
    const minor: Condition = { field: 'age', lt: 18 };
    expect(evaluateCondition(minor, context({ age: 17 })).holds).to.equal(true);
    expect(evaluateCondition(minor, context({ age: 18 })).holds).to.equal(false);
    expect(evaluateCondition(minor, context({ age: 'unknown' })).holds).to.equal(false);
    expect(evaluateCondition(minor, context({})).holds).to.equal(false);
  });

  it('a date window ends at the start of its last day and reports that day', () => {
    const recent: Condition = { field: 'lastSession.date', withinWeeks: 4 };
    expect(evaluateCondition(recent, context({ lastSession: { status: 'done', date: '2025-05-19' } }))).to.deep.equal({
      holds: true,
      until: '2025-06-16',
    });
    expect(evaluateCondition(recent, context({ lastSession: { status: 'done', date: '2025-05-18' } })).holds).to.equal(false);
    expect(
      evaluateCondition({ field: 'lastSession.date', withinDays: 1 }, context({ lastSession: { date: '2025-06-15' } })).until,
    ).to.equal('2025-06-16');
  });

  it('"any" keeps the latest date of the branches that hold', () => {
    const either: Condition = {
      any: [
        { field: 'lastSession.date', withinWeeks: 4 },
        { field: 'isotretinoin.stoppedOn', withinMonths: 6 },
        { field: 'rosacea', is: 'yes' },
      ],
    };
    const answers = { lastSession: { date: '2025-06-01' }, isotretinoin: { stoppedOn: '2025-05-01' }, rosacea: 'no' };
    expect(evaluateCondition(either, context(answers))).to.deep.equal({ holds: true, until: '2025-11-01' });
  });

  it('"isNot" holds for a missing answer; "in" matches any listed value', () => {
    expect(evaluateCondition({ field: 'coldSoreNow', isNot: 'yes' }, context({})).holds).to.equal(true);
    expect(evaluateCondition({ field: 'coldSoreNow', isNot: 'yes' }, context({ coldSoreNow: 'yes' })).holds).to.equal(false);
    expect(
      evaluateCondition({ field: 'pigmentationRisk', in: ['yes', 'unknown'] }, context({ pigmentationRisk: 'unknown' })).holds,
    ).to.equal(true);
    expect(evaluateCondition({ field: 'pigmentationRisk', in: ['yes', 'unknown'] }, context({})).holds).to.equal(false);
  });

  it('"anyQuestionOpen" follows the engine; "otherwise" never holds on its own', () => {
    expect(evaluateCondition({ anyQuestionOpen: true }, context({}, '2025-06-15', true)).holds).to.equal(true);
    expect(evaluateCondition({ otherwise: true }, context({})).holds).to.equal(false);
  });

  const problems: [string, unknown, string, string][] = [
    ['not an object', 'age < 18', '', 'JSON object'],
    ['two comparisons', { field: 'age', lt: 18, gt: 3 }, '', 'exactly one comparison'],
    ['an empty list', { all: [] }, 'all', 'non-empty'],
    ['an unknown comparison', { field: 'age', below: 18 }, 'below', 'unknown comparison'],
    [
      'a nested unknown field',
      {
        any: [
          { field: 'rosacea', is: 'yes' },
          { field: 'acne', is: 'yes' },
        ],
      },
      'any.1.field',
      'unknown answer field',
    ],
    ['a date window on a yes/no field', { field: 'rosacea', withinDays: 3 }, 'withinDays', 'does not apply'],
    ['a fraction of months', { field: 'isotretinoin.stoppedOn', withinMonths: 0.5 }, 'withinMonths', 'whole number'],
    ['"always" with a value', { always: false }, '', '{"always": true}'],
  ];
  for (const [name, condition, path, message] of problems) {
    it(`refuses ${name}`, () => {
      const issues = conditionIssues(condition, [], { allowOtherwise: false, fields: table.fields });
      expect(issues.length, JSON.stringify(issues)).to.be.at.least(1);
      expect(issues[0]!.path.join('.')).to.equal(path);
      expect(issues[0]!.message).to.contain(message);
    });
  }
});
