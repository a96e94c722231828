import { ActionTypes, ActivityTypes, CardFactory, type Activity } from 'botbuilder';
import { capabilitiesOf } from './capabilities.js';

/** A number as a dialable tel: address ("999" -> "tel:999", "+44 20 ..." -> "tel:+4420..."). */
export function telLink(number: string): string {
  return `tel:${number.replace(/[^0-9+]/g, '')}`;
}

/**
 * The emergency instruction as the channel shows it best: where a channel can open tel: links
 * (Web Chat, Teams) a card that stands apart from the other bubbles with a "Call 999" button;
 * elsewhere (WhatsApp, the terminal) the text alone, which names the number.
 */
export function renderEmergency(
  channelId: string | undefined,
  text: string,
  emergencyNumber: string | undefined,
  labels: { title: string; call: string },
): Partial<Activity> {
  if (!emergencyNumber || !capabilitiesOf(channelId).telLinks) return { type: ActivityTypes.Message, text };
  const button = { type: ActionTypes.OpenUrl, title: labels.call, value: telLink(emergencyNumber) };
  // A short title (Web Chat shows a card title on one line) and the whole instruction as the text.
  return { type: ActivityTypes.Message, attachments: [CardFactory.heroCard(labels.title, undefined, [button], { text })] };
}
