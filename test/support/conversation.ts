import { expect } from 'chai';
import { ActivityTypes, MemoryStorage, TestAdapter, type Activity, type Storage } from 'botbuilder';
import { createBot, type BotParts } from '../../src/bot/create-bot.js';
import { loadCore, type Core } from '../../src/core.js';
import { MemoryAuditSink } from '../../src/safety/index.js';

/** What one reply must look like: its text matches, or a custom check passes. */
export type ReplyExpectation = RegExp | ((reply: Partial<Activity>) => void);

/** One turn of a conversation table: what the person sends and what the bot must answer. */
export interface Turn {
  send: string | Partial<Activity>;
  /** Expectations for the message replies, in order; there must be exactly as many replies. */
  replies?: ReplyExpectation[];
  /** Button titles the last reply offers. */
  suggests?: string[];
}

export interface ConversationOptions {
  storage?: Storage;
  channelId?: string;
  userId?: string;
  conversationId?: string;
  clock?: () => Date;
  bookingUrl?: string;
}

export const fixedClock = () => new Date('2026-11-24T10:00:00Z');

let core: Core | undefined;
/** The knowledge files, loaded once for the whole suite. */
export function testCore(): Core {
  core ??= loadCore('en');
  return core;
}

export function buildTestBot(options: ConversationOptions = {}): BotParts & { adapter: TestAdapter; audit: MemoryAuditSink } {
  const audit = new MemoryAuditSink();
  const parts = createBot({
    ...testCore(),
    storage: options.storage ?? new MemoryStorage(),
    audit,
    auditSecret: 'test-secret',
    retentionDays: 30,
    ...(options.bookingUrl ? { bookingUrl: options.bookingUrl } : {}),
    clock: options.clock ?? fixedClock,
  });
  const adapter = new TestAdapter((context) => parts.bot.run(context), {
    channelId: options.channelId ?? 'webchat',
    conversation: { id: options.conversationId ?? 'conversation-1', isGroup: false, conversationType: 'personal', name: '' },
    from: { id: options.userId ?? 'user-1', name: 'Person' },
    recipient: { id: 'bot', name: 'Guide' },
  } as Partial<Activity>);
  return { ...parts, adapter, audit };
}

function describeReplies(replies: Partial<Activity>[]): string {
  return replies.map((reply, i) => `  ${i + 1}. ${reply.text ?? `[${reply.type}${reply.name ? ` ${reply.name}` : ''}]`}`).join('\n');
}

/** Plays a table of turns against the bot and checks every reply. Returns all replies seen. */
export async function runConversation(turns: Turn[], options: ConversationOptions & { adapter?: TestAdapter } = {}) {
  const adapter = options.adapter ?? buildTestBot(options).adapter;
  const transcript: Partial<Activity>[][] = [];
  for (const [index, turn] of turns.entries()) {
    await adapter.receiveActivity(turn.send);
    const replies = adapter.activeQueue.splice(0).filter((a) => a.type !== ActivityTypes.Typing && a.type !== ActivityTypes.Trace);
    transcript.push(replies);
    const sent = typeof turn.send === 'string' ? turn.send : `[${turn.send.type} ${turn.send.name ?? turn.send.text ?? ''}]`;
    const context = `turn ${index + 1} (${sent}) got:\n${describeReplies(replies)}`;
    if (turn.replies) {
      const messages = replies.filter((reply) => reply.type === ActivityTypes.Message);
      expect(messages.length, context).to.equal(turn.replies.length);
      turn.replies.forEach((expectation, i) => {
        const reply = messages[i]!;
        if (expectation instanceof RegExp) expect(reply.text ?? '', context).to.match(expectation);
        else expectation(reply);
      });
    }
    if (turn.suggests) {
      const last = replies.at(-1);
      const titles = (last?.suggestedActions?.actions ?? []).map((action) => action.title);
      expect(titles, context).to.deep.equal(turn.suggests);
    }
  }
  return transcript;
}
