import type { Activity, TurnContext } from 'botbuilder';
import { capabilitiesOf } from './capabilities.js';

/**
 * Channels that deliver `event` activities from the bot to the client (Web Chat, the Emulator,
 * tests). Teams and WhatsApp have no such thing (Teams refuses unknown activity types).
 */
export function supportsEvents(channelId: string | undefined): boolean {
  return capabilitiesOf(channelId).events;
}

/** Sends an event activity where the channel can deliver it; elsewhere nothing is sent. */
export async function sendEventIfSupported(context: TurnContext, event: Partial<Activity>): Promise<void> {
  if (supportsEvents(context.activity.channelId)) await context.sendActivity(event);
}

/**
 * The chat page says on every message it posts (`channelData.bookingPanel: true`) that it shows
 * the booking offer in its own panel when `assessment.completed` arrives: there the panel is the
 * one offer, and the chat repeats none. Any other client (a host's own Web Chat, Teams) gets the
 * offer in the chat.
 */
export function showsBookingPanel(activity: Partial<Activity>): boolean {
  const channelData = activity.channelData as { bookingPanel?: unknown } | undefined;
  return supportsEvents(activity.channelId) && channelData?.bookingPanel === true;
}
