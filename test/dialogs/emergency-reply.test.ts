import { expect } from 'chai';
import { renderEmergency, telLink } from '../../src/channels/render-emergency.js';
import { messageActivity, postActivity, startTestApp } from '../support/app.js';

describe('The emergency reply names EMERGENCY_NUMBER and offers it to call where the channel can', function () {
  this.timeout(20_000);

  const cases: Array<[string, string | undefined, 'card' | 'text']> = [
    ['webchat', '999', 'card'],
    ['msteams', '112', 'card'],
    ['whatsapp', '999', 'text'],
    ['console', '911', 'text'],
    ['webchat', undefined, 'text'],
  ];
  for (const [channel, number, shape] of cases) {
    it(`${channel}${number ? ` with ${number}` : ' without a number'}: ${shape}`, () => {
      const reply = renderEmergency(channel, `Call ${number ?? 'your local emergency number'} now.`, number, {
        title: 'Emergency',
        call: `Call ${number}`,
      });
      if (shape === 'text') {
        expect(reply.text).to.contain(number ?? 'your local emergency number');
        expect(reply.attachments).to.equal(undefined);
      } else {
        const card = reply.attachments![0]!.content as {
          title: string;
          text: string;
          buttons: Array<{ type: string; title: string; value: string }>;
        };
        expect(card.title).to.equal('Emergency');
        expect(card.text).to.contain(`Call ${number} now.`);
        expect(card.buttons).to.deep.equal([{ type: 'openUrl', title: `Call ${number}`, value: `tel:${number}` }]);
      }
    });
  }

  it('writes tel: links without spaces or punctuation', () => expect(telLink('+44 (0)20 7946-0000')).to.equal('tel:+4402079460000'));

  it('through the server: a red flag on Web Chat gets the number and a tel: button', async () => {
    const app = await startTestApp({ EMERGENCY_NUMBER: '999' });
    try {
      const ids = { user: 'emergency-person', conversation: 'emergency-chat' };
      await postActivity(app.baseUrl, messageActivity('hi', ids));
      await postActivity(app.baseUrl, messageActivity('yes', ids));
      const reply = await postActivity(app.baseUrl, messageActivity("my lips are swelling and i can't breathe", ids));
      const messages = reply.body.activities.filter((activity: { type: string }) => activity.type === 'message');
      const card = messages.flatMap((m: { attachments?: Array<{ content: any }> }) => m.attachments ?? [])[0]?.content;
      expect(card.text).to.match(/Call 999 now/);
      expect(card.buttons[0]).to.deep.include({ type: 'openUrl', value: 'tel:999' });
    } finally {
      await app.close();
    }
  });
});
