import { randomBytes, randomUUID } from 'node:crypto';
import type { Activity } from 'botbuilder';

/** Bounds so a long-running dev server does not grow without limit. */
const MAX_CONVERSATIONS = 5_000;
const MAX_ACTIVITIES_PER_CONVERSATION = 2_000;

interface LocalConversation {
  id: string;
  token: string;
  userId: string;
  activities: Partial<Activity>[];
}

/**
 * The conversations of the local Direct Line: each keeps every activity in order (the
 * person's, echoed back as Web Chat expects, and the bot's), and the watermark is the count.
 */
export class LocalDirectLineStore {
  private readonly tokens = new Map<string, string>();
  private readonly conversations = new Map<string, LocalConversation>();

  /** A token for one person; the conversation is created when Web Chat starts it. */
  issueToken(userId: string): string {
    const token = randomBytes(24).toString('base64url');
    // Bounded like the conversations: every page load asks for a token.
    if (this.tokens.size >= MAX_CONVERSATIONS) {
      const oldest = this.tokens.keys().next().value;
      if (oldest !== undefined) this.tokens.delete(oldest);
    }
    this.tokens.set(token, userId);
    return token;
  }

  userForToken(token: string): string | undefined {
    return this.tokens.get(token) ?? [...this.conversations.values()].find((c) => c.token === token)?.userId;
  }

  start(token: string): LocalConversation | undefined {
    const userId = this.tokens.get(token);
    if (!userId) return undefined;
    if (this.conversations.size >= MAX_CONVERSATIONS) {
      const oldest = this.conversations.keys().next().value;
      if (oldest !== undefined) this.conversations.delete(oldest);
    }
    const conversation: LocalConversation = { id: randomUUID(), token, userId, activities: [] };
    this.conversations.set(conversation.id, conversation);
    return conversation;
  }

  /** A conversation of this person that is still here (a reload of the page): resumed, not started again. */
  resume(conversationId: string, userId: string): LocalConversation | undefined {
    const conversation = this.conversations.get(conversationId);
    return conversation && conversation.userId === userId ? conversation : undefined;
  }

  /** The conversation when the token is the one it was started with. */
  authorised(conversationId: string, token: string): LocalConversation | undefined {
    const conversation = this.conversations.get(conversationId);
    return conversation && conversation.token === token ? conversation : undefined;
  }

  get(conversationId: string): LocalConversation | undefined {
    return this.conversations.get(conversationId);
  }

  /** Appends an activity with the next id; returns that id. */
  append(conversation: LocalConversation, activity: Partial<Activity>): string {
    const id = `${conversation.id}|${String(conversation.activities.length).padStart(7, '0')}`;
    if (conversation.activities.length < MAX_ACTIVITIES_PER_CONVERSATION) {
      conversation.activities.push({
        ...activity,
        id,
        timestamp: new Date(),
        conversation: { id: conversation.id } as Activity['conversation'],
      });
    }
    return id;
  }

  since(conversation: LocalConversation, watermark: number): { activities: Partial<Activity>[]; watermark: string } {
    const from = Number.isInteger(watermark) && watermark >= 0 ? watermark : 0;
    return { activities: conversation.activities.slice(from), watermark: String(conversation.activities.length) };
  }
}
