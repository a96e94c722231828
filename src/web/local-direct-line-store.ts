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
  /** Token -> the conversation it was issued for. */
  private readonly tokens = new Map<string, string>();
  private readonly conversations = new Map<string, LocalConversation>();

  /**
   * A token for one person and the conversation it is for, made now (as Direct Line's
   * tokens/generate does): the token route signs the page's resume ticket with its id.
   */
  issueToken(userId: string): { token: string; conversationId: string } {
    const token = randomBytes(24).toString('base64url');
    // Bounded: every page load asks for a token.
    if (this.conversations.size >= MAX_CONVERSATIONS) {
      const oldest = this.conversations.values().next().value;
      if (oldest !== undefined) {
        this.conversations.delete(oldest.id);
        this.tokens.delete(oldest.token);
      }
    }
    const conversation: LocalConversation = { id: randomUUID(), token, userId, activities: [] };
    this.conversations.set(conversation.id, conversation);
    this.tokens.set(token, conversation.id);
    return { token, conversationId: conversation.id };
  }

  userForToken(token: string): string | undefined {
    return this.start(token)?.userId;
  }

  /** Web Chat starting the conversation its token was issued for. */
  start(token: string): LocalConversation | undefined {
    const id = this.tokens.get(token);
    return id === undefined ? undefined : this.conversations.get(id);
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
