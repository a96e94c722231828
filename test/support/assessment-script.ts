import type { Activity } from 'botbuilder';
import { cardAsText } from '../../dialogs/renderers/card-text.js';

/**
 * Conversations answered by question id, not by position: the bot tags every question it asks
 * with `channelData.questionId` (the catalogue id, or the dialog's own: consent, concerns, ...),
 * and a script says what the person answers to each. A list answers the same question each
 * time it is asked again ("Rosacea", then "No others" to "any other?").
 */
export type ScriptAnswers = Partial<Record<string, string | string[]>>;

/** A person with nothing to report, answering in words. Tests override what they need. */
export const plainAnswers: ScriptAnswers = {
  consent: 'yes',
  // The invitation ("describe") shows the concerns too: without an answer of its own it gets the concerns'.
  concerns: 'my pores',
  wrinkleDepth: 'fine lines',
  scarDepth: 'shallow marks',
  goal: 'at a clinic',
  age: "I'm 34",
  pregnancy: "no I'm not",
  isotretinoin: 'never',
  isotretinoinStopped: 'not sure',
  skinNow: 'none of these',
  conditions: 'none',
  medicines: 'no',
  // Several checklists asked in one message: without an answer of its own it gets the one checklist the script answers.
  checklists: 'none of these',
  pigmentation: 'no',
  lastSession: 'never had it',
  lastSessionDate: 'not sure',
  readBack: "that's right",
  human: 'no thanks',
  afterSigns: 'none of these',
  normalSymptoms: 'no',
  treatmentDay: 'yesterday',
};

/** The checklists the screening may ask together in one message ("checklists"). */
const TOGETHER = ['skinNow', 'conditions', 'medicines'];

/**
 * The script answer a question takes: its own; for the invitation ("describe") without one, the
 * concerns' (it shows the concerns); for several checklists at once without one, the answer of
 * the one checklist the script gives (a script answering two of them must answer "checklists").
 */
function answeringKey(asked: string, answers: ScriptAnswers): string {
  if (answers[asked] !== undefined) return asked;
  if (asked === 'describe') return 'concerns';
  if (asked !== 'checklists') return asked;
  const given = TOGETHER.filter((unit) => answers[unit] !== undefined);
  if (given.length > 1) throw new Error(`the script answers ${given.join(' and ')}, asked together: answer "checklists"`);
  return given[0] ?? asked;
}

/** Sends one message and gives the bot's replies (TestAdapter or HTTP). */
export type Send = (text: string) => Promise<Partial<Activity>[]>;

/** The id of the question the replies end on, if they ask one. */
export function askedQuestion(replies: readonly Partial<Activity>[]): string | undefined {
  for (const reply of [...replies].reverse()) {
    const id = (reply.channelData as { questionId?: unknown } | undefined)?.questionId;
    if (typeof id === 'string') return id;
  }
  return undefined;
}

/**
 * Every question id a transcript asks, in order; several checklists asked in one message count as
 * each of them ("checklists" then "skinNow", "conditions", "medicines").
 */
export function askedIds(transcript: readonly (readonly Partial<Activity>[])[]): string[] {
  return transcript.flatMap((replies) =>
    replies.flatMap((reply) => {
      const data = reply.channelData as { questionId?: unknown; together?: unknown } | undefined;
      if (typeof data?.questionId !== 'string') return [];
      return [data.questionId, ...(Array.isArray(data.together) ? (data.together as string[]) : [])];
    }),
  );
}

/** The checklists the replies ask together in one message ("checklists": `channelData.together`), if they do. */
export function askedTogether(replies: readonly Partial<Activity>[]): string[] {
  for (const reply of [...replies].reverse()) {
    const together = (reply.channelData as { together?: unknown } | undefined)?.together;
    if (Array.isArray(together)) return together as string[];
  }
  return [];
}

export interface ScriptOptions {
  /**
   * Stop when this question is asked, before answering it (default: the offer of a person, after
   * the result); a checklist asked together with others ("checklists") counts as asked.
   */
  until?: string;
  /** The first message (default "hi"); null to start from the replies given. */
  first?: string | null;
  /** The replies the script starts from when `first` is null. */
  replies?: Partial<Activity>[];
  /** A question asked more often than its list allows gets the last answer again (for fuzzing), instead of failing. */
  repeat?: boolean;
}

/**
 * Answers every question the bot asks from `answers` (then `plainAnswers`) until `until` is asked
 * or nothing is asked. A question with no answer, or asked more often than its list allows,
 * fails the test with the question's id: a script never answers a question it did not expect.
 */
export async function answerQuestions(
  send: Send,
  answers: ScriptAnswers = {},
  options: ScriptOptions = {},
): Promise<Partial<Activity>[][]> {
  const until = options.until ?? 'human';
  const transcript: Partial<Activity>[][] = [];
  let replies = options.first === null ? (options.replies ?? []) : await send(options.first ?? 'hi');
  if (options.first !== null) transcript.push(replies);
  const used: Record<string, number> = {};
  for (let turn = 0; turn < 80; turn += 1) {
    const asked = askedQuestion(replies);
    if (asked === undefined || asked === until || askedTogether(replies).includes(until)) return transcript;
    const key = answeringKey(asked, answers);
    const given = answers[key] ?? plainAnswers[key];
    if (given === undefined) throw new Error(`the script has no answer for question "${asked}"`);
    const list = Array.isArray(given) ? given : [given];
    const count = used[key] ?? 0;
    if (count >= list.length && !options.repeat)
      throw new Error(`question "${asked}" asked ${count + 1} times; the script answers it ${list.length} time(s)`);
    used[key] = count + 1;
    replies = await send(list[Math.min(count, list.length - 1)]!);
    transcript.push(replies);
  }
  throw new Error('the conversation did not end within 80 answers');
}

/** The `assessment.completed` event among all replies (the last one, when a correction decided again). */
export function completedEventOf(
  transcript: Partial<Activity>[][],
): { outcome: string; rules: string[]; notes: string[]; reconsiderFrom?: string; concerns: string[]; rulesVersion: string } | undefined {
  const events = transcript.flat().filter((activity) => activity.type === 'event' && activity.name === 'assessment.completed');
  return events.at(-1)?.value;
}

/** What a reply shows the person: its text and the text of its cards (an emergency reply is a card). */
export function shownText(activity: Partial<Activity>): string {
  const cards = (activity.attachments ?? []).map(cardAsText).filter((text) => text !== '');
  return [activity.text ?? '', ...cards].filter((text) => text !== '').join('\n');
}

export function allTexts(transcript: Partial<Activity>[][]): string[] {
  return transcript.flat().map(shownText);
}
