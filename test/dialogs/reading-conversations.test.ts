import { expect } from 'chai';
import { runConversation, scriptUntil, wholeAssessment, type Turn } from '../support/conversation.js';
import { allTexts, completedEventOf } from '../support/assessment-script.js';

/**
 * SAFETY-SPEC v1.1 "Reading what people write", conversation by conversation: what the clinical
 * reader makes of a message decides whether the screening goes on, stops or escalates.
 */

/** Consent, concerns, goal: the next question is the age. */
const untilAgeQuestion: Turn[] = [scriptUntil('age')];
/** ... and the age: the next question is pregnancy. */
const untilPregnancyQuestion: Turn[] = [scriptUntil('pregnancy')];
/** An after-treatment report: the next question is the warning-sign checklist. */
const untilSignsChecklist: Turn[] = [{ send: 'hi' }, { send: 'yes' }, { send: 'I had it done yesterday and my face is red' }];

const emergency = /Call your local emergency number now/;
const urgent = /contact your practitioner, or an urgent care service, today/;
const pregnancyQuestion = /pregnant or breastfeeding/;
const confirmQuestion = /Is this happening to you now\?/;

interface ReadingCase {
  name: string;
  turns: Turn[];
  channelId?: string;
  check?: (texts: string[], event: ReturnType<typeof completedEventOf>) => void;
}

const noEscalation = (texts: string[], event: ReturnType<typeof completedEventOf>) => {
  expect(texts.join('\n')).to.not.match(emergency).and.not.match(urgent);
  expect(event?.outcome ?? 'none').to.not.be.oneOf(['emergency', 'urgent']);
};

