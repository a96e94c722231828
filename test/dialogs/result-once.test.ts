import { expect } from 'chai';
import type { Activity } from 'botbuilder';
import { renderForWhatsApp, type OutboundPayload } from '../../src/whatsapp/render.js';
import { runConversation, wholeAssessment, type Turn, chatPageAdapter } from '../support/conversation.js';
import { completedEventOf, shownText, type ScriptAnswers } from '../support/assessment-script.js';

/**
 * Issue 29, "Hear the result once": one message with the outcome, the reasons that apply (none
 * restating the headline), the advice and each note once, then the summary; booking offered once
 * per channel; a correction after the result says what changed and the new outcome in at most
 * three messages, with a new summary only when the outcome changed. Conversations answer by
 * question id (test/support/assessment-script.ts) and count what each channel shows.
 */

const BOOKING_URL = 'https://clinic.example/book';
type Replies = Partial<Activity>[];

const messagesOf = (replies: Replies) => replies.filter((reply) => reply.type === 'message');
/** The result's messages: everything the read-back's answer got, before the question that follows it. */
/** The result: the messages before the next question or the closing line (the clinic's contacts, accepting input). */
const resultOf = (replies: Replies) =>
  messagesOf(replies).filter((reply) => reply.inputHint !== 'expectingInput' && reply.inputHint !== 'acceptingInput');
const whatsAppPayloads = (replies: Replies): OutboundPayload[] => replies.flatMap((reply) => renderForWhatsApp(reply));
const payloadText = (payload: OutboundPayload) => (payload.type === 'text' ? payload.text.body : payload.interactive.body.text);
const occurrences = (text: string, pattern: RegExp) => text.match(new RegExp(pattern.source, 'g'))?.length ?? 0;
const bookingOffers = (replies: Replies) =>
  replies.filter((reply) => (reply.text ?? '').includes(BOOKING_URL) || JSON.stringify(reply.attachments ?? []).includes(BOOKING_URL))
    .length;
const summaries = (replies: Replies) =>
  replies.filter((reply) => JSON.stringify(reply.attachments ?? []).includes('Your consultation summary'));

/** Three concerns whose advice says a note's words (deep scars, deep wrinkles, dark patches). */
const threeConcerns: ScriptAnswers = {
  concerns: ['acne scars, wrinkles and sun damage', "that's all"],
  scarDepth: 'deep pitted scars',
  wrinkleDepth: 'deep ones',
  pigmentation: 'yes',
};

/** Each sentence said once in the result, whatever said it (the advice or a note). */
const onceEach: Array<[string, RegExp]> = [
  ['the headline (R-NONE, not also under "Why:")', /Nothing in your answers rules out a consultation/],
  ['deep scars (N-DEEP-SCARS, said by the acne-scars advice)', /[Dd]eep (acne )?scars need longer needles/],
  ['deep wrinkles (N-DEEP-WRINKLES, said by the wrinkles advice)', /not very effective for deep wrinkles/],
  ['dark patches (N-PIH, said by the pigmentation advice)', /risk of dark patches/],
  ['aftercare (N-AFTERCARE)', /be gentle with your skin/],
];

