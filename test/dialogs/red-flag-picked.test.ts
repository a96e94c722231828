import { expect } from 'chai';
import type { Activity } from 'botbuilder';
import { runConversation } from '../support/conversation.js';
import { askedQuestion, shownText } from '../support/assessment-script.js';
import { testCore } from '../support/conversation.js';

/**
 * SAFETY-SPEC: a red flag is the emergency or urgent outcome at once. A warning sign picked on
 * the after-treatment checklist by its number (WhatsApp, the terminal: no card whose ticks are
 * read as text) gets the instruction in that turn, with no further question before it.
 */
describe('A warning sign picked by its number on the after-treatment checklist', () => {
  const { strings } = testCore();
  // Channels that show a checklist as numbers (Web Chat and Teams send a card's ticks as text).
  for (const channelId of ['whatsapp']) {
    it(`${channelId}: "1" (the first sign) gets the emergency instruction at once, and nothing is asked after it`, async () => {
      const transcript = await runConversation([{ send: 'hi' }, { send: 'yes' }, { send: 'my skin is red after micro-needling' }], {
        channelId,
      });
      const asked = askedQuestion(transcript.at(-1)!);
      expect(asked, 'the after-treatment signs are asked').to.equal('afterSigns');
      const [replies] = (
        await runConversation([{ send: 'hi' }, { send: 'yes' }, { send: 'my skin is red after micro-needling' }, { send: '1' }], {
          channelId,
        })
      ).slice(-1) as Partial<Activity>[][];
      const said = replies!.map(shownText).join('\n');
      expect(said).to.contain(strings('redFlag.means.R-RF-ANAPHYLAXIS'));
      expect(askedQuestion(replies!), 'no question before or with the instruction').to.equal(undefined);
    });
  }
});
