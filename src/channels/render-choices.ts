import { ActionTypes, ActivityTypes, CardFactory, InputHints, type Activity, type CardAction } from 'botbuilder';

/** Teams shows at most three suggested actions; more go on a card. */
const TEAMS_MAX_SUGGESTED_ACTIONS = 3;

/** Channels where the options are typed back as numbers: plain-text channels. */
const NUMBERED_TEXT_CHANNELS = new Set(['whatsapp', 'console', 'sms']);

export function showsNumberedChoices(channelId: string | undefined): boolean {
  return NUMBERED_TEXT_CHANNELS.has(channelId ?? '');
}

/**
 * A question with answer buttons, in the form the channel shows best: suggested actions on
 * Web Chat, a hero card on Teams when there are more than three, a numbered list in plain
 * text on WhatsApp and the terminal (the WhatsApp adapter may turn the suggested actions
 * into native reply buttons; `channelData.question` keeps the bare question for it).
 */
export function renderQuestion(channelId: string | undefined, question: string, choices: string[]): Partial<Activity> {
  const base: Partial<Activity> = { type: ActivityTypes.Message, inputHint: InputHints.ExpectingInput };
  if (choices.length === 0) return { ...base, text: question };
  const actions: CardAction[] = choices.map((title) => ({ type: ActionTypes.ImBack, title, value: title }));

  if (channelId === 'msteams' && choices.length > TEAMS_MAX_SUGGESTED_ACTIONS) {
    return { ...base, text: question, attachments: [CardFactory.heroCard('', undefined, actions)] };
  }
  if (showsNumberedChoices(channelId)) {
    const list = choices.map((title, i) => `${i + 1}. ${title}`).join('\n');
    return { ...base, text: `${question}\n\n${list}`, suggestedActions: { actions, to: [] }, channelData: { question } };
  }
  return { ...base, text: question, suggestedActions: { actions, to: [] } };
}
