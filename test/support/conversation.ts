import { expect } from 'chai';
import { ActivityTypes, MemoryStorage, MemoryTranscriptStore, TestAdapter, type Activity, type Storage } from 'botbuilder';
import { ReplyAfterSave } from '../../src/bot/reply-after-save.js';
import { TranscriptRecorder } from '../../src/bot/transcript-recorder.js';
import { createLogger } from '../../src/logging/logger.js';
import { createBot, type BotParts } from '../../src/bot/create-bot.js';
import { loadCore, type Core } from '../../src/core.js';
import { MemoryAuditSink } from '../../src/safety/index.js';
import type { HandoffTarget } from '../../src/handoff/webhook.js';
import type { CountryCode } from 'libphonenumber-js';
import { loadStrings } from '../../src/strings/index.js';
import { answerQuestions, shownText, type ScriptAnswers } from './assessment-script.js';

/** What one reply must look like: its text matches, or a custom check passes. */
export type ReplyExpectation = RegExp | ((reply: Partial<Activity>) => void);

/** One turn of a conversation table: what the person sends and what the bot must answer. */
export interface Turn {
  /**
   * What the person sends; or `script`: the person answers every question by its id (from the
   * given answers, then the plain ones) until the question `until` is asked (default: the offer
   * of a person after the result). The replies of a script turn are not checked.
   */
  send?: string | Partial<Activity>;
  script?: { answers?: ScriptAnswers; until?: string; first?: string | null };
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
  /** A handoff receiver (HANDOFF_WEBHOOK_URL and its secret); without it no person is offered. */
  handoff?: HandoffTarget & { defaultCountry?: CountryCode };
  /** EMERGENCY_NUMBER and CLINIC_PHONE: named in the replies and offered as call buttons. */
  emergencyNumber?: string;
  clinicPhone?: string;
  /** Other knowledge than the shipped files (a fixture catalogue). */
  core?: Core;
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
  const core = options.core ?? testCore();
  const clinic = {
    ...(options.emergencyNumber ? { emergencyNumber: options.emergencyNumber } : {}),
    ...(options.clinicPhone ? { phone: options.clinicPhone } : {}),
  };
  const parts = createBot({
    ...core,
    // The clinic's details fill the strings' placeholders, as loadCore does with the configuration.
    ...(Object.keys(clinic).length > 0 ? { strings: loadStrings('en', undefined, clinic) } : {}),
    ...(options.emergencyNumber ? { emergencyNumber: options.emergencyNumber } : {}),
    ...(options.clinicPhone ? { clinicPhone: options.clinicPhone } : {}),
    storage: options.storage ?? new MemoryStorage(),
    audit,
    auditSecret: 'test-secret',
    retentionDays: 30,
    ...(options.bookingUrl ? { bookingUrl: options.bookingUrl } : {}),
    ...(options.handoff ? { handoff: options.handoff } : {}),
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

/** The bot as the chat page talks to it: every message says the page shows its booking panel. */
export function chatPageAdapter(bookingUrl: string): TestAdapter {
  const { adapter } = buildTestBot({ bookingUrl });
  adapter.use({
    onTurn: async (context, next) => {
      context.activity.channelData = { ...(context.activity.channelData as object), bookingPanel: true };
      await next();
    },
  });
  return adapter;
}

/**
 * The middleware the server puts around the bot, in its order: replies held until the turn's
 * save (a handoff's result takes the place of "on its way" there), then the transcript.
 */
export function wireLikeTheServer(
  adapter: TestAdapter,
  core: Core = testCore(),
): { transcripts: MemoryTranscriptStore; recorder: TranscriptRecorder } {
  const logger = createLogger('silent');
  const transcripts = new MemoryTranscriptStore();
  const recorder = new TranscriptRecorder(transcripts, logger);
  adapter.use(new ReplyAfterSave(core.strings, logger));
  adapter.use(recorder);
  return { transcripts, recorder };
}

function describeReplies(replies: Partial<Activity>[]): string {
  return replies.map((reply, i) => `  ${i + 1}. ${shownText(reply) || `[${reply.type}${reply.name ? ` ${reply.name}` : ''}]`}`).join('\n');
}

/** Plays a table of turns against the bot and checks every reply. Returns all replies seen. */
export async function runConversation(turns: Turn[], options: ConversationOptions & { adapter?: TestAdapter } = {}) {
  const adapter = options.adapter ?? buildTestBot(options).adapter;
  const transcript: Partial<Activity>[][] = [];
  const send = async (activity: string | Partial<Activity>) => {
    await adapter.receiveActivity(activity);
    return adapter.activeQueue.splice(0).filter((a) => a.type !== ActivityTypes.Typing && a.type !== ActivityTypes.Trace);
  };
  for (const [index, turn] of turns.entries()) {
    if (turn.script) {
      const { answers, until, first } = turn.script;
      const last = transcript.at(-1) ?? [];
      const scripted = await answerQuestions(send, answers, {
        ...(until ? { until } : {}),
        ...(first !== undefined ? { first } : transcript.length > 0 ? { first: null, replies: last } : {}),
      });
      transcript.push(...scripted);
      continue;
    }
    const replies = await send(turn.send!);
    transcript.push(replies);
    const sent = typeof turn.send === 'string' ? turn.send : `[${turn.send!.type} ${turn.send!.name ?? turn.send!.text ?? ''}]`;
    const context = `turn ${index + 1} (${sent}) got:\n${describeReplies(replies)}`;
    if (turn.replies) {
      const messages = replies.filter((reply) => reply.type === ActivityTypes.Message);
      expect(messages.length, context).to.equal(turn.replies.length);
      turn.replies.forEach((expectation, i) => {
        const reply = messages[i]!;
        if (expectation instanceof RegExp) expect(shownText(reply), context).to.match(expectation);
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

/** A script turn: every question answered by id (plain answers unless given) until `questionId` is asked. */
export function scriptUntil(questionId: string, answers: ScriptAnswers = {}): Turn {
  return { script: { answers, until: questionId } };
}

/** A script turn: a whole assessment, up to the offer of a person after the result. */
export function wholeAssessment(answers: ScriptAnswers = {}): Turn {
  return { script: { answers } };
}
