import { expect } from 'chai';
import type { Activity } from 'botbuilder';
import { runConversation, scriptUntil, testCore, wholeAssessment, type Turn } from '../support/conversation.js';
import { allTexts, completedEventOf } from '../support/assessment-script.js';

/** SAFETY-SPEC v1.1 "After the outcome", conversation by conversation. */

const emergency = /call your local emergency number now/i;
const urgent = /contact your practitioner, or an urgent care service, today/;
const BOOKING_URL = 'https://clinic.example/book';

/** The booking link in a reply's text, or on a card's button. */
const hasBooking = (replies: Partial<Activity>[]) =>
  replies.some(
    (reply) =>
      (reply.text ?? '').includes(BOOKING_URL) ||
      (reply.attachments ?? []).some((attachment) => JSON.stringify(attachment.content ?? {}).includes(BOOKING_URL)),
  );
const summaryOf = (replies: Partial<Activity>[]) =>
  replies
    .flatMap((reply) => reply.attachments ?? [])
    .map((attachment) => JSON.stringify(attachment.content))
    .find((card) => card.includes('consultation summary'));

interface AfterCase {
  name: string;
  turns: Turn[];
  check: (transcript: Partial<Activity>[][]) => void;
}

const cases: AfterCase[] = [
  {
    name: 'after an emergency, "ok" gets the same instruction first, not the welcome',
    turns: [scriptUntil('pregnancy'), { send: "my lips are swelling and I can't breathe", replies: [emergency] }, { send: 'ok' }],
    check: (transcript) => {
      const last = allTexts(transcript.slice(-1)).join('\n');
      expect(last).to.match(emergency);
      expect(last).to.not.match(/Welcome|in your own words/);
    },
  },
  {
    name: 'after an urgent sign, "ok, what can I apply on it?" gets the instruction again and no self-treatment advice',
    turns: [
      { send: 'hi' },
      { send: 'yes' },
      { send: 'I had micro-needling 2 days ago and there is pus and it hurts more', replies: [urgent] },
      { send: 'ok, what can I apply on it?' },
    ],
    check: (transcript) => {
      const last = allTexts(transcript.slice(-1)).join('\n');
      expect(last).to.match(urgent);
      expect(last).to.not.match(/aftercare|gentle with your skin|apply/i);
    },
  },
  {
    name: 'start over ends the remembered instruction',
    turns: [scriptUntil('pregnancy'), { send: "I can't breathe", replies: [emergency] }, { send: 'start over' }],
    check: (transcript) => expect(allTexts(transcript.slice(-1)).join('\n')).to.match(/in your own words/),
  },
  {
    name: 'a 16-year-old is stopped: no booking, no offer of a person, nothing about the questions not asked',
    turns: [wholeAssessment({ age: '16' })],
    check: (transcript) => {
      const replies = transcript.flat();
      expect(hasBooking(replies)).to.equal(false);
      expect(allTexts(transcript).join('\n')).to.not.match(/talk to a member of the clinic|Some questions are still open/);
      expect(completedEventOf(transcript)?.rules).to.deep.equal(['R-AGE-MINOR']);
      // The host page reads this and shows no booking panel either.
      expect((completedEventOf(transcript) as { endedBy?: string } | undefined)?.endedBy).to.equal('R-AGE-MINOR');
      expect(summaryOf(replies)).to.not.contain('still open');
    },
  },
  {
    name: 'a minor who asks for a person is pointed to the clinic with a parent or guardian',
    turns: [wholeAssessment({ age: '16' }), { send: 'talk to a person' }],
    check: (transcript) => expect(allTexts(transcript.slice(-1)).join('\n')).to.match(/parent or guardian/),
  },
  {
    name: 'no concern named: the general advice entry of the guide',
    turns: [wholeAssessment({ concerns: 'none of these' })],
    check: (transcript) => {
      const { kb } = testCore();
      expect(allTexts(transcript).join('\n')).to.contain(kb.generalAdvice().title);
    },
  },
  {
    name: 'an adult with nothing to report is offered the booking',
    turns: [wholeAssessment()],
    check: (transcript) => expect(hasBooking(transcript.flat())).to.equal(true),
  },
  {
    name: 'at home with rosacea: "not at home" stands alone, no N-DIY beside it',
    turns: [wholeAssessment({ goal: 'at home', conditions: ['rosacea', 'no others'] })],
    check: (transcript) => {
      expect(completedEventOf(transcript)?.notes).to.not.include('N-DIY');
      expect(allTexts(transcript).join('\n')).to.not.match(/only with advice from an expert/);
    },
  },
  {
    name: 'at home with nothing to report: N-DIY is given',
    turns: [wholeAssessment({ goal: 'at home' })],
    check: (transcript) => expect(completedEventOf(transcript)?.notes).to.include('N-DIY'),
  },
  {
    name: 'one time-bound reason among others: no "Reconsider from" headline, the date in its own sentence',
    turns: [wholeAssessment({ conditions: ['rosacea', 'no others'], lastSession: '3 weeks ago' })],
    check: (transcript) => {
      const card = summaryOf(transcript.flat())!;
      expect(card).to.not.contain('Reconsider from');
      expect(allTexts(transcript).join('\n')).to.match(/1 December 2026/);
    },
  },
  {
    name: 'only time-bound reasons: the "Reconsider from" headline',
    turns: [wholeAssessment({ lastSession: '3 weeks ago' })],
    check: (transcript) => expect(summaryOf(transcript.flat())).to.contain('Reconsider from'),
  },
  {
    name: 'fine lines, nothing deep: no deep-wrinkle note',
    turns: [wholeAssessment({ concerns: ['wrinkles', "that's all"], wrinkleDepth: 'fine lines, nothing deep' })],
    check: (transcript) => expect(completedEventOf(transcript)?.notes).to.not.include('N-DEEP-WRINKLES'),
  },
  {
    name: 'the summary states what the person said as they meant it ("my mum has diabetes but i dont")',
    turns: [wholeAssessment({ conditions: ['my mum has diabetes but i dont', 'none of these'] })],
    check: (transcript) => expect(summaryOf(transcript.flat())).to.not.match(/diabetes/i),
  },
];

describe('After the outcome (SAFETY-SPEC v1.1)', () => {
  for (const testCase of cases) {
    it(testCase.name, async () => {
      const transcript = await runConversation(testCase.turns, { bookingUrl: BOOKING_URL });
      testCase.check(transcript);
    });
  }
});
