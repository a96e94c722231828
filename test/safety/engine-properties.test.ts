import { expect } from 'chai';
import fc from 'fast-check';
import { assess, isIsoDate, outcomes, severity, type ScreeningAnswers } from '../../src/safety/index.js';
import { answersArb, applyRisk, applyUnknown, referenceArb, riskMoveArb, unknownMoveArb } from './arbitraries.js';
import { bannedWords, table } from './helpers.js';

/** SAFETY-SPEC "Properties the engine must have", each checked on 10,000 generated cases. */
const runs = { numRuns: 10_000 };
const ruleById = new Map(table.rules.map((rule) => [rule.id, rule]));
const noteIds = new Set(table.notes.map((note) => note.id));

const severityOf = (answers: ScreeningAnswers, date: string) => severity(assess(answers, date, table).outcome);

describe('safety engine: properties (fast-check)', function () {
  this.timeout(60_000);

  it('is deterministic: the same answers and date give deep-equal decisions', () => {
    fc.assert(
      fc.property(answersArb, referenceArb, (answers, date) => {
        const first = assess(answers, date, table);
        const again = assess(JSON.parse(JSON.stringify(answers)) as ScreeningAnswers, date, table);
        // JSON text equality is deep equality here: decisions hold only strings and arrays.
        if (JSON.stringify(again) !== JSON.stringify(first)) expect(again).to.deep.equal(first);
      }),
      runs,
    );
  });

  it('is monotonic: adding a risk factor never lowers the severity', () => {
    fc.assert(
      fc.property(answersArb, referenceArb, riskMoveArb, (answers, date, move) => {
        const riskier = applyRisk(answers, move, date);
        const [before, after] = [severityOf(answers, date), severityOf(riskier, date)];
        if (after < before) expect(after).to.be.at.least(before);
      }),
      runs,
    );
  });

  it('unknown is never "no": a "not sure" or missing answer never lowers the severity', () => {
    fc.assert(
      fc.property(answersArb, referenceArb, unknownMoveArb, (answers, date, move) => {
        const vaguer = applyUnknown(answers, move, date);
        const [before, after] = [severityOf(answers, date), severityOf(vaguer, date)];
        if (after < before) expect(after).to.be.at.least(before);
      }),
      runs,
    );
  });

  it('is total and explained: one valid outcome, at least one reason, every reason a rule with a plain sentence', () => {
    // Plain checks instead of chai inside the loop: 10,000 runs stay fast.
    const check = (ok: boolean, what: string) => {
      if (!ok) throw new Error(what);
    };
    fc.assert(
      fc.property(answersArb, referenceArb, (answers, date) => {
        const decision = assess(answers, date, table);
        check((outcomes as readonly string[]).includes(decision.outcome), `invalid outcome ${decision.outcome}`);
        check(decision.reasons.length >= 1, 'no reason');
        check(decision.rulesVersion === table.version, 'wrong rules version');
        let worst = -1;
        for (const reason of decision.reasons) {
          const rule = ruleById.get(reason.ruleId);
          check(rule !== undefined, `unknown rule ${reason.ruleId}`);
          check(reason.sentence.trim() !== '', `empty sentence for ${reason.ruleId}`);
          check(!/[{}]/.test(reason.sentence), `unfilled placeholder in ${reason.ruleId}`);
          check(!bannedWords.test(reason.sentence), `banned word in ${reason.ruleId}`);
          worst = Math.max(worst, severity(rule!.outcome));
        }
        check(severity(decision.outcome) === worst, 'the outcome is not the most severe reason');
        check(new Set(decision.reasons.map((r) => r.ruleId)).size === decision.reasons.length, 'a rule listed twice');
        check(!decision.reasons.some((r) => r.ruleId === 'R-NONE') || decision.reasons.length === 1, 'R-NONE beside other reasons');
        for (const note of decision.notes) {
          check(noteIds.has(note.noteId), `unknown note ${note.noteId}`);
          check(!bannedWords.test(note.sentence), `banned word in ${note.noteId}`);
        }
        // No advice beside an alarm, nor for someone the service is not for (a minor ends the check).
        const noAdvice = decision.outcome === 'emergency' || decision.outcome === 'urgent' || decision.endedBy !== undefined;
        check(
          noAdvice ? decision.notes.length === 0 : decision.notes.some((n) => n.noteId === 'N-AFTERCARE'),
          'notes shown for an alarm or a minor, or aftercare missing',
        );
        check(
          decision.outcome === 'consultation' || !decision.notes.some((n) => n.noteId === 'N-DIY'),
          'N-DIY beside a not-at-home outcome',
        );
        if (decision.endedBy !== undefined)
          check(!decision.reasons.some((r) => r.ruleId === 'R-UNKNOWN'), 'open questions after the check ended');
        if (decision.reconsiderFrom !== undefined) {
          check(isIsoDate(decision.reconsiderFrom) && decision.reconsiderFrom > date, `bad reconsiderFrom ${decision.reconsiderFrom}`);
          check(
            decision.outcome === 'not-suitable-now' || decision.outcome === 'clinician-review',
            'reconsiderFrom on a non time-bound outcome',
          );
        }
      }),
      runs,
    );
  });

  it('advisory notes change no outcome: context answers leave outcome and reasons alone', () => {
    const contextArb = fc.record({
      wantsHomeUse: fc.boolean(),
      deepScars: fc.boolean(),
      deepWrinkles: fc.boolean(),
      pigmentationRisk: fc.constantFrom('yes' as const, 'no' as const, 'unknown' as const),
    });
    fc.assert(
      fc.property(answersArb, referenceArb, contextArb, (answers, date, context) => {
        const { wantsHomeUse, deepScars, deepWrinkles, pigmentationRisk, ...rest } = answers;
        void [wantsHomeUse, deepScars, deepWrinkles, pigmentationRisk];
        const without = assess(rest, date, table);
        const withContext = assess({ ...rest, ...context }, date, table);
        if (withContext.outcome !== without.outcome || JSON.stringify(withContext.reasons) !== JSON.stringify(without.reasons)) {
          expect({ outcome: withContext.outcome, reasons: withContext.reasons }).to.deep.equal({
            outcome: without.outcome,
            reasons: without.reasons,
          });
        }
      }),
      runs,
    );
  });
});
