import { expect } from 'chai';
import { runConversation } from '../support/conversation.js';
import { allTexts, completedEventOf, type ScriptAnswers } from '../support/assessment-script.js';

interface OutcomeCase {
  name: string;
  answers: ScriptAnswers;
  outcome: string;
  rules: string[];
  notes?: string[];
  reconsiderFrom?: string;
  says?: RegExp[];
}

/** Reference date of the test clock: 24 November 2026. */
const cases: OutcomeCase[] = [
  {
    name: 'nothing to report: a consultation, with the aftercare note',
    answers: {},
    outcome: 'consultation',
    rules: ['R-NONE'],
    notes: ['N-AFTERCARE'],
    says: [/Nothing in your answers rules out a consultation/, /Large pores/],
  },
  {
    name: 'pregnant: not suitable now',
    answers: { pregnancy: "yes, I'm pregnant" },
    outcome: 'not-suitable-now',
    rules: ['R-PREGNANCY'],
    says: [/not right for you at the moment/],
  },
  {
    name: 'breastfeeding said in words: not suitable now',
    answers: { pregnancy: "I'm breastfeeding" },
    outcome: 'not-suitable-now',
    rules: ['R-PREGNANCY'],
  },
  {
    name: 'a minor: not suitable now, and no more health questions',
    answers: { age: '17' },
    outcome: 'not-suitable-now',
    rules: ['R-AGE-MINOR'],
    says: [/stop the health questions here/, /dermatologist together with a parent or guardian/],
  },
  {
    name: 'on Roaccutane now: not suitable now',
    answers: { isotretinoin: 'taking it now' },
    outcome: 'not-suitable-now',
    rules: ['R-ISO-CURRENT'],
  },
  {
    name: 'stopped Accutane in May: clinician review with the date six months on',
    answers: { isotretinoin: 'I stopped Accutane in May' },
    outcome: 'clinician-review',
    rules: ['R-ISO-RECENT'],
    reconsiderFrom: '2026-12-01', // 31 May + 6 months: no 31 November, so the later day
  },
  {
    name: 'stopped, date given in a follow-up',
    answers: { isotretinoin: 'I stopped', isotretinoinStopped: '2 months ago' },
    outcome: 'clinician-review',
    rules: ['R-ISO-RECENT'],
    // The reader counts "2 months ago" as 60 days (25 September): a day later than the calendar, the cautious side.
    reconsiderFrom: '2027-03-25',
  },
  {
    name: 'rosacea by button: clinician review',
    answers: { conditions: ['Rosacea', 'No others'] },
    outcome: 'clinician-review',
    rules: ['R-ROSACEA'],
  },
  {
    name: 'several conditions in one sentence',
    answers: { conditions: ['I have eczema and diabetes but no rosacea', 'no others'] },
    outcome: 'clinician-review',
    rules: ['R-ECZEMA', 'R-DIABETES'],
  },
  {
    name: 'a cold sore now and sunburn: not suitable now',
    answers: { skinNow: ['a cold sore and sunburn', 'no others'] },
    outcome: 'not-suitable-now',
    rules: ['R-COLD-SORE-ACTIVE', 'R-SUNBURN'],
  },
  {
    name: 'blood thinners: clinician review',
    answers: { medicines: ['I take warfarin', 'no others'] },
    outcome: 'clinician-review',
    rules: ['R-ANTICOAGULANT'],
  },
  {
    name: 'last session 3 weeks ago: not suitable now until 4 weeks have passed',
    answers: { lastSession: '3 weeks ago' },
    outcome: 'not-suitable-now',
    rules: ['R-TOO-SOON'],
    reconsiderFrom: '2026-12-01',
  },
  {
    name: '"not sure" answers: clinician review naming the open questions',
    answers: { pregnancy: 'not sure', medicines: 'not sure' },
    outcome: 'clinician-review',
    rules: ['R-UNKNOWN'],
    says: [/pregnant or breastfeeding/],
  },
  {
    name: 'an unreadable age twice: recorded as unknown, never as an answer',
    answers: { age: ['old enough', 'ask my mum'] },
    outcome: 'clinician-review',
    rules: ['R-UNKNOWN'],
    says: [/for example "34"/, /noted that as "not sure"/, /your age/],
  },
  {
    name: 'at home with deep scars: the at-home and deep-scar notes',
    answers: { concerns: ['acne scars', "that's all"], scarDepth: 'deep scars', goal: 'at home' },
    outcome: 'consultation',
    rules: ['R-NONE'],
    notes: ['N-DIY', 'N-DEEP-SCARS', 'N-AFTERCARE'],
  },
  {
    name: 'deep wrinkles: the deep-wrinkle note',
    answers: { concerns: ['wrinkles', "that's all"], wrinkleDepth: 'deep wrinkles' },
    outcome: 'consultation',
    rules: ['R-NONE'],
    notes: ['N-DEEP-WRINKLES', 'N-AFTERCARE'],
  },
];

describe('Assessment outcomes through the whole conversation', () => {
  for (const testCase of cases) {
    it(testCase.name, async () => {
      const transcript = await runConversation([{ script: { answers: { ...testCase.answers, human: 'no thanks' }, until: 'none' } }]);
      const event = completedEventOf(transcript);
      expect(event, allTexts(transcript).join('\n---\n')).to.not.equal(undefined);
      expect(event!.outcome).to.equal(testCase.outcome);
      expect(event!.rules).to.have.members(testCase.rules);
      if (testCase.notes) expect(event!.notes).to.have.members(testCase.notes);
      if (testCase.reconsiderFrom) expect(event!.reconsiderFrom).to.equal(testCase.reconsiderFrom);
      const texts = allTexts(transcript).join('\n');
      for (const pattern of testCase.says ?? []) expect(texts).to.match(pattern);
      for (const text of allTexts(transcript)) expect(text).to.not.match(/\b(eligible|safe|cleared)\b/i);
    });
  }
});
