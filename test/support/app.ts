import { MemoryStorage, type Storage } from 'botbuilder';
import { loadConfig } from '../../src/config/config.js';
import { createLogger } from '../../src/logging/logger.js';
import { buildApp, type App, type AppOptions } from '../../src/app.js';
import type { Activity } from 'botbuilder';
import { fixedClock } from './conversation.js';
import { answerQuestions, type ScriptAnswers, type ScriptOptions, type Send } from './assessment-script.js';

export interface RunningApp extends App {
  baseUrl: string;
}

/**
 * The rate limits at their most generous: every test posts from 127.0.0.1 and runs turns
 * back-to-back, faster than any person. The limiter still runs on every request; tests of the
 * limits (test/server/rate-limit.test.ts) pass their own values in `env`.
 */
export const GENEROUS_RATE_LIMITS = { RATE_LIMIT_PER_CLIENT_PER_MINUTE: '1000000', RATE_LIMIT_PER_CONVERSATION: '10000' };

/** The real server on 127.0.0.1 and a free port, with an in-memory store unless one is given. */
export async function startTestApp(
  env: Record<string, string> = {},
  storage?: Storage,
  options: Partial<AppOptions> = {},
): Promise<RunningApp> {
  const config = loadConfig({ PORT: '0', STORAGE: 'memory', LOG_LEVEL: 'silent', ...GENEROUS_RATE_LIMITS, ...env });
  // A given STORAGE is built from config (e.g. blob on Azurite); otherwise a fresh MemoryStorage.
  const store = storage ?? (env['STORAGE'] ? undefined : new MemoryStorage());
  const app = await buildApp(config, {
    logger: createLogger(config.LOG_LEVEL),
    clock: fixedClock,
    ...(store ? { storage: store } : {}),
    ...options,
  });
  const port = await app.listen();
  return { ...app, baseUrl: `http://127.0.0.1:${port}` };
}

let counter = 0;
/** A message activity as Web Chat would post it, asking for the replies in the response. */
export function messageActivity(text: string, ids: { user?: string; conversation?: string } = {}) {
  counter += 1;
  return {
    type: 'message',
    id: `activity-${counter}`,
    text,
    channelId: 'webchat',
    serviceUrl: 'http://127.0.0.1:9',
    from: { id: ids.user ?? 'user-http' },
    recipient: { id: 'bot' },
    conversation: { id: ids.conversation ?? 'conversation-http' },
    deliveryMode: 'expectReplies',
  };
}

export async function postActivity(baseUrl: string, body: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(`${baseUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body: parsed };
}

/** Sends one message over HTTP and gives the replies (expectReplies): for scripts answered by question id. */
export function httpSend(baseUrl: string, ids: { user?: string; conversation?: string } = {}): Send {
  return async (text) => {
    const response = await postActivity(baseUrl, messageActivity(text, ids));
    return (response.body?.activities ?? []) as Partial<Activity>[];
  };
}

/** A whole assessment over HTTP, every question answered by its id (see assessment-script.ts). */
export function assessOverHttp(
  baseUrl: string,
  ids: { user?: string; conversation?: string } = {},
  answers: ScriptAnswers = {},
  options: ScriptOptions = {},
): Promise<Partial<Activity>[][]> {
  return answerQuestions(httpSend(baseUrl, ids), answers, options);
}
