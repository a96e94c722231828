import { ActionTypes, ActivityTypes, CardFactory, InputHints, type Activity, type Attachment, type CardAction } from 'botbuilder';
import { capabilitiesOf } from './capabilities.js';

/** Channels where the options are typed back as numbers: plain-text channels. */
export function showsNumberedChoices(channelId: string | undefined): boolean {
  return capabilitiesOf(channelId).numberedText;
}

/**
 * More choices than a card shows buttons (Teams: six): an Adaptive Card with every choice in
 * one list and a Send button, so "None of these" and "Not sure" are always in reach. The
 * submit carries `{ answer }`, read like a typed answer.
 */
function choiceListCard(choices: string[]): Attachment {
  return CardFactory.adaptiveCard({
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: [
      {
        type: 'Input.ChoiceSet',
        id: 'answer',
        style: 'expanded',
        isRequired: true,
        choices: choices.map((title) => ({ title, value: title })),
      },
    ],
    actions: [{ type: 'Action.Submit', title: 'Send' }],
  });
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

  const channel = capabilitiesOf(channelId);
  if (!channel.numberedText && choices.length > channel.suggestedActions) {
    if (choices.length > channel.cardButtons) return { ...base, text: question, attachments: [choiceListCard(choices)] };
    return { ...base, text: question, attachments: [CardFactory.heroCard('', undefined, actions)] };
  }
  if (showsNumberedChoices(channelId)) {
    const list = choices.map((title, i) => `${i + 1}. ${title}`).join('\n');
    return { ...base, text: `${question}\n\n${list}`, suggestedActions: { actions, to: [] }, channelData: { question } };
  }
  return { ...base, text: question, suggestedActions: { actions, to: [] } };
}
