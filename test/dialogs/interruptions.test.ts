import { expect } from 'chai';
import { MemoryStorage } from 'botbuilder';
import { buildTestBot, runConversation, scriptUntil, wholeAssessment, type Turn } from '../support/conversation.js';
import { allTexts, completedEventOf } from '../support/assessment-script.js';

/** Up to the pregnancy question: consent, concerns, goal, age. */
const untilPregnancyQuestion: Turn[] = [scriptUntil('pregnancy')];
const pregnancyQuestion = /pregnant or breastfeeding/;

interface InterruptionCase {
  name: string;
  turns: Turn[];
  check?: (texts: string[], transcript: Awaited<ReturnType<typeof runConversation>>) => void;
}

const cases: InterruptionCase[] = [
  {
    name: 'help mid-screening explains and asks the same question again',
    turns: [
      ...untilPregnancyQuestion,
      { send: 'help', replies: [/start over.*forget me/s, pregnancyQuestion] },
      { send: 'no', replies: [/isotretinoin/] },
    ],
  },
  {
    name: 'asking for a human at any point, without a handoff target: the clinic contacts, no person promised, the event for the host page',
    turns: [
      ...untilPregnancyQuestion,
      {
        send: 'talk to a person',
        replies: [/can't put you in touch with a person from this chat. You can reach Your Skin Clinic directly/, pregnancyQuestion],
      },
    ],
    check: (_texts, transcript) => {
      const handoff = transcript.flat().find((a) => a.type === 'event' && a.name === 'handoff.initiate');
      expect(handoff?.value?.concerns).to.deep.equal(['large-pores']);
    },
  },
  {
    name: 'without a handoff target the result ends with the clinic contacts, and asking after it gives them with the decision to the host page',
    turns: [wholeAssessment(), { send: 'talk to a person', replies: [/You can reach Your Skin Clinic directly/] }],
    check: (texts, transcript) => {
      expect(texts.join('\n')).to.match(/To talk to someone at Your Skin Clinic, contact them directly/);
      expect(transcript.flat().some((a) => a.channelData?.questionId === 'human')).to.equal(false);
      const handoff = transcript.flat().find((a) => a.type === 'event' && a.name === 'handoff.initiate');
      expect(handoff?.value?.decision?.outcome).to.equal('consultation');
    },
  },
  {
    name: 'cancel mid-screening stops the flow',
    turns: [...untilPregnancyQuestion, { send: 'cancel', replies: [/stopped/] }],
  },
  {
    name: 'start over mid-screening begins again with the concerns',
    turns: [...untilPregnancyQuestion, { send: 'start over', replies: [/start again/, /Welcome back/, /in your own words/] }],
  },
  {
    name: 'what do you know about me lists the stored answers and resumes',
    turns: [
      ...untilPregnancyQuestion,
      {
        send: 'what do you know about me?',
        replies: [/agreed to the terms on 24 November 2026.*Large pores.*at a clinic.*your age: 34.*forget me/s, pregnancyQuestion],
      },
    ],
  },
  {
    name: 'a question mid-flow is answered from the guide with its sources, then the flow resumes',
    turns: [
      ...untilPregnancyQuestion,
      {
        send: 'how many sessions will I need?',
        replies: [
          (reply) => {
            expect(reply.text).to.match(/4 to 5 sessions/);
            expect(reply.entities?.[0]?.['@type']).to.equal('Message');
            expect(reply.entities?.[0]?.['citation']).to.have.length.greaterThan(0);
          },
          /Back to where we were/,
          pregnancyQuestion,
        ],
      },
      { send: 'no', replies: [/isotretinoin/] },
    ],
  },
  {
    name: 'a question the guide does not cover gets no made-up answer, and the flow resumes',
    turns: [
      ...untilPregnancyQuestion,
      {
        send: 'how much does botox cost?',
        replies: [/only cover micro-needling/, /Back to where we were/, pregnancyQuestion],
      },
    ],
  },
  {
    name: 'an emergency phrase interrupts everything with the emergency message alone',
    turns: [
      ...untilPregnancyQuestion,
      {
        send: "my lips are swelling and I can't breathe",
        // The instruction alone: call now, what the signs may mean, what to do now (no number configured: no button).
        replies: [/^Call your local emergency number now\.\n[^\n]*serious allergic reaction\.\nWhat to do now\nDon't wait[^\n]*$/],
      },
    ],
    check: (_texts, transcript) => expect(completedEventOf(transcript)?.outcome).to.equal('emergency'),
  },
  {
    name: 'an urgent phrase interrupts with the urgent message',
    turns: [...untilPregnancyQuestion, { send: "there's pus coming out of my cheek", replies: [/contact your practitioner.*today/] }],
    check: (_texts, transcript) => expect(completedEventOf(transcript)?.rules).to.include('R-RF-INFECTION'),
  },
  {
    name: 'a negated red-flag phrase is read as an answer, not a flag',
    turns: [...untilPregnancyQuestion, { send: 'no fever, and no I am not pregnant', replies: [/isotretinoin/] }],
  },
  {
    name: 'an image instead of an answer is asked to be typed',
    turns: [
      ...untilPregnancyQuestion,
      {
        send: { type: 'message', attachments: [{ contentType: 'image/png', contentUrl: 'http://127.0.0.1/x.png' }] },
        replies: [/only read text/, pregnancyQuestion],
      },
    ],
  },
  {
    name: 'after treatment: "I had it done yesterday and my face is red" leads to the after-treatment check',
    turns: [
      { send: 'hi' },
      { send: 'yes' },
      {
        send: 'I had it done yesterday and my face is red',
        replies: [/Welcome back/, /sorry you're having trouble/, /Do you have any of these/],
      },
      {
        send: 'none of these',
        // The after-treatment check's own words (v1.1): a normal reaction is called that, with the aftercare note, in one message.
        replies: [/sounds like the normal reaction[\s\S]*be gentle with your skin/],
      },
    ],
    check: (_texts, transcript) => {
      const event = completedEventOf(transcript);
      expect(event?.outcome).to.equal('consultation');
      expect(event?.rules).to.include('R-AFTER-NORMAL');
    },
  },
  {
    name: 'after treatment: redness past a week needs a professional',
    turns: [
      { send: 'hi' },
      { send: 'yes' },
      // The report itself says the redness has lasted: the checklist starts from it and asks only about the rest.
      {
        send: 'I had micro-needling 10 days ago and my skin is still red',
        replies: [/Welcome back/, /sorry/, /Noted: Redness past 7 days.*Any other/],
      },
      // The reader takes "still red" for the prolonged reaction only, so the common-reaction question is asked.
      { send: 'no others', replies: [/red, tight or a little swollen/] },
      { send: 'yes', replies: [/Please see your practitioner[\s\S]*be gentle with your skin/] },
    ],
    check: (_texts, transcript) => expect(completedEventOf(transcript)?.rules).to.include('R-AFTER-PROLONGED'),
  },
];

describe('Interruptions and side routes', () => {
  for (const testCase of cases) {
    it(testCase.name, async () => {
      const transcript = await runConversation(testCase.turns);
      testCase.check?.(allTexts(transcript), transcript);
    });
  }

  it('forget me deletes the person and the conversation from the store', async () => {
    const storage = new MemoryStorage();
    await runConversation([...untilPregnancyQuestion, { send: 'forget me', replies: [/deleted everything/] }], { storage });
    // MemoryStorage marks a deleted key as undefined.
    const memory = (storage as unknown as { memory: Record<string, unknown> }).memory;
    expect(Object.values(memory).filter((value) => value !== undefined)).to.deep.equal([]);
    await runConversation([{ send: 'hello', replies: [/skin-treatment guide/, /automated assistant/, /Do you agree/] }], { storage });
  });

  it('resumes from the store after a restart mid-conversation', async () => {
    const storage = new MemoryStorage();
    await runConversation(untilPregnancyQuestion, { storage });
    const restarted = buildTestBot({ storage });
    // A new TestAdapter numbers its activities from 0 again; the bot's durable dedupe would take
    // this as a redelivery of the first message, so the message after the restart gets its own id.
    const afterRestart = { type: 'message', text: 'no', id: 'after-restart-1' };
    await runConversation([{ send: afterRestart, replies: [/isotretinoin/] }], { adapter: restarted.adapter });
  });

  it('audits each decision with the rules version and ids, and no free text', async () => {
    const parts = buildTestBot();
    await runConversation([wholeAssessment({ conditions: ['I have rosacea', 'no others'] }), { send: 'no thanks' }], {
      adapter: parts.adapter,
    });
    expect(parts.audit.records).to.have.length(1);
    const record = parts.audit.records[0]!;
    expect(record.ruleIds).to.include('R-ROSACEA');
    expect(record.rulesVersion).to.be.a('string');
    expect(JSON.stringify(record)).to.not.match(/I have rosacea|conversation-1|user-1/i);
  });
});
