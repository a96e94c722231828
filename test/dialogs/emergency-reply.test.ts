import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCore } from '../../src/core.js';
import { knowledgeDir } from '../../src/paths.js';
import { StringsError } from '../../src/strings/index.js';
import type { Activity } from 'botbuilder';
import { renderRedFlag, telLink } from '../../src/channels/render-emergency.js';
import { renderForWhatsApp } from '../../src/channels/whatsapp/render.js';
import type { RedFlagReply } from '../../src/channels/replies.js';
import { readPushback, type Pushback } from '../../src/understanding/intents.js';
import { redFlagReply } from '../../dialogs/red-flag-reply.js';
import { buildTestBot, runConversation, scriptUntil, testCore, type ConversationOptions } from '../support/conversation.js';
import { shownText } from '../support/assessment-script.js';
import { messageActivity, postActivity, startTestApp } from '../support/app.js';

/**
 * Issue 29, "An emergency reply that helps": the instruction first, what the signs may mean,
 * what to do now (the number, with a tap-to-call button where the channel can dial), what else
 * (the clinic's phone, urgent care or A&E), in a card that stands out on Web Chat and Teams and
 * a short text with the number first on WhatsApp; a screen reader hears all of it. Later
 * messages get an answer to what the person said, with the instruction again.
 */

const CLINIC_PHONE = '+44 20 7946 0000';
const LIPS = "my lips are swelling and I can't breathe";
const PUS = "there's pus coming out of my cheek";

interface CardJson {
  speak?: string;
  fallbackText?: string;
  body: Array<{ type: string; style?: string; items?: Array<{ text?: string }> }>;
  actions?: Array<{ type: string; title: string; url: string }>;
}
const cardOf = (activity: Partial<Activity>) => activity.attachments?.[0]?.content as CardJson | undefined;
const messagesOf = (replies: Partial<Activity>[]) => replies.filter((reply) => reply.type === 'message');

