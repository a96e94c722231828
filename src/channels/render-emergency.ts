import { ActivityTypes, CardFactory, type Activity } from 'botbuilder';
import { capabilitiesOf } from './capabilities.js';
import type { RedFlagReply } from './replies.js';
import { bold, paragraphs } from './text-style.js';

/** A number as a dialable tel: address ("999" -> "tel:999", "+44 20 ..." -> "tel:+4420..."). */
export function telLink(number: string): string {
  return `tel:${number.replace(/[^0-9+]/g, '')}`;
}

/** The whole reply as plain sentences, in reading order: what a screen reader says and a notification shows. */
export function redFlagPlainText(reply: RedFlagReply): string {
  const sections = reply.sections.map((section) => [section.title, ...section.lines].join('\n'));
  return paragraphs(reply.headline, reply.lead.join(' '), ...sections);
}

/**
 * An emergency or urgent reply as it stands out on each channel. Where the channel shows
 * Adaptive Cards (Web Chat, Teams) one card in the `attention` style: the instruction as its
 * headline, what the signs may mean, what to do now and what else, and the tap-to-call button;
 * its `speak` (what Web Chat's screen reader says for a card) and the activity's `speak` and
 * `summary` (the text a client shows where it cannot show the card, and Teams' notification)
 * carry the whole reply, so nobody hears only "1 attachment". Elsewhere (WhatsApp, the terminal)
 * a short text that starts with the instruction and its number.
 */
export function renderRedFlag(reply: RedFlagReply, channelId: string | undefined): Partial<Activity> {
  const channel = capabilitiesOf(channelId);
  const plain = redFlagPlainText(reply);
  if (!channel.adaptiveCards) {
    const sections = reply.sections.map((section) => section.lines.join('\n'));
    return { type: ActivityTypes.Message, text: paragraphs(bold(reply.headline, channelId), reply.lead.join(' '), ...sections) };
  }
  const call = reply.call && channel.telLinks ? reply.call : undefined;
  const card = CardFactory.adaptiveCard({
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    speak: plain,
    fallbackText: plain,
    body: [
      {
        type: 'Container',
        style: 'attention',
        bleed: true,
        items: [
          { type: 'TextBlock', text: reply.headline, weight: 'Bolder', size: 'Large', wrap: true },
          ...reply.lead.map((line) => ({ type: 'TextBlock', text: line, wrap: true })),
          ...reply.sections.flatMap((section) => [
            { type: 'TextBlock', text: section.title, weight: 'Bolder', spacing: 'Medium', wrap: true },
            ...section.lines.map((line) => ({ type: 'TextBlock', text: line, wrap: true, spacing: 'Small' })),
          ]),
        ],
      },
    ],
    ...(call ? { actions: [{ type: 'Action.OpenUrl', title: call.label, url: telLink(call.number), style: 'positive' }] } : {}),
  });
  return { type: ActivityTypes.Message, summary: plain, speak: plain, attachments: [card] };
}
