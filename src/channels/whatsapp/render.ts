import type { Activity } from 'botbuilder';
import { cardAsText } from '../card-text.js';
import { whatsAppText } from './format.js';

/** WhatsApp Cloud API limits (interactive messages and text). */
export const LIMITS = {
  text: 4096,
  interactiveBody: 1024,
  buttons: 3,
  buttonTitle: 20,
  listRows: 10,
  rowTitle: 24,
  rowDescription: 72,
  listButton: 20,
  replyId: 256,
} as const;

export type OutboundPayload =
  | { type: 'text'; text: { body: string; preview_url: boolean } }
  | { type: 'interactive'; interactive: InteractiveButtons | InteractiveList };

interface InteractiveButtons {
  type: 'button';
  body: { text: string };
  action: { buttons: Array<{ type: 'reply'; reply: { id: string; title: string } }> };
}

interface InteractiveList {
  type: 'list';
  body: { text: string };
  action: { button: string; sections: Array<{ rows: Array<{ id: string; title: string; description?: string }> }> };
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Long text in pieces of at most 4,096 characters, cut at a paragraph, line or word where possible. */
export function splitText(text: string, max: number = LIMITS.text): string[] {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const window = rest.slice(0, max);
    const cut = Math.max(window.lastIndexOf('\n\n'), window.lastIndexOf('\n'), window.lastIndexOf(' '));
    const at = cut > max / 2 ? cut : max;
    parts.push(rest.slice(0, at).trimEnd());
    rest = rest.slice(at).trimStart();
  }
  if (rest.length > 0) parts.push(rest);
  return parts;
}

/**
 * A reply button's or list row's id: the choice with the question it was shown with, so a second
 * tap of an old button answers nothing else (see `readReplyId`); the bare choice where that would
 * not fit WhatsApp's id limit.
 */
export function choiceReplyId(choice: string, questionId: string | undefined): string {
  if (questionId === undefined) return choice;
  const tagged = JSON.stringify({ q: questionId, a: choice });
  return tagged.length <= LIMITS.replyId ? tagged : choice;
}

/** The choice and question of a reply id `choiceReplyId` made; any other id is the choice itself. */
export function readReplyId(id: string): { answer: string; questionId?: string } {
  if (!id.startsWith('{"q":')) return { answer: id };
  try {
    const parsed = JSON.parse(id) as { q?: unknown; a?: unknown };
    if (typeof parsed.q === 'string' && typeof parsed.a === 'string') return { answer: parsed.a, questionId: parsed.q };
  } catch {
    // not one of ours: read as typed
  }
  return { answer: id };
}

/**
 * One bot message as WhatsApp payloads. Choices become reply buttons (at most 3, titles of at
 * most 20 characters), else a list (at most 10 rows), else the numbered text the bot already
 * wrote, answered with a number. The button or row id carries the full choice title (and the
 * question), so the answer reads the same as a typed one. Text is written in WhatsApp's own
 * formatting (`*bold*`, addresses written out). Cards become text; typing and events send nothing.
 */
export function renderForWhatsApp(activity: Partial<Activity>): OutboundPayload[] {
  if (activity.type !== 'message') return [];
  const payloads: OutboundPayload[] = [];
  const choices = (activity.suggestedActions?.actions ?? []).map((action) => String(action.value ?? action.title ?? ''));
  const questionId = (activity.channelData as { questionId?: unknown } | undefined)?.questionId;
  const replyId = (choice: string) => choiceReplyId(choice, typeof questionId === 'string' ? questionId : undefined);
  const question = whatsAppText((activity.channelData as { question?: string } | undefined)?.question ?? activity.text ?? '');
  const idsFit = choices.every((choice) => choice.length > 0 && choice.length <= LIMITS.replyId);
  const interactiveFits = choices.length > 0 && idsFit && question.length > 0 && question.length <= LIMITS.interactiveBody;

  if (interactiveFits && choices.length <= LIMITS.buttons && choices.every((choice) => choice.length <= LIMITS.buttonTitle)) {
    payloads.push({
      type: 'interactive',
      interactive: {
        type: 'button',
        body: { text: question },
        action: { buttons: choices.map((choice) => ({ type: 'reply', reply: { id: replyId(choice), title: choice } })) },
      },
    });
  } else if (interactiveFits && choices.length <= LIMITS.listRows) {
    payloads.push({
      type: 'interactive',
      interactive: {
        type: 'list',
        body: { text: question },
        action: {
          button: 'Choose',
          sections: [
            {
              rows: choices.map((choice) => ({
                id: replyId(choice),
                title: clip(choice, LIMITS.rowTitle),
                ...(choice.length > LIMITS.rowTitle ? { description: clip(choice, LIMITS.rowDescription) } : {}),
              })),
            },
          ],
        },
      },
    });
  } else if (activity.text) {
    for (const body of splitText(whatsAppText(activity.text))) payloads.push({ type: 'text', text: { body, preview_url: false } });
  }
  for (const attachment of activity.attachments ?? []) {
    const text = whatsAppText(cardAsText(attachment));
    if (text === '') continue;
    for (const body of splitText(text)) payloads.push({ type: 'text', text: { body, preview_url: false } });
  }
  return payloads;
}