describe('Hear the result once', () => {
  describe('the result, on each channel', () => {
    const channels: Array<{ name: string; run: () => Promise<Partial<Activity>[][]>; booking: number }> = [
      {
        name: "Web Chat (a host's own page, no booking panel)",
        run: () => runConversation([wholeAssessment(threeConcerns)], { bookingUrl: BOOKING_URL }),
        booking: 1,
      },
      {
        name: 'the chat page, whose panel is the booking offer',
        run: () => runConversation([wholeAssessment(threeConcerns)], { adapter: chatPageAdapter(BOOKING_URL) }),
        booking: 0,
      },
      {
        name: 'Teams',
        run: () => runConversation([wholeAssessment(threeConcerns)], { bookingUrl: BOOKING_URL, channelId: 'msteams' }),
        booking: 1,
      },
      {
        name: 'WhatsApp',
        run: () => runConversation([wholeAssessment(threeConcerns)], { bookingUrl: BOOKING_URL, channelId: 'whatsapp' }),
        booking: 1,
      },
    ];
    for (const channel of channels) {
      it(`${channel.name}: two messages, each sentence once, booking offered ${channel.booking === 0 ? 'only by the panel' : 'once'}`, async () => {
        const replies = (await channel.run()).at(-1)!;
        const result = resultOf(replies);
        expect(result, 'the outcome with its reasons, advice and notes; then the summary').to.have.length(2);
        expect(summaries(result)).to.have.length(channel.name === 'WhatsApp' ? 0 : 1);
        // Each sentence once in everything said at the end, the closing line included.
        const said = messagesOf(replies).map(shownText).join('\n');
        for (const [what, pattern] of onceEach) expect(occurrences(said, pattern), what).to.equal(1);
        expect(said).to.not.match(/Why:/);
        expect(bookingOffers(messagesOf(replies))).to.equal(channel.booking);
      });
    }

    it('WhatsApp: at most three notifications from the result to the next question, its own bold, no link twice in a row', async () => {
      const replies = (await runConversation([wholeAssessment(threeConcerns)], { bookingUrl: BOOKING_URL, channelId: 'whatsapp' })).at(-1)!;
      const payloads = whatsAppPayloads(replies);
      expect(payloads.length, payloads.map(payloadText).join('\n---\n')).to.be.at.most(3);
      const texts = payloads.map(payloadText);
      expect(texts.join('\n')).to.not.contain('**');
      expect(texts[0]).to.match(/^\*Nothing in your answers rules out a consultation\.[^*]*\*\n/);
      expect(texts[0]).to.match(/\n\*Acne scars\*\n/);
      expect(texts[0]).to.match(/\nSources:\n\[1\]/);
      expect(occurrences(texts.join('\n'), /https:\/\/clinic\.example\/book/)).to.equal(1);
      const urls = (text: string) => new Set(text.match(/https?:\/\/\S+/g) ?? []);
      for (let i = 1; i < texts.length; i++) {
        const shared = [...urls(texts[i]!)].filter((url) => urls(texts[i - 1]!).has(url));
        expect(shared, 'a link in two messages in a row').to.deep.equal([]);
      }
    });

    it('reasons that apply are said under "Why:" beneath the outcome, and in the summary', async () => {
      const transcript = await runConversation([wholeAssessment({ conditions: ['rosacea', 'no others'] })]);
      const [message, summary] = resultOf(transcript.at(-1)!);
      expect(message!.text).to.match(/^\*\*Based on your answers, only a professional can decide[^*]*\*\*\n\nWhy:\n- With rosacea/);
      expect(shownText(summary!)).to.match(/Reasons\n• With rosacea/);
    });

    it('the summary card has no notes: they were said once, in the message', async () => {
      const transcript = await runConversation([wholeAssessment(threeConcerns)]);
      const card = JSON.stringify(summaries(transcript.at(-1)!)[0]!.attachments![0]!.content);
      expect(card).to.not.match(/be gentle with your skin|Notes/);
    });
  });

  describe("a note the concern's advice already says is not said again beside it (knowledge/kb saysNotes)", () => {
    const cases: Array<{ note: string; answers: ScriptAnswers; said: RegExp }> = [
      {
        note: 'N-DEEP-SCARS',
        answers: { concerns: ['acne scars', "that's all"], scarDepth: 'deep pitted scars' },
        said: /[Dd]eep (acne )?scars need longer needles/,
      },
      {
        note: 'N-DEEP-WRINKLES',
        answers: { concerns: ['wrinkles', "that's all"], wrinkleDepth: 'deep ones' },
        said: /not very effective for deep wrinkles/,
      },
      {
        note: 'N-PIH',
        answers: { concerns: ['sun damage', "that's all"], pigmentation: 'yes' },
        said: /risk of dark patches/,
      },
    ];
    for (const testCase of cases) {
      it(`${testCase.note}: said once with its concern's advice, and still decided (the event names it)`, async () => {
        const transcript = await runConversation([wholeAssessment(testCase.answers)]);
        const said = resultOf(transcript.at(-1)!).map(shownText).join('\n');
        expect(occurrences(said, testCase.said)).to.equal(1);
        expect(completedEventOf(transcript)?.notes).to.include(testCase.note);
      });
    }

    it('N-PIH without the pigmentation advice (concern: pores) is said as a note', async () => {
      const transcript = await runConversation([wholeAssessment({ pigmentation: 'yes' })]);
      const said = resultOf(transcript.at(-1)!).map(shownText).join('\n');
      expect(said).to.match(/Good to know:\n- Some skin, including darker skin tones, can darken[^\n]*risk of dark patches/);
    });
  });

  describe('a correction after the result', () => {
    interface CorrectionCase {
      name: string;
      turns: Turn[];
      channelId?: string;
      /** Messages (WhatsApp: notifications) the correction's turn may send, the question asked again included. */
      atMost: number;
      says: RegExp;
      summary: boolean;
    }
    const pregnant: Turn[] = [wholeAssessment(), { send: "actually I'm pregnant" }];
    const diabetes: Turn[] = [
      wholeAssessment({ conditions: ['rosacea', 'no others'] }),
      { send: 'no thanks' },
      { send: 'I also have diabetes' },
    ];
    const cases: CorrectionCase[] = [
      {
        name: 'the outcome changes (Web Chat): what changed and the new outcome, then a new summary',
        turns: pregnant,
        atMost: 3,
        says: /^I've changed that: Pregnant or breastfeeding: yes\.\nSo my answer changes:\n\n\*\*Based on your answers, micro-needling is not right for you at the moment/,
        summary: true,
      },
      {
        name: 'the outcome changes (Teams)',
        turns: pregnant,
        channelId: 'msteams',
        atMost: 3,
        says: /So my answer changes:[\s\S]*not right for you at the moment/,
        summary: true,
      },
      {
        name: 'the outcome changes (WhatsApp): at most three notifications',
        turns: pregnant,
        channelId: 'whatsapp',
        atMost: 3,
        says: /So my answer changes:\n\n\*Based on your answers, micro-needling is not right/,
        summary: false,
      },
      {
        name: 'the outcome stays (a second reason): one message, the reasons as they now stand, no new summary',
        turns: diabetes,
        atMost: 1,
        says: /^I've changed that: Diabetes: yes\.\nMy answer stays the same:\n\n\*\*[^*]*only a professional can decide[^*]*\*\*\n\nWhy:\n- With rosacea[^\n]*\n- [^\n]*diabetes/,
        summary: false,
      },
      {
        name: 'the outcome stays (the age): one message, no reasons restating it',
        turns: [wholeAssessment(), { send: 'no thanks' }, { send: "sorry, I'm actually 35" }],
        atMost: 1,
        says: /^I've changed that: Age: 35\.\nMy answer stays the same:\n\n\*\*Nothing in your answers rules out a consultation[^*]*\*\*$/,
        summary: false,
      },
    ];
    for (const testCase of cases) {
      it(testCase.name, async () => {
        const transcript = await runConversation(testCase.turns, {
          bookingUrl: BOOKING_URL,
          ...(testCase.channelId ? { channelId: testCase.channelId } : {}),
        });
        const replies = transcript.at(-1)!;
        const count = testCase.channelId === 'whatsapp' ? whatsAppPayloads(replies).length : messagesOf(replies).length;
        expect(count, replies.map(shownText).join('\n---\n')).to.be.at.most(testCase.atMost);
        const first = testCase.channelId === 'whatsapp' ? payloadText(whatsAppPayloads(replies)[0]!) : messagesOf(replies)[0]!.text!;
        expect(first).to.match(testCase.says);
        expect(summaries(replies).length > 0).to.equal(testCase.summary);
        // The finished check does not start again, and nothing repeats the new reasons as a guide's answer.
        expect(replies.map(shownText).join('\n')).to.not.match(/Welcome back|From what you've told me/);
      });
    }

    it('a new summary card only when the outcome changed: one per outcome', async () => {
      const transcript = await runConversation([...pregnant, { send: 'no thanks' }, { send: 'and I stopped Roaccutane last month' }]);
      expect(summaries(transcript.flat())).to.have.length(2);
      expect(completedEventOf(transcript)?.rules).to.have.members(['R-PREGNANCY', 'R-ISO-RECENT']);
    });
  });
});
