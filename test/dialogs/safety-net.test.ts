import { expect } from 'chai';
import type { Activity } from 'botbuilder';
import { runConversation, scriptUntil, type ConversationOptions, type Turn } from '../support/conversation.js';
import { askedQuestion, completedEventOf, type ScriptAnswers } from '../support/assessment-script.js';

/**
 * SAFETY-SPEC v1.2, the safety net: a message the reader cannot fully place that holds a body or
 * symptom word is never taken as an answer to the pending question and never gets a bare
 * retry. The bot asks "Is any of this happening to you now?" with the warning signs as choices,
 * then asks the pending question again. One test per prompt, answered by question id.
 */

const questionOf = (replies: Partial<Activity>[]) => askedQuestion(replies);

/** A handoff webhook, never called here: the offer of the team after the result is asked only with one. */
const withHandoff: ConversationOptions = { handoff: { url: 'http://127.0.0.1:9/handoff', secret: 'safety-net-secret-0123' } };

/** How each prompt is reached: the turns before the script, and answers that lead to it. */
const prompts: { id: string; opening?: Turn[]; answers?: ScriptAnswers; options?: ConversationOptions }[] = [
  { id: 'describe' },
  // The concerns question comes when a description named health answers and no concern.
  { id: 'concerns', answers: { describe: "I'm 34" } },
  { id: 'wrinkleDepth', answers: { concerns: 'wrinkles' } },
  { id: 'scarDepth', answers: { concerns: ['acne scars', "that's all"] } },
  { id: 'goal' },
  { id: 'age' },
  { id: 'pregnancy' },
  { id: 'isotretinoin' },
  { id: 'isotretinoinStopped', answers: { isotretinoin: 'I stopped it' } },
  { id: 'checklists' },
  { id: 'pigmentation' },
  { id: 'lastSession' },
  { id: 'lastSessionDate', answers: { lastSession: "yes, I've had it" } },
  { id: 'readBack' },
  { id: 'human', options: withHandoff },
  { id: 'afterSigns', opening: [{ send: 'hi' }, { send: 'yes' }, { send: 'my skin is red after micro-needling' }] },
  {
    id: 'treatmentDay',
    opening: [{ send: 'hi' }, { send: 'yes' }, { send: 'my skin is red after micro-needling' }],
    answers: { normalSymptoms: 'yes' },
  },
  { id: 'normalSymptoms', opening: [{ send: 'hi' }, { send: 'yes' }, { send: 'since my microneedling session my skin stings' }] },
];

/** Body or symptom words the reader cannot place, said the way people do. */
const unplaceable = [
  'my elbow hurts a bit',
  'i have a tingly feeling in my jaw',
  'my ears feel funny',
  'got a weird ache in my arm 🤔',
  'my tummy feels off tbh',
  "there's a numb patch on my chin",
  'my knee feels stiff lol',
  'feeling kinda sick and shaky',
  'my hands are all prickly',
  'my neck feels strange today',
];

describe('Safety net: body words the reader cannot place get the warning-sign question first', () => {
  prompts.forEach(({ id, opening, answers, options }, index) => {
    const message = unplaceable[index % unplaceable.length]!;
    it(`at "${id}": "${message}" gets the warning signs, then "${id}" again`, async () => {
      const transcript = await runConversation(
        [
          ...(opening ?? []),
          scriptUntil(id, answers),
          {
            send: message,
            replies: [
              (reply) => {
                expect(reply.text).to.match(/Is any of this happening to you now\?/);
                expect((reply.channelData as { questionId?: string }).questionId).to.equal('warningSigns');
              },
            ],
          },
          { send: 'None of these', replies: [/tell me straight away/, () => undefined] },
        ],
        options,
      );
      expect(questionOf(transcript.at(-1)!)).to.equal(id);
      expect(
        transcript
          .at(-2)!
          .map((reply) => reply.text ?? '')
          .join(' '),
      ).to.not.match(/Please answer/);
    });
  });

  it('a sign picked from the choices gives its outcome at once', async () => {
    const transcript = await runConversation([
      scriptUntil('medicines'),
      { send: 'my ears feel funny' },
      { send: 'Trouble breathing, or swollen lips, tongue or face', replies: [/emergency|Call/i] },
    ]);
    expect(completedEventOf(transcript)?.outcome).to.equal('emergency');
  });

  it('"not sure" says where to turn, then the question again', async () => {
    const transcript = await runConversation([
      scriptUntil('pigmentation'),
      { send: 'weird tingling in my cheek and my hands' },
      { send: 'not sure', replies: [/practitioner or an urgent care service today/, () => undefined] },
    ]);
    expect(questionOf(transcript.at(-1)!)).to.equal('pigmentation');
    expect(completedEventOf(transcript)).to.equal(undefined);
  });

  it('a placed answer with a body word is an answer, not a net ("no, my skin is fine")', async () => {
    const transcript = await runConversation([scriptUntil('pregnancy'), { send: 'no, not pregnant' }]);
    expect(questionOf(transcript.at(-1)!)).to.equal('isotretinoin');
  });
});

describe('A warning sign about someone else, now', () => {
  const cases: [at: string, message: string, instruction: RegExp][] = [
    ['pregnancy', 'my friend cant breathe!!', /someone with you now, call/],
    ['medicines', "my daughter's lips are swelling up right now", /someone with you now, call/],
    ['describe', 'omg my bf just passed out', /someone with you now, call/],
    ['conditions', 'my sisters eye is really hurting after her session', /someone with you now, they should contact their practitioner/],
  ];
  for (const [at, message, instruction] of cases) {
    it(`at "${at}": "${message}" gets the instruction for them, and nothing about the person changes`, async () => {
      const transcript = await runConversation([scriptUntil(at), { send: message, replies: [instruction] }]);
      expect(completedEventOf(transcript), 'no outcome for the person').to.equal(undefined);
      // the person's own question is still the one to answer
      const next = await runConversation([scriptUntil(at), { send: message }, scriptUntil('human')]);
      expect(completedEventOf(next)?.outcome).to.not.equal('emergency');
      expect(completedEventOf(next)?.rules ?? []).to.not.include('R-RF-ANAPHYLAXIS');
    });
  }
});
