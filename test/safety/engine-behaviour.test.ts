import { expect } from 'chai';
import { assess, assessAfterTreatment, openQuestions, severity, type ScreeningAnswers } from '../../src/safety/index.js';
import { afterClear, allClear, referenceDate, table } from './helpers.js';

const ids = (answers: ScreeningAnswers, date = referenceDate) => assess(answers, date, table).reasons.map((r) => r.ruleId);

describe('safety engine: decisions', () => {
  describe('outcome and reasons', () => {
    it('takes the most severe rule that fired and lists the most severe reasons first', () => {
      const decision = assess({ ...allClear(), rosacea: 'yes', pregnantOrBreastfeeding: 'yes', diabetes: 'yes' }, referenceDate, table);
      expect(decision.outcome).to.equal('not-suitable-now');
      expect(decision.reasons.map((r) => r.ruleId)).to.deep.equal(['R-PREGNANCY', 'R-ROSACEA', 'R-DIABETES']);
      const severities = decision.reasons.map((r) => severity(table.rules.find((rule) => rule.id === r.ruleId)!.outcome));
      expect([...severities].sort((a, b) => b - a)).to.deep.equal(severities);
    });

    it('gives the fallback reason only when nothing else fires', () => {
      const decision = assess(allClear(), referenceDate, table);
      expect(decision.outcome).to.equal('consultation');
      expect(decision.reasons).to.have.length(1);
      expect(decision.reasons[0]!.sentence).to.match(/Nothing in your answers rules out a consultation/);
    });

    it('records the rule table version', () => {
      expect(assess(allClear(), referenceDate, table).rulesVersion).to.equal(table.version);
    });

    it('does not change the answers it is given', () => {
      const answers = { ...allClear(), isotretinoin: { status: 'stopped' as const, stoppedOn: '2025-03-01' }, rosacea: 'unknown' as const };
      const copy = structuredClone(answers);
      assess(answers, referenceDate, table);
      expect(answers).to.deep.equal(copy);
    });
  });

  describe('unknown is never "no"', () => {
    const cases: [string, (a: ScreeningAnswers) => void, RegExp][] = [
      ['a missing answer', (a) => delete a.rosacea, /whether you have rosacea/],
      ['"not sure"', (a) => (a.eczema = 'unknown'), /whether you have eczema/],
      ['an unknown age', (a) => (a.age = 'unknown'), /your age/],
      ['a missing age', (a) => delete a.age, /your age/],
      ['isotretinoin not sure', (a) => (a.isotretinoin = { status: 'unknown' }), /isotretinoin/],
      ['isotretinoin stopped, date unknown', (a) => (a.isotretinoin = { status: 'stopped' }), /when you stopped isotretinoin/],
      ['a session done, date unknown', (a) => (a.lastSession = { status: 'done' }), /the date of your last micro-needling session/],
      ['no answer about earlier sessions', (a) => delete a.lastSession, /whether you have had micro-needling before/],
      ['a malformed answer', (a) => Object.assign(a, { rosacea: 'maybe' }), /whether you have rosacea/],
      ['a malformed date', (a) => (a.lastSession = { status: 'done', date: '2025-02-30' }), /the date of your last/],
    ];
    for (const [name, change, label] of cases) {
      it(`${name} fires R-UNKNOWN naming the question`, () => {
        const answers = allClear();
        change(answers);
        const decision = assess(answers, referenceDate, table);
        expect(decision.outcome).to.equal('clinician-review');
        const unknown = decision.reasons.find((r) => r.ruleId === 'R-UNKNOWN');
        expect(unknown?.sentence).to.match(label);
      });
    }

    it('names every open question, joined in plain English', () => {
      const answers = allClear();
      delete answers.age;
      answers.rosacea = 'unknown';
      answers.sunburn = 'unknown';
      const sentence = assess(answers, referenceDate, table).reasons.find((r) => r.ruleId === 'R-UNKNOWN')!.sentence;
      expect(sentence).to.contain('your age; whether you have sunburn in the area and whether you have rosacea.');
      expect(sentence).not.to.match(/\{|\}/);
    });

    it('an empty answers object is clinician-review, never consultation', () => {
      expect(assess({}, referenceDate, table).outcome).to.equal('clinician-review');
    });

    it('lists the open questions for the dialogs', () => {
      const answers = allClear();
      answers.isotretinoin = { status: 'stopped' };
      delete answers.diabetes;
      expect(openQuestions(answers, referenceDate, table).map((q) => q.field)).to.deep.equal(['isotretinoin.stoppedOn', 'diabetes']);
    });
  });

  describe('dates come from the reference date only', () => {
    it('R-TOO-SOON gives the date 4 weeks after the last session', () => {
      const decision = assess({ ...allClear(), lastSession: { status: 'done', date: '2025-06-01' } }, referenceDate, table);
      expect(decision.reasons[0]!.sentence).to.contain('29 June 2025');
      expect(decision.reconsiderFrom).to.equal('2025-06-29');
    });

    it('R-ISO-RECENT gives the date 6 months after stopping', () => {
      const decision = assess({ ...allClear(), isotretinoin: { status: 'stopped', stoppedOn: '2025-02-10' } }, referenceDate, table);
      expect(decision.outcome).to.equal('clinician-review');
      expect(decision.reasons[0]!.sentence).to.contain('10 August 2025');
      expect(decision.reconsiderFrom).to.equal('2025-08-10');
    });

    it('6 months from 31 August ends on 1 March, never early', () => {
      const answers = { ...allClear(), isotretinoin: { status: 'stopped' as const, stoppedOn: '2025-08-31' } };
      expect(ids(answers, '2026-02-28')).to.include('R-ISO-RECENT');
      expect(assess(answers, '2026-02-28', table).reconsiderFrom).to.equal('2026-03-01');
      expect(ids(answers, '2026-03-01')).not.to.include('R-ISO-RECENT');
    });

    it('the same decision for a Date and its UTC calendar day', () => {
      const answers = { ...allClear(), lastSession: { status: 'done' as const, date: '2025-06-01' } };
      expect(assess(answers, new Date('2025-06-15T23:30:00Z'), table)).to.deep.equal(assess(answers, '2025-06-15', table));
    });

    it('refuses a reference date that is not a calendar date', () => {
      expect(() => assess(allClear(), '2025-13-01', table)).to.throw(RangeError);
      expect(() => assess(allClear(), new Date('nope'), table)).to.throw(RangeError);
    });

    it('a session date in the future counts as recent', () => {
      expect(ids({ ...allClear(), lastSession: { status: 'done', date: '2025-07-01' } })).to.include('R-TOO-SOON');
    });
  });

  describe('reconsiderFrom', () => {
    it('is the latest date among the time-bound reasons', () => {
      const decision = assess(
        {
          ...allClear(),
          lastSession: { status: 'done', date: '2025-06-01' },
          isotretinoin: { status: 'stopped', stoppedOn: '2025-02-10' },
        },
        referenceDate,
        table,
      );
      expect(decision.outcome).to.equal('not-suitable-now');
      expect(decision.reconsiderFrom).to.equal('2025-08-10');
    });

    it('is no headline when a reason without a date also fired: the dated reason gives its date itself (v1.1)', () => {
      const decision = assess(
        { ...allClear(), pregnantOrBreastfeeding: 'yes', lastSession: { status: 'done', date: '2025-06-01' } },
        referenceDate,
        table,
      );
      expect(decision).not.to.have.property('reconsiderFrom');
      expect(decision.reasons.find((reason) => reason.ruleId === 'R-TOO-SOON')!.sentence).to.contain('29 June 2025');
    });

    it('is the latest date when every reason that fired is time-bound', () => {
      const decision = assess(
        {
          ...allClear(),
          isotretinoin: { status: 'stopped', stoppedOn: '2025-03-01' },
          lastSession: { status: 'done', date: '2025-06-01' },
        },
        referenceDate,
        table,
      );
      expect(decision.reasons.map((reason) => reason.ruleId)).to.have.members(['R-TOO-SOON', 'R-ISO-RECENT']);
      expect(decision.reconsiderFrom).to.equal('2025-09-01');
    });

    it('is absent when no reason is time-bound', () => {
      const decision = assess({ ...allClear(), pregnantOrBreastfeeding: 'yes' }, referenceDate, table);
      expect(decision).not.to.have.property('reconsiderFrom');
      expect(assess(allClear(), referenceDate, table)).not.to.have.property('reconsiderFrom');
    });
  });

  describe('after-treatment mode', () => {
    it('does not ask the screening questions, so none of them is open', () => {
      const decision = assess({ afterTreatment: afterClear() }, referenceDate, table);
      expect(decision.outcome).to.equal('consultation');
      expect(decision.reasons.map((r) => r.ruleId)).to.deep.equal(['R-AFTER-NONE']);
    });

    it('evaluates only after-treatment rules (a recent session is expected here)', () => {
      const decision = assess(
        { ...allClear(), lastSession: { status: 'done', date: '2025-06-13' }, afterTreatment: afterClear() },
        referenceDate,
        table,
      );
      expect(decision.reasons.map((r) => r.ruleId)).to.deep.equal(['R-AFTER-NONE']);
    });

    it('an unknown after-treatment answer raises to clinician-review and names it', () => {
      const decision = assess({ afterTreatment: { ...afterClear(), infectionSigns: 'unknown' } }, referenceDate, table);
      expect(decision.outcome).to.equal('clinician-review');
      expect(decision.reasons[0]!.sentence).to.contain('whether there is pus');
    });

    it('a missing after-treatment answer is open too', () => {
      const after = afterClear();
      delete after.breathingOrSwelling;
      expect(assess({ afterTreatment: after }, referenceDate, table).outcome).to.equal('clinician-review');
    });

    it('normal symptoms need the day of treatment', () => {
      const decision = assess({ afterTreatment: { ...afterClear(), normalSymptoms: 'yes' } }, referenceDate, table);
      expect(decision.outcome).to.equal('clinician-review');
      expect(decision.reasons[0]!.sentence).to.contain('how many days ago your treatment was');
    });

    it('normal symptoms in the first 3 days: consultation with aftercare advice', () => {
      const decision = assessAfterTreatment({ ...afterClear(), normalSymptoms: 'yes', daysSinceTreatment: 1 }, referenceDate, table);
      expect(decision.outcome).to.equal('consultation');
      expect(decision.reasons.map((r) => r.ruleId)).to.deep.equal(['R-AFTER-NORMAL']);
      expect(decision.notes.map((n) => n.noteId)).to.deep.equal(['N-AFTERCARE']);
    });

    it('an emergency sign wins over everything and carries no advice', () => {
      const decision = assessAfterTreatment(
        { ...afterClear(), breathingOrSwelling: 'yes', infectionSigns: 'yes', eyeSymptoms: 'unknown' },
        referenceDate,
        table,
      );
      expect(decision.outcome).to.equal('emergency');
      expect(decision.reasons[0]!.ruleId).to.equal('R-RF-ANAPHYLAXIS');
      expect(decision.reasons.map((r) => r.ruleId)).to.include.members(['R-RF-INFECTION', 'R-UNKNOWN']);
      expect(decision.notes).to.deep.equal([]);
      expect(decision).not.to.have.property('reconsiderFrom');
    });
  });
});