const cases: ReadingCase[] = [
  {
    name: 'a misspelt red flag mid-screening escalates at once',
    turns: [...untilPregnancyQuestion, { send: 'i cnat breath', replies: [emergency] }],
    check: (_texts, event) => {
      expect(event?.outcome).to.equal('emergency');
      expect(event?.rules).to.include('R-RF-ANAPHYLAXIS');
    },
  },
  {
    name: 'a question about a symptom ("what if I get a fever?") does not cancel the screening',
    turns: [...untilPregnancyQuestion, { send: 'what if I get a fever?' }, { send: 'no', replies: [/isotretinoin/] }],
    check: noEscalation,
  },
  {
    name: 'a sign imagined without a question mark ("what if my lips swell") is answered as a question, and the screening resumes',
    turns: [...untilPregnancyQuestion, { send: 'what if my lips swell' }, { send: 'no', replies: [/isotretinoin/] }],
    check: (texts, event) => {
      noEscalation(texts, event);
      expect(texts.join('\n')).to.match(/Back to where we were/);
    },
  },
  {
    name: 'someone else\'s red flag ("my friend had trouble breathing once") does not escalate',
    turns: [...untilPregnancyQuestion, { send: 'my friend had trouble breathing once' }, { send: 'no', replies: [/isotretinoin/] }],
    check: noEscalation,
  },
  {
    name: '"nearly 18" at the age question stops as a minor',
    turns: [...untilAgeQuestion, { send: 'nearly 18' }, { send: 'no thanks' }],
    check: (texts, event) => {
      expect(texts.join('\n')).to.match(/stop the health questions here[\s\S]*aged 18 and over/);
      expect(event?.rules).to.deep.equal(['R-AGE-MINOR']);
      expect(texts.join('\n')).to.not.match(pregnancyQuestion);
    },
  },
  {
    name: '"temperature of 39" at the age question is a fever, not the age 39',
    turns: [...untilAgeQuestion, { send: 'temperature of 39', replies: [urgent] }],
    check: (_texts, event) => {
      expect(event?.outcome).to.equal('urgent');
      expect(event?.rules).to.include('R-RF-INFECTION');
    },
  },
  {
    name: '"my mum has diabetes but i dont" is not recorded as diabetes',
    turns: [wholeAssessment({ conditions: ['my mum has diabetes but i dont', 'none of these'] }), { send: 'no thanks' }],
    check: (_texts, event) => {
      expect(event?.outcome).to.equal('consultation');
      expect(event?.rules).to.not.include('R-DIABETES');
    },
  },
  {
    name: '"No, I had one 2 weeks ago" at the last-session question is a session 2 weeks ago',
    turns: [wholeAssessment({ lastSession: ['No, I had one 2 weeks ago'] }), { send: 'no thanks' }],
    check: (_texts, event) => {
      expect(event?.outcome).to.equal('not-suitable-now');
      expect(event?.rules).to.include('R-TOO-SOON');
    },
  },
  {
    name: 'an unsure red flag asks "Is this happening to you now?"; yes gives the outcome',
    turns: [
      ...untilPregnancyQuestion,
      { send: 'I think my lips are swelling', replies: [confirmQuestion] },
      { send: 'yes', replies: [emergency] },
    ],
    check: (_texts, event) => {
      expect(event?.outcome).to.equal('emergency');
      expect(event?.rules).to.include('R-RF-ANAPHYLAXIS');
    },
  },
  {
    name: 'an unsure red flag asks "Is this happening to you now?"; no resumes the interrupted question',
    turns: [
      ...untilPregnancyQuestion,
      { send: 'I think my lips are swelling', replies: [confirmQuestion] },
      { send: 'no', replies: [/Thank you for telling me/, pregnancyQuestion] },
      { send: 'no', replies: [/isotretinoin/] },
    ],
    check: noEscalation,
  },
  {
    name: 'on WhatsApp the confirmation question is a numbered list: "1" is yes',
    channelId: 'whatsapp',
    turns: [
      { send: 'hi' },
      { send: 'I think my lips are swelling', replies: [/Is this happening to you now\?\s+1\. Yes\s+2\. No/] },
      { send: '1', replies: [emergency] },
    ],
    // WhatsApp takes no events: the emergency instruction itself is the check.
  },
  {
    name: 'the confirmation question, answered with anything but yes, resumes too',
    turns: [
      ...untilPregnancyQuestion,
      { send: 'is my lip swelling normal?' },
      { send: 'hmm', replies: [/Thank you for telling me/, pregnancyQuestion] },
    ],
    check: noEscalation,
  },
  {
    name: 'a command while the confirmation question waits still does what it says',
    turns: [
      ...untilPregnancyQuestion,
      { send: 'I think my lips are swelling', replies: [confirmQuestion] },
      { send: 'forget me', replies: [/deleted everything/] },
    ],
    check: noEscalation,
  },
  {
    name: 'after treatment, "no, but its hard to breath" escalates: a leading no never answers everything',
    turns: [...untilSignsChecklist, { send: 'no, but its hard to breath', replies: [emergency] }],
    check: (_texts, event) => expect(event?.outcome).to.equal('emergency'),
  },
  {
    name: 'after treatment, "none of those, I feel really dizzy" escalates',
    turns: [...untilSignsChecklist, { send: 'none of those, I feel really dizzy', replies: [emergency] }],
    check: (_texts, event) => expect(event?.outcome).to.equal('emergency'),
  },
  {
    name: 'a condition named early ("I have eczema" with the concerns) is taken and read back at its checklist',
    turns: [wholeAssessment({ concerns: ['my pores, and I have eczema', "that's all"], conditions: ['no others'] }), { send: 'no thanks' }],
    check: (texts, event) => {
      expect(texts.join('\n')).to.match(/Noted: Eczema\. Any other/);
      expect(event?.rules).to.include('R-ECZEMA');
    },
  },
  {
    name: '"I stopped it 3 months ago" at the isotretinoin question is stopped, with its date',
    turns: [wholeAssessment({ isotretinoin: ['I stopped it 3 months ago'] }), { send: 'no thanks' }],
    check: (_texts, event) => expect(event?.rules).to.include('R-ISO-RECENT'),
  },
  {
    name: 'a "no" beside words the reader cannot place is not taken as no: the question is asked again',
    turns: [...untilPregnancyQuestion, { send: 'no, but zorbitol', replies: [/Please answer yes, no or not sure/] }],
  },
  {
    name: 'consent: "not sure" is asked again, "I do not want to continue" declines',
    turns: [
      { send: 'hi' },
      { send: 'not sure', replies: [/Please answer yes or no/] },
      { send: 'I do not want to continue', replies: [/won't ask you any health questions/] },
    ],
  },
];

describe('Reading what people write, conversation by conversation (SAFETY-SPEC v1.1)', () => {
  for (const testCase of cases) {
    it(testCase.name, async () => {
      const transcript = await runConversation(testCase.turns, testCase.channelId ? { channelId: testCase.channelId } : {});
      testCase.check?.(allTexts(transcript), completedEventOf(transcript));
    });
  }
});
