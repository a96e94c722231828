import { TestAdapter, TurnContext, type Activity } from 'botbuilder';

/** A turn of one message from user u1 in conversation c1 on webchat, outside any bot (for state tests). */
export function bareTurn(adapter: TestAdapter = new TestAdapter(async () => undefined)): TurnContext {
  return new TurnContext(adapter, {
    type: 'message',
    channelId: 'webchat',
    conversation: { id: 'c1' },
    from: { id: 'u1' },
    recipient: { id: 'bot' },
  } as Activity);
}
