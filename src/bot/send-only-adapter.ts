import { ActivityTypes, BotAdapter, TurnContext, type ConversationReference } from 'botbuilder';

/**
 * Base for adapters whose channel can only send new messages (the terminal, WhatsApp): a sent
 * message cannot be edited or deleted, and proactive turns start from a conversation reference.
 */
export abstract class SendOnlyAdapter extends BotAdapter {
  protected abstract readonly channelName: string;

  async updateActivity(): Promise<void> {
    throw new Error(`${this.channelName} messages cannot be edited once sent.`);
  }

  async deleteActivity(): Promise<void> {
    throw new Error(`${this.channelName} messages cannot be deleted once sent.`);
  }

  async continueConversation(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const activity = TurnContext.applyConversationReference({ type: ActivityTypes.Event, name: 'continue' }, reference, true);
    await this.runMiddleware(new TurnContext(this, activity), logic);
  }
}
