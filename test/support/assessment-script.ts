import type { Activity } from 'botbuilder';
import type { Turn } from './conversation.js';

/** The answers of a whole assessment, one per question, in the order the bot asks. */
export interface ScriptAnswers {
  consent: string;
  concerns: string[];
  depth?: string[];
  goal: string;
  age: string;
  ageFollowUps?: string[];
  pregnancy: string;
  isotretinoin: string[];
  skinNow: string[];
  conditions: string[];
  medicines: string[];
  pigmentation: string;
  lastSession: string[];
}

/** A person with nothing to report, answering in words. Tests override what they need. */
export const plainAnswers: ScriptAnswers = {
  consent: 'yes',
  concerns: ['my pores', "that's all"],
  goal: 'at a clinic',
  age: "I'm 34",
  pregnancy: "no I'm not",
  isotretinoin: ['never'],
  skinNow: ['none of these'],
  conditions: ['none'],
  medicines: ['no'],
  pigmentation: 'no',
  lastSession: ['never had it'],
};

/** The turns of a whole assessment (first message "hi"), with no reply checks. */
export function assessmentTurns(overrides: Partial<ScriptAnswers> = {}): Turn[] {
  const a = { ...plainAnswers, ...overrides };
  const sends = [
    'hi',
    a.consent,
    ...a.concerns,
    ...(a.depth ?? []),
    a.goal,
    a.age,
    ...(a.ageFollowUps ?? []),
    a.pregnancy,
    ...a.isotretinoin,
    ...a.skinNow,
    ...a.conditions,
    ...a.medicines,
    a.pigmentation,
    ...a.lastSession,
  ];
  return sends.map((send) => ({ send }));
}

/** The `assessment.completed` event among all replies, if the bot sent one. */
export function completedEventOf(
  transcript: Partial<Activity>[][],
): { outcome: string; rules: string[]; notes: string[]; reconsiderFrom?: string; concerns: string[]; rulesVersion: string } | undefined {
  const event = transcript.flat().find((activity) => activity.type === 'event' && activity.name === 'assessment.completed');
  return event?.value;
}

export function allTexts(transcript: Partial<Activity>[][]): string[] {
  return transcript.flat().map((activity) => activity.text ?? '');
}
