import { expect } from 'chai';
import type { Activity } from 'botbuilder';
import { showsBookingPanel } from '../../dialogs/renderers/channel-capabilities.js';
import { runConversation, wholeAssessment, chatPageAdapter } from '../support/conversation.js';
import { completedEventOf } from '../support/assessment-script.js';

const BOOKING_URL = 'https://clinic.example/book';

/** Every place a reply can carry the booking link: its text, or a card's button or text. */
function bookingOffers(replies: Partial<Activity>[]): number {
  return replies.filter(
    (reply) =>
      (reply.text ?? '').includes(BOOKING_URL) ||
      (reply.attachments ?? []).some((attachment) => JSON.stringify(attachment.content ?? {}).includes(BOOKING_URL)),
  ).length;
}

describe('Booking is offered once on the web', () => {
  it('to the chat page, which shows its panel on assessment.completed, the chat offers no booking', async () => {
    const transcript = await runConversation([wholeAssessment()], { adapter: chatPageAdapter(BOOKING_URL) });
    expect(completedEventOf(transcript)?.outcome, 'the event the panel follows').to.equal('consultation');
    expect(bookingOffers(transcript.flat())).to.equal(0);
  });

  it("to a client that shows no panel (a host's own Web Chat), the chat carries the offer", async () => {
    const transcript = await runConversation([wholeAssessment()], { bookingUrl: BOOKING_URL });
    expect(bookingOffers(transcript.flat())).to.be.greaterThan(0);
  });

  const clients: Array<[string, Partial<Activity>, boolean]> = [
    ['the chat page through Direct Line', { channelId: 'directline', channelData: { bookingPanel: true } }, true],
    ['the chat page through the local Direct Line', { channelId: 'webchat', channelData: { bookingPanel: true } }, true],
    ["a host's own Web Chat", { channelId: 'directline', channelData: { clientActivityID: 'x' } }, false],
    ['a client without channelData', { channelId: 'webchat' }, false],
    ['a client that says "true" as text', { channelId: 'webchat', channelData: { bookingPanel: 'true' } }, false],
    ['Teams, which has no client events, whatever it says', { channelId: 'msteams', channelData: { bookingPanel: true } }, false],
    ['WhatsApp', { channelId: 'whatsapp', channelData: { bookingPanel: true } }, false],
  ];
  for (const [client, activity, panel] of clients) {
    it(`${client}: ${panel ? 'the panel is the offer' : 'the offer is in the chat'}`, () => {
      expect(showsBookingPanel(activity)).to.equal(panel);
    });
  }
});
