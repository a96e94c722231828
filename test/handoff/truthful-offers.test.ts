import { expect } from 'chai';
import type { Activity } from 'botbuilder';
import { loadCore } from '../../src/core.js';
import { buildTestBot, runConversation, scriptUntil, wholeAssessment, wireLikeTheServer, type Turn } from '../support/conversation.js';
import { askedQuestion } from '../support/assessment-script.js';
import { receiverForSuite } from '../support/fake-handoff-receiver.js';

const SECRET = 'truthful-offers-secret-0123456789';
const core = loadCore('en', { name: 'Rose Clinic', phone: '+44 20 7946 0000', email: 'hello@rose.example' });
const CHANNELS = ['webchat', 'msteams', 'whatsapp'] as const;
/** A WhatsApp sender id that is a phone number, as Meta gives it. */
const WHATSAPP_SENDER = '447911123456';

/** Everything a reply shows: its text, its buttons, its cards. */
function shown(reply: Partial<Activity>): string {
  const buttons = (reply.suggestedActions?.actions ?? []).map((action) => action.title);
  return [reply.text ?? '', ...buttons, JSON.stringify(reply.attachments ?? [])].join('\n');
}

/**
 * What would promise a person or a call: an offer to connect, someone joining, a member of the
 * team brought in, someone who will call or contact them. (The old offer, "Would you like to talk
 * to a member of the clinic's team? [Yes, connect me]", matches three of them.)
 */
const PROMISES_A_PERSON = [
  /connect (me|you)/i,
  /member of the (clinic's )?team/i,
  /talk to a member/i,
  /put you through/i,
  /\bjoin(s|ing)? (this|the|our) (chat|conversation)/i,
  /\bwill (call|contact|get in touch with|phone|ring) you/i,
  /someone will/i,
];

const HANDOFF_QUESTIONS = ['human', 'handoffKnownPhone', 'handoffContact', 'handoffConsent'];

describe('Truthful about people: without a handoff webhook no reply offers a person, on any channel', function () {
  this.timeout(60_000);

  for (const channelId of CHANNELS) {
    it(`on ${channelId}: a whole assessment, "talk to a person" mid-way and after the result give the clinic's contacts`, async () => {
      const turns: Turn[] = [
        scriptUntil('pregnancy'),
        {
          send: 'talk to a person',
          replies: [/can't put you in touch with a person from this chat. You can reach Rose Clinic directly/, /pregnant/],
        },
        wholeAssessment(),
        {
          send: 'speak to someone',
          replies: [/You can reach Rose Clinic directly \(phone \+44 20 7946 0000 or e-mail hello@rose.example\)/],
        },
        { send: 'connect me to the team', replies: [/You can reach Rose Clinic directly/] },
      ];
      const userId = channelId === 'whatsapp' ? WHATSAPP_SENDER : 'user-1';
      const transcript = await runConversation(turns, { core, channelId, userId });
      const replies = transcript.flat();
      // The result ends with the contacts, not with a question.
      expect(replies.map(shown).join('\n')).to.match(/To talk to someone at Rose Clinic, contact them directly \(phone/);
      for (const reply of replies) {
        for (const promise of PROMISES_A_PERSON) expect(shown(reply), `${channelId}: ${shown(reply)}`).to.not.match(promise);
        expect(HANDOFF_QUESTIONS).to.not.include(askedQuestion([reply]));
      }
    });
  }
});

describe('Truthful about people: with a handoff webhook the offer is to ask the team to contact them', function () {
  this.timeout(60_000);
  const receiver = receiverForSuite(SECRET);

  // [channel, the answers to the handoff's questions, the contact the clinic gets, as the person reads it back, the questions asked]
  const cases: Array<[string, Record<string, string>, { kind: string; value: string }, string, string[]]> = [
    [
      'webchat',
      { handoffContact: 'sam@example.com' },
      { kind: 'email', value: 'sam@example.com' },
      'sam@example.com',
      ['human', 'handoffContact', 'handoffConsent'],
    ],
    // A number without +country, read for the clinic's country.
    [
      'msteams',
      { handoffContact: 'call me on 020 7946 0018' },
      { kind: 'phone', value: '+442079460018' },
      '+44 20 7946 0018',
      ['human', 'handoffContact', 'handoffConsent'],
    ],
    // The number the person writes from, confirmed, not asked.
    [
      'whatsapp',
      { handoffKnownPhone: 'yes' },
      { kind: 'phone', value: '+447911123456' },
      '+44 7911 123456',
      ['human', 'handoffKnownPhone', 'handoffConsent'],
    ],
  ];
  for (const [channelId, answers, contact, readBack, asked] of cases) {
    it(`on ${channelId}: offered at the result, the contact confirmed, consent asked, sent after the save, the result said once`, async () => {
      const userId = channelId === 'whatsapp' ? WHATSAPP_SENDER : 'user-1';
      const parts = buildTestBot({
        core,
        channelId,
        userId,
        handoff: { url: receiver().url, secret: SECRET, retryDelaysMs: [1, 1], defaultCountry: 'GB' },
      });
      wireLikeTheServer(parts.adapter, core);
      const transcript = await runConversation(
        [{ script: { answers: { human: 'yes', handoffConsent: 'yes', ...answers }, until: 'none' } }],
        { adapter: parts.adapter },
      );
      const replies = transcript.flat();
      const questions = replies.map((reply) => askedQuestion([reply])).filter((id) => id !== undefined && asked.includes(id));
      expect(questions).to.deep.equal(asked);
      const offer = replies.find((reply) => askedQuestion([reply]) === 'human')!;
      expect(shown(offer)).to.match(/Would you like Rose Clinic's team to contact you\?/);
      expect(shown(offer)).to.match(/Yes, ask them to contact me/);
      const consent = replies.find((reply) => askedQuestion([reply]) === 'handoffConsent')!;
      expect(consent.text).to.contain(`May I pass ${readBack} and the summary`);
      // The last turn: what became of the request, in the place of "on its way", said once.
      const last = transcript.at(-1)!.filter((reply) => reply.type === 'message');
      expect(last.map((reply) => reply.text)).to.deep.equal([`Sent: Rose Clinic's team has your request to contact you on ${readBack}.`]);
      expect(last[0]!.channelData).to.equal(undefined);
      expect(receiver().accepted()).to.have.length(1);
      expect(receiver().accepted()[0]!.body).to.deep.include({ channel: channelId, contact });
      for (const reply of replies) for (const promise of PROMISES_A_PERSON) expect(shown(reply)).to.not.match(promise);
    });
  }
});
