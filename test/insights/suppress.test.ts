import { expect } from 'chai';
import fc from 'fast-check';
import { aggregateInsights, type InsightCounts } from '../../src/insights/aggregate.js';
import { suppressSmallCounts, zeroShown } from '../../src/insights/suppress.js';

/** Counts with every field set to `value` (maps with one entry each). */
function countsOf(value: number): InsightCounts {
  return {
    ...aggregateInsights([]),
    conversations: value,
    outcomes: { consultation: value },
    unrecognised: { age: { asked: value, unreadable: value } },
    corrected: { pregnancy: value },
    redFlags: { emergency: value, urgent: value },
  };
}

describe('Small counts hidden from the insights', () => {
  // [minimum, count, shown as]: 1..minimum-1 hidden; 0 shown unless the minimum is 2 (a hidden count would be exactly 1).
  const table: Array<[number, number, number | null]> = [
    [1, 0, 0],
    [1, 1, 1],
    [2, 0, null],
    [2, 1, null],
    [2, 2, 2],
    [3, 0, 0],
    [3, 1, null],
    [3, 2, null],
    [3, 3, 3],
    [5, 0, 0],
    [5, 1, null],
    [5, 4, null],
    [5, 5, 5],
    [5, 120, 120],
  ];
  for (const [minCount, count, shown] of table) {
    it(`with a minimum of ${minCount} shows ${count} as ${shown}`, () => {
      const { counts, suppressed } = suppressSmallCounts(countsOf(count), minCount);
      expect(counts.conversations).to.equal(shown);
      expect(counts.redFlags.urgent).to.equal(shown);
      expect(counts.unrecognised['age']).to.deep.equal({ asked: shown, unreadable: shown });
      expect(counts.corrected['pregnancy']).to.equal(shown);
      expect(suppressed.includes('unrecognised.age.unreadable')).to.equal(shown === null);
    });
  }

  it('shows zero except with a minimum of 2', () => {
    expect([1, 2, 3, 4, 5, 10].map(zeroShown)).to.deep.equal([true, false, true, true, true, true]);
  });

  it('for any counts and minimum: a shown count is 0 or at least the minimum, a hidden one 1 to minimum - 1 (or 0 at 2), each listed', () => {
    const count = fc.nat({ max: 12 });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        count,
        count,
        count,
        fc.dictionary(fc.constantFrom('a', 'b', 'c'), count),
        (min, a, b, c, map) => {
          const raw = { ...aggregateInsights([]), conversations: a, consented: b, handoffs: c, rules: map };
          const { counts, suppressed } = suppressSmallCounts(raw, min);
          const pairs: Array<[string, number, number | null]> = [
            ['conversations', a, counts.conversations],
            ['consented', b, counts.consented],
            ['handoffs', c, counts.handoffs],
            ...Object.entries(map).map(([key, value]): [string, number, number | null] => [`rules.${key}`, value, counts.rules[key]!]),
          ];
          for (const [path, value, shown] of pairs) {
            const hidden = (value > 0 && value < min) || (value === 0 && min === 2);
            expect(shown, path).to.equal(hidden ? null : value);
            expect(suppressed.includes(path), path).to.equal(hidden);
          }
          // Nothing else is listed: every listed path is one of the counts above, or a zero field hidden at 2.
          for (const path of suppressed) expect(pairs.some(([known]) => known === path) || min === 2, path).to.equal(true);
        },
      ),
      { numRuns: 2_000 },
    );
  });
});
