import { expect } from 'chai';
import { runConversation, scriptUntil, wholeAssessment, type Turn } from '../support/conversation.js';
import { allTexts } from '../support/assessment-script.js';

/**
 * Issue 19 in the conversation: a question to the guide is answered for this person, from what
 * they said so far (SAFETY-SPEC v1.1 "Questions about safety outside the screening").
 */

interface GuideCase {
  name: string;
  turns: Turn[];
  says: RegExp[];
  never?: RegExp[];
}

const expertAtHome = /at home only with advice from an expert|only with advice from an expert/i;

const cases: GuideCase[] = [
  {
    name: 'after rosacea in the screening, "can I just do it at home?" says no, and why',
    turns: [wholeAssessment({ conditions: ['rosacea', 'no others'] }), { send: 'no thanks' }, { send: 'can I just do it at home?' }],
    says: [/rosacea/i],
    never: [expertAtHome],
  },
  {
    name: '"I\'m 16, can I use a roller at home?" mid-screening names the age limit',
    turns: [scriptUntil('pregnancy'), { send: "I'm 16, can I use a roller at home?" }],
    says: [/18/],
    never: [expertAtHome],
  },
  {
    name: '"should I stop my warfarin first?" is answered from the blood-thinner rule',
    turns: [scriptUntil('medicines'), { send: 'should I stop my warfarin first?' }],
    says: [/(never|not) stop/i],
  },
  {
    name: '"is there an age limit?" says 18',
    turns: [scriptUntil('age'), { send: 'is there an age limit?' }],
    says: [/18/],
  },
  {
    name: 'another treatment is declined with the clinic, and the screening resumes',
    turns: [scriptUntil('pregnancy'), { send: 'how long does botox last?' }],
    says: [/only cover micro-needling/, /pregnant or breastfeeding/],
  },
];

describe('Questions to the guide, answered for the person', () => {
  for (const testCase of cases) {
    it(testCase.name, async () => {
      const transcript = await runConversation(testCase.turns);
      const last = allTexts(transcript.slice(-1)).join('\n');
      for (const pattern of testCase.says) expect(last).to.match(pattern);
      for (const pattern of testCase.never ?? []) expect(last).to.not.match(pattern);
    });
  }
});
