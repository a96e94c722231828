import { expect } from 'chai';
import type { Activity } from 'botbuilder';
import { runConversation, scriptUntil, wholeAssessment, type Turn } from '../support/conversation.js';
import { allTexts, askedQuestion, type ScriptAnswers } from '../support/assessment-script.js';

/**
 * Issue 27: questions are questions without a question mark, at every prompt; the decline for
 * other treatments never catches an in-scope question about micro-needling; a safety question
 * naming a condition is answered from that rule; after the result, a question is answered for
 * the person, never a restart; dark patches after a session are for the practitioner.
 */

const EXPERT_AT_HOME = /at home only with (the )?advice|only with advice from an expert|with an expert'?s advice/i;
const DECLINED = /I only cover micro-needling/;
const lastQuestion = (transcript: Partial<Activity>[][]) => askedQuestion(transcript.at(-1)!);

const prompts: [id: string, answers?: ScriptAnswers][] = [
  ['describe'],
  ['goal'],
  ['age'],
  ['pregnancy'],
  ['checklists'],
  ['isotretinoin'],
  ['lastSession'],
];

/** In-scope questions as people type them: no "?", lower case, a filler first. */
const questions: [text: string, answer: RegExp][] = [
  ['does it hurt much', /not completely painless/],
  ['how long till i see results', /Results are not immediate/],
  ['so is it painful', /not completely painless/],
  ['how soon do you see results', /Results are not immediate/],
  ['do i need to see a professional first', /qualified, trained practitioner/],
  ['ok how often can you do it', /session/i],
  ['how long does the redness last', /redness/i],
];

describe('Questions without a question mark, at every prompt', () => {
  prompts.forEach(([id, answers], index) => {
    const [text, answer] = questions[index % questions.length]!;
    it(`at "${id}": "${text}" is answered, then "${id}" is asked again`, async () => {
      const transcript = await runConversation([scriptUntil(id, answers), { send: text }]);
      const said = allTexts(transcript.slice(-1)).join('\n');
      expect(said).to.match(answer);
      expect(said).to.not.match(DECLINED);
      expect(lastQuestion(transcript)).to.equal(id);
    });
  });

  it('a question the guide cannot answer is said so, never read as an answer ("what do you think of my skin type")', async () => {
    const transcript = await runConversation([scriptUntil('describe'), { send: 'what do you think of my skin type' }]);
    const said = allTexts(transcript.slice(-1)).join('\n');
    expect(said).to.match(/I don't have that in my guide/);
    expect(said).to.not.match(/couldn't find a concern/);
    expect(lastQuestion(transcript)).to.equal('describe');
  });

  it('a "no" inside a question is no answer ("is it ok if I say no"): the question comes again', async () => {
    const transcript = await runConversation([scriptUntil('pregnancy'), { send: 'is it ok if i say no' }]);
    expect(lastQuestion(transcript)).to.equal('pregnancy');
  });
});

describe('Dark patches reported after a session', () => {
  it('start the after-treatment check, which ends with "see your practitioner", never at home with an expert', async () => {
    const transcript = await runConversation([
      wholeAssessment(),
      { send: 'got dark patches after my last session, can i sort them out at home' },
      { script: { answers: { afterSigns: 'no others', normalSymptoms: 'no' } } },
    ]);
    const texts = allTexts(transcript).join('\n');
    expect(texts).to.match(/contact your practitioner/i);
    expect(allTexts(transcript.slice(-4)).join('\n')).to.not.match(EXPERT_AT_HOME);
  });
});

describe('Safety questions and questions after the result', () => {
  const cases: { name: string; turns: Turn[]; says: RegExp[]; never?: RegExp[]; notAsked?: string }[] = [
    {
      name: 'pregnant, needling stretch marks: answered from the pregnancy rule, not declined',
      turns: [scriptUntil('describe'), { send: 'pregnant, can I needle my stretch marks?' }],
      says: [/not advised during pregnancy/],
      never: [DECLINED],
    },
    {
      name: 'breastfeeding and a dermaroller for stretch marks: the rule, not the decline',
      turns: [scriptUntil('goal'), { send: "i'm breastfeeding atm, is a dermaroller ok for stretch marks" }],
      says: [/breastfeeding/],
      never: [DECLINED],
    },
    {
      name: 'a minor asking about a home roller after the result gets the answer for them, not a restart',
      turns: [wholeAssessment({ age: "I'm 16" }), { send: 'so could i just use a derma roller at home instead' }],
      says: [/adults aged 18 and over/, /don't try micro-needling at home/],
      never: [EXPERT_AT_HOME, /in your own words/],
    },
    {
      name: 'dark patches after a session, asked as a question: see the practitioner, never at home with an expert',
      turns: [wholeAssessment(), { send: 'dark patches after a session, can i treat them at home' }],
      says: [/contact your practitioner/i],
      never: [EXPERT_AT_HOME],
    },
  ];
  for (const testCase of cases) {
    it(testCase.name, async () => {
      const transcript = await runConversation(testCase.turns);
      const said = allTexts(transcript.slice(-1)).join('\n');
      for (const pattern of testCase.says) expect(said).to.match(pattern);
      for (const pattern of testCase.never ?? []) expect(said).to.not.match(pattern);
    });
  }
});
