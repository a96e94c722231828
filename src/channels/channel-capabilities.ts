import type { Activity, TurnContext } from 'botbuilder';

/**
 * Channels that deliver `event` activities from the bot to the client: Web Chat (Direct Line),
 * the Emulator and tests. Teams and WhatsApp have no such thing (Teams refuses unknown activity
 * types), so the bot does not send events there.
 */
const EVENT_CHANNELS = new Set(['webchat', 'directline', 'emulator', 'test']);

export function supportsEvents(channelId: string | undefined): boolean {
  return EVENT_CHANNELS.has(channelId ?? '');
}

/** Sends an event activity where the channel can deliver it; elsewhere nothing is sent. */
export async function sendEventIfSupported(context: TurnContext, event: Partial<Activity>): Promise<void> {
  if (supportsEvents(context.activity.channelId)) await context.sendActivity(event);
}