describe('The emergency reply: what it may mean, what to do now, what else', function () {
  this.timeout(20_000);

  describe('rendered per channel from one reply', () => {
    const reply: RedFlagReply = {
      outcome: 'emergency',
      headline: 'Call 999 now.',
      lead: ['This can be a serious allergic reaction.'],
      sections: [{ title: 'What to do now', lines: ["Don't wait."] }],
      call: { label: 'Call 999', number: '999' },
    };
    const everything = /^Call 999 now\.\n\nThis can be a serious allergic reaction\.\n\nWhat to do now\nDon't wait\.$/;

    for (const channel of ['webchat', 'msteams', 'directline']) {
      it(`${channel}: an attention card with the call button, and its speak, fallback and summary say it all`, () => {
        const activity = renderRedFlag(reply, channel);
        const card = cardOf(activity)!;
        expect(activity.attachments).to.have.length(1);
        expect(card.body[0]!.style).to.equal('attention');
        expect(card.body[0]!.items!.map((item) => item.text)).to.deep.equal([
          'Call 999 now.',
          'This can be a serious allergic reaction.',
          'What to do now',
          "Don't wait.",
        ]);
        expect(card.actions).to.deep.equal([{ type: 'Action.OpenUrl', title: 'Call 999', url: 'tel:999', style: 'positive' }]);
        // A screen reader (Web Chat reads a card's speak), a client without cards, Teams' notification.
        for (const text of [card.speak, card.fallbackText, activity.speak, activity.summary]) expect(text).to.match(everything);
        // No text bubble beside the card: the card is the one message.
        expect(activity.text).to.equal(undefined);
      });
    }

    it('WhatsApp: a short text, the instruction and its number first, in WhatsApp bold; no card', () => {
      const [payload, ...more] = renderForWhatsApp({ ...renderRedFlag(reply, 'whatsapp') });
      expect(more).to.deep.equal([]);
      expect(payload).to.deep.equal({
        type: 'text',
        text: { body: "*Call 999 now.*\n\nThis can be a serious allergic reaction.\n\nDon't wait.", preview_url: false },
      });
    });

    it('the terminal: plain text, no marks', () => {
      expect(renderRedFlag(reply, 'console').text).to.equal("Call 999 now.\n\nThis can be a serious allergic reaction.\n\nDon't wait.");
    });

    it('without a number to call: the card without a button', () => {
      const { call: _call, ...noNumber } = reply;
      expect(cardOf(renderRedFlag(noNumber, 'webchat'))!.actions).to.equal(undefined);
    });

    it('writes tel: links without spaces or punctuation', () => expect(telLink('+44 (0)20 7946-0000')).to.equal('tel:+4402079460000'));
  });

  describe('what the signs may mean, for every emergency and urgent rule (from the strings, checked at start)', () => {
    const meanings: Record<string, RegExp> = {
      'R-RF-ANAPHYLAXIS': /can be a serious allergic reaction/,
      'R-RF-SEPSIS': /can be a serious infection that is spreading/,
      'R-RF-INFECTION': /can be signs of a skin infection, which can spread/,
      'R-RF-EYE': /can be a sign of an eye injury or infection/,
      'R-RF-COLD-SORE': /can be a cold sore \(herpes simplex\) flare-up/,
    };
    const { deps } = buildTestBot();
    for (const [ruleId, meaning] of Object.entries(meanings)) {
      it(ruleId, () => {
        const rule = deps.safety.rules.rules.find((candidate) => candidate.id === ruleId)!;
        const reply = redFlagReply(deps, rule.outcome as 'emergency' | 'urgent', [ruleId]);
        expect(reply.lead).to.have.length(1);
        expect(reply.lead[0]).to.match(meaning);
      });
    }
    it('a missing sentence stops the start, naming its key', () => {
      const dir = mkdtempSync(join(tmpdir(), 'strings-'));
      try {
        const table = JSON.parse(readFileSync(join(knowledgeDir, 'strings', 'en.json'), 'utf8')) as Record<string, string>;
        delete table['redFlag.means.R-RF-EYE'];
        writeFileSync(join(dir, 'en.json'), JSON.stringify(table));
        expect(() => loadCore('en', {}, { strings: dir })).to.throw(StringsError, /no string "redFlag\.means\.R-RF-EYE"/);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('every emergency and urgent rule of the table is in this list', () => {
      const redFlagRules = deps.safety.rules.rules.filter((rule) => rule.outcome === 'emergency' || rule.outcome === 'urgent');
      expect(redFlagRules.map((rule) => rule.id)).to.have.members(Object.keys(meanings));
    });
  });

  describe('what to do now and what else', () => {
    const cases: Array<{ name: string; options: ConversationOptions; says: RegExp; call?: string; not?: RegExp }> = [
      {
        name: 'emergency with EMERGENCY_NUMBER and CLINIC_PHONE: call 999, then let the clinic know',
        options: { emergencyNumber: '999', clinicPhone: CLINIC_PHONE },
        says: /^Call 999 now\.[\s\S]*What to do now\nDon't wait to see whether it gets better\.\n\nWhat else\nOnce help is on the way, you can also let Your Skin Clinic know: \+44 20 7946 0000\.$/,
        call: 'tel:999',
      },
      {
        name: 'emergency without a clinic phone: no "what else", nothing softer',
        options: { emergencyNumber: '112' },
        says: /^Call 112 now\.[\s\S]*Don't wait to see whether it gets better\.$/,
        call: 'tel:112',
        not: /What else/,
      },
      {
        name: 'emergency without EMERGENCY_NUMBER: "your local emergency number", no button',
        options: {},
        says: /^Call your local emergency number now\./,
      },
    ];
    for (const testCase of cases) {
      it(testCase.name, async () => {
        const transcript = await runConversation([scriptUntil('pregnancy'), { send: LIPS }], testCase.options);
        const [reply] = messagesOf(transcript.at(-1)!);
        expect(reply!.summary).to.match(testCase.says);
        if (testCase.not) expect(reply!.summary).to.not.match(testCase.not);
        expect(cardOf(reply!)!.actions?.[0]?.url).to.equal(testCase.call);
      });
    }

    it('urgent with CLINIC_PHONE: the clinic to call now (a button), urgent care or A&E, and when to call 999', async () => {
      const transcript = await runConversation([scriptUntil('pregnancy'), { send: PUS }], {
        emergencyNumber: '999',
        clinicPhone: CLINIC_PHONE,
      });
      const [reply] = messagesOf(transcript.at(-1)!);
      expect(reply!.summary).to.match(/^Please contact your practitioner, or an urgent care service, today\.\n\n[^\n]*skin infection/);
      expect(reply!.summary).to.match(/What to do now\nYou can call Your Skin Clinic on \+44 20 7946 0000\./);
      expect(reply!.summary).to.match(
        /What else\nIf you can't reach your practitioner today, go to an urgent care centre or A&E\.\n.*call 999 now\./,
      );
      expect(cardOf(reply!)!.actions).to.deep.equal([
        { type: 'Action.OpenUrl', title: 'Call Your Skin Clinic', url: 'tel:+442079460000', style: 'positive' },
      ]);
    });

    it('urgent without CLINIC_PHONE: no clinic line and no button', async () => {
      const transcript = await runConversation([scriptUntil('pregnancy'), { send: PUS }]);
      const [reply] = messagesOf(transcript.at(-1)!);
      expect(reply!.summary).to.not.match(/You can call/);
      expect(cardOf(reply!)!.actions).to.equal(undefined);
    });

    it('for someone else: the instruction for them and what the signs may mean; nothing about the person writing', async () => {
      const transcript = await runConversation([scriptUntil('pregnancy'), { send: "my friend can't breathe and her lips are swelling" }], {
        emergencyNumber: '999',
      });
      const [reply, ...more] = messagesOf(transcript.at(-1)!);
      expect(more).to.deep.equal([]);
      expect(reply!.summary).to.match(/call 999 for them straight away[\s\S]*serious allergic reaction/);
      expect(cardOf(reply!)!.actions?.[0]?.url).to.equal('tel:999');
    });
  });

  describe('one message on each channel, by question id', () => {
    const channels: Array<[string, (replies: Partial<Activity>[]) => number, RegExp]> = [
      ['webchat', (replies) => messagesOf(replies).length, /^Call 999 now\./],
      ['msteams', (replies) => messagesOf(replies).length, /^Call 999 now\./],
      ['whatsapp', (replies) => replies.flatMap((reply) => renderForWhatsApp(reply)).length, /^\*Call 999 now\.\*/],
    ];
    for (const [channelId, count, first] of channels) {
      it(`${channelId}: the emergency at the pregnancy question is one message (one notification on WhatsApp)`, async () => {
        const transcript = await runConversation([scriptUntil('pregnancy'), { send: LIPS }], { channelId, emergencyNumber: '999' });
        const replies = transcript.at(-1)!;
        expect(count(replies)).to.equal(1);
        const [reply] = messagesOf(replies);
        const seen = channelId === 'whatsapp' ? reply!.text! : reply!.summary!;
        expect(seen).to.match(first);
      });
    }
  });

  describe('after the instruction: an answer to what the person said, the instruction again, nothing else', () => {
    const kinds: Array<[string, Pushback | undefined]> = [
      ["it's probably fine", 'doubt'],
      ['do I really need to call', 'needToCall'],
      ["can't I just wait and see", 'wait'],
      ["I can't call anyone", 'refuse'],
      ['what can I put on it', 'selfCare'],
      ['I called them', 'acting'],
      ['thanks', 'thanks'],
      ['how much does micro-needling cost', undefined],
    ];
    const outcomes: Array<['emergency' | 'urgent', string, RegExp]> = [
      ['emergency', LIPS, /^Please call 999 now\./],
      ['urgent', PUS, /^Please contact your practitioner, or an urgent care service, today\./],
    ];
    const { strings } = testCore();
    for (const [outcome, sign, instruction] of outcomes) {
      for (const [text, kind] of kinds) {
        it(`${outcome}, then "${text}": the ${kind ?? 'other'} answer`, async () => {
          expect(readPushback(text, testCore().safety.reader)).to.equal(kind);
          const transcript = await runConversation([scriptUntil('pregnancy'), { send: sign }, { send: text }], {
            emergencyNumber: '999',
            clinicPhone: CLINIC_PHONE,
          });
          const replies = transcript.at(-1)!;
          const messages = messagesOf(replies);
          expect(messages, 'one message, nothing else offered').to.have.length(1);
          const said = messages[0]!.summary!;
          expect(said).to.match(instruction);
          expect(said).to.contain(strings(`redFlag.answer.${kind ?? 'other'}.${outcome}`, { emergencyNumber: '999' }));
          expect(said.includes('start over'), 'the way to start over, when declined').to.equal(kind === undefined);
          // Never a canned copy of the first reply.
          expect(said).to.not.equal(messagesOf(transcript.at(-2)!)[0]!.summary);
          expect(replies.some((reply) => reply.suggestedActions !== undefined)).to.equal(false);
          expect(said).to.not.match(/aftercare|gentle with your skin|book/i);
          // The number to call, again.
          expect(cardOf(messages[0]!)!.actions?.[0]?.url).to.equal(outcome === 'emergency' ? 'tel:999' : 'tel:+442079460000');
        });
      }
    }

    it('WhatsApp: the answer as text, the instruction with its number first', async () => {
      const transcript = await runConversation([scriptUntil('pregnancy'), { send: LIPS }, { send: "it's probably fine" }], {
        channelId: 'whatsapp',
        emergencyNumber: '999',
      });
      const payloads = transcript.at(-1)!.flatMap((reply) => renderForWhatsApp(reply));
      expect(payloads).to.have.length(1);
      expect(payloads[0]!.type === 'text' && payloads[0]!.text.body).to.match(/^\*Please call 999 now\.\*\n\nI understand/);
    });
  });

  it('through the server: a red flag on Web Chat gets one card with the number, a tel: button and a speak', async () => {
    const app = await startTestApp({ EMERGENCY_NUMBER: '999' });
    try {
      const ids = { user: 'emergency-person', conversation: 'emergency-chat' };
      await postActivity(app.baseUrl, messageActivity('hi', ids));
      await postActivity(app.baseUrl, messageActivity('yes', ids));
      const reply = await postActivity(app.baseUrl, messageActivity("my lips are swelling and i can't breathe", ids));
      const messages = reply.body.activities.filter((activity: { type: string }) => activity.type === 'message');
      expect(messages).to.have.length(1);
      expect(messages[0].speak).to.match(/^Call 999 now\.[\s\S]*serious allergic reaction/);
      expect(shownText(messages[0])).to.match(/Call 999 now/);
      const card = messages[0].attachments[0].content as CardJson;
      expect(card.actions![0]).to.deep.include({ type: 'Action.OpenUrl', url: 'tel:999' });
    } finally {
      await app.close();
    }
  });
});
