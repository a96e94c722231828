import { expect } from 'chai';
import { MemoryStorage, type Activity } from 'botbuilder';
import { buildTestBot, runConversation, testCore, wireLikeTheServer, type Turn } from '../support/conversation.js';
import { askedQuestion, shownText } from '../support/assessment-script.js';
import { receiverForSuite } from '../support/fake-handoff-receiver.js';

/** In every message the person types after the welcome: found anywhere in the store or a transcript, it was kept. */
const SENTINEL = 'QZXJ-TYPED';
const CHANNELS = ['webchat', 'msteams', 'whatsapp'] as const;
const declined = /won't ask you any health questions, and I won't keep anything you type.*general questions about micro-needling/s;
const consentAskedAgain = /Do you agree/;

/** Everything the store holds, as text. */
function stored(storage: MemoryStorage): string {
  return JSON.stringify((storage as unknown as { memory: Record<string, unknown> }).memory);
}

/** Declining by question id: the script answers the consent question "no", whatever the channel shows. */
const decline: Turn = { script: { answers: { consent: `no thanks ${SENTINEL}` } } };

describe('Consent declined: general questions still answered, nothing typed kept, no health answer taken', function () {
  this.timeout(60_000);

  for (const channelId of CHANNELS) {
    it(`on ${channelId}: the decline says so; a question is answered with its sources; nothing of the conversation is kept`, async () => {
      const storage = new MemoryStorage();
      const parts = buildTestBot({ storage, channelId });
      const { transcripts, recorder } = wireLikeTheServer(parts.adapter);
      const transcript = await runConversation(
        [
          decline,
          // A general question: answered from the guide, with its sources, and the terms are not asked again.
          {
            send: `how many sessions will I need? ${SENTINEL}`,
            replies: [
              (reply) => {
                expect(reply.text).to.match(/4 to 5 sessions/);
                // Sources: a citation entity where the channel shows them, else named in the text.
                if (channelId === 'whatsapp') expect(reply.text).to.match(/Source|Micro-needling article/i);
                else expect(reply.entities?.[0]?.['citation']).to.have.length.greaterThan(0);
              },
            ],
          },
          // A question that touches a rule: the rule's general answer, for nobody in particular.
          { send: `can I have it if I have rosacea ${SENTINEL}`, replies: [/rosacea/i] },
          { send: 'what do you know about me', replies: [/You said no to the terms on 24 November 2026, so I keep nothing you type/] },
        ],
        { adapter: parts.adapter },
      );
      const declinedAt = transcript.findIndex((replies) => replies.some((reply) => declined.test(reply.text ?? '')));
      expect(declinedAt, 'the decline reply').to.be.at.least(0);
      // Nothing is asked after it: not the terms again, not a health question.
      for (const replies of transcript.slice(declinedAt)) expect(askedQuestion(replies)).to.equal(undefined);
      await recorder.flush();
      // No transcript of the conversation, not even of the welcome before the decline.
      const kept = await transcripts.getTranscriptActivities(channelId, 'conversation-1');
      expect(kept.items).to.deep.equal([]);
      expect(stored(storage)).to.not.contain(SENTINEL);
      // Only that they said no, and when.
      const profile = (await storage.read([`${channelId}/users/user-1/`]))[`${channelId}/users/user-1/`]?.['userProfile'];
      expect(profile.consent).to.deep.equal({ given: false, at: '2026-11-24T10:00:00.000Z' });
      const conversation = (await storage.read([`${channelId}/conversations/conversation-1/`]))[
        `${channelId}/conversations/conversation-1/`
      ];
      // No concern, no answer, no decision.
      expect(conversation?.['assessment'] ?? { concerns: [], answers: {} }).to.deep.equal({ concerns: [], answers: {} });
    });
  }

  it('takes no health answer from what they write, and anything but a question offers the terms again', async () => {
    const storage = new MemoryStorage();
    const parts = buildTestBot({ storage });
    const { transcripts, recorder } = wireLikeTheServer(parts.adapter);
    const healthAnswers = ['rosacea', 'anticoagulant', '"age"', 'prolonged', 'daysSinceTreatment'];
    const nothingTaken = () => {
      const text = stored(storage);
      expect(text).to.not.contain(SENTINEL);
      for (const answer of healthAnswers) expect(text).to.not.contain(answer);
    };
    const offeredAgain = [/skin-treatment guide/, /automated assistant/, consentAskedAgain];
    await runConversation([decline, { send: `I'm 34, I have rosacea and I take warfarin ${SENTINEL}`, replies: offeredAgain }], {
      adapter: parts.adapter,
    });
    nothingTaken();
    // An after-treatment report offers the terms again, the check to follow, but nothing it said is kept for it.
    await runConversation([{ send: `I had micro-needling 10 days ago and my skin is still red ${SENTINEL}`, replies: offeredAgain }], {
      adapter: parts.adapter,
    });
    nothingTaken();
    await runConversation([{ send: `no ${SENTINEL}`, replies: [declined] }], { adapter: parts.adapter });
    nothingTaken();
    await recorder.flush();
    expect((await transcripts.getTranscriptActivities('webchat', 'conversation-1')).items).to.deep.equal([]);
  });

  it('still answers a red flag, remembers the instruction, and keeps the outcome but not the signs', async () => {
    const storage = new MemoryStorage();
    const parts = buildTestBot({ storage });
    const { transcripts, recorder } = wireLikeTheServer(parts.adapter);
    const transcript = await runConversation(
      [decline, { send: `my lips are swelling and I can't breathe ${SENTINEL}` }, { send: `ok ${SENTINEL}` }],
      { adapter: parts.adapter },
    );
    // The engine decided it, and it is in the audit trail (ids only).
    expect(parts.audit.records.map((record) => record.outcome)).to.deep.equal(['emergency']);
    const [flag, later] = transcript.slice(-2);
    expect(flag!.filter((reply) => reply.type === 'message')).to.have.length.greaterThan(0);
    // The instruction again, not the terms.
    const laterText = later!.map((reply: Partial<Activity>) => shownText(reply)).join('\n');
    expect(laterText).to.contain(testCore().strings('redFlag.again.emergency'));
    expect(laterText).to.not.match(consentAskedAgain);
    await recorder.flush();
    expect((await transcripts.getTranscriptActivities('webchat', 'conversation-1')).items).to.deep.equal([]);
    const conversation = (await storage.read(['webchat/conversations/conversation-1/']))['webchat/conversations/conversation-1/'];
    expect(conversation?.['assessment']).to.deep.include({ answers: {}, concerns: [] });
    expect(conversation?.['assessment']?.decision?.outcome).to.equal('emergency');
    expect(stored(storage)).to.not.contain(SENTINEL);
  });

  describe('with a handoff webhook', () => {
    const receiver = receiverForSuite('consent-decline-secret-0123456789');

    it('asking for a person gives the clinic contacts: no contact is asked for, kept or passed on', async () => {
      const storage = new MemoryStorage();
      const parts = buildTestBot({ storage, handoff: { url: receiver().url, secret: 'consent-decline-secret-0123456789' } });
      const transcript = await runConversation(
        [decline, { send: 'talk to a person', replies: [/won't pass anything on. You can reach Your Skin Clinic directly/] }],
        { adapter: parts.adapter },
      );
      expect(askedQuestion(transcript.at(-1)!)).to.equal(undefined);
      expect(receiver().received).to.deep.equal([]);
    });
  });

  it('changing their mind: saying hello offers the terms again, and from "yes" on the conversation is kept', async () => {
    const storage = new MemoryStorage();
    const parts = buildTestBot({ storage });
    const { transcripts, recorder } = wireLikeTheServer(parts.adapter);
    await runConversation(
      [
        decline,
        { send: 'hello', replies: [/skin-treatment guide/, /automated assistant/, consentAskedAgain] },
        { send: 'yes', replies: [/Thank you/, /in your own words/] },
        { send: 'my pores', replies: [/Noted: your concerns: large pores/, /at a clinic, or/] },
      ],
      { adapter: parts.adapter },
    );
    await recorder.flush();
    const kept = (await transcripts.getTranscriptActivities('webchat', 'conversation-1')).items;
    const typed = kept.filter((activity) => activity.from?.id === 'user-1').map((activity) => activity.text);
    expect(typed).to.deep.equal(['yes', 'my pores']);
  });
});
