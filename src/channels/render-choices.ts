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
function choiceListCard(choices: string[], questionId: string | undefined): Attachment {
  return CardFactory.adaptiveCard({
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: [
      {
        type: 'Input.ChoiceSet',
        id: 'answer',
        style: 'expanded',
        // Long choices wrap instead of being cut short (Teams clips them otherwise).
        wrap: true,
        isRequired: true,
        choices: choices.map((title) => ({ title, value: title })),
      },
    ],
    actions: [{ type: 'Action.Submit', title: 'Send', ...(questionId ? { data: { questionId } } : {}) }],
  });
}

/**
 * Choices too long for the channel's buttons (Teams cuts titles short): one tappable row each on
 * an Adaptive Card, the whole title wrapping, one tap answering as a button would.
 */
function wrappingChoiceCard(choices: string[], questionId: string | undefined): Attachment {
  return CardFactory.adaptiveCard({
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: choices.map((title) => ({
      type: 'Container',
      style: 'emphasis',
      spacing: 'Small',
      selectAction: { type: 'Action.Submit', title, data: { answer: title, ...(questionId ? { questionId } : {}) } },
      items: [{ type: 'TextBlock', text: title, wrap: true, color: 'Accent', weight: 'Bolder' }],
    })),
  });
}

/**
 * What a pressed button or a submitted choice list carries besides its answer: the question it
 * was shown with. A second tap of the same button (a double click, a card scrolled back to)
 * then never answers the question that came after it, which the person had not seen.
 */
export interface ChoiceValue {
  answer: string;
  questionId: string;
}

/** The question a button press or choice-list submit was made at, when the channel sent it back. */
export function questionOfClick(activity: Partial<Activity>): string | undefined {
  const value = activity.value as Partial<ChoiceValue> | undefined;
  return typeof value === 'object' && value !== null && typeof value.questionId === 'string' ? value.questionId : undefined;
}

/** A button: with the question's id where the channel sends a value back (messageBack), else as typed text (imBack). */
function choiceAction(title: string, questionId: string | undefined, carriesValue: boolean): CardAction {
  if (!questionId || !carriesValue) return { type: ActionTypes.ImBack, title, value: title };
  const value: ChoiceValue = { answer: title, questionId };
  return { type: ActionTypes.MessageBack, title, text: title, displayText: title, value };
}

/**
 * A question with answer buttons, in the form the channel shows best: suggested actions on
 * Web Chat, a hero card on Teams when there are more than three (an Adaptive Card whose rows
 * wrap when a title is longer than Teams' buttons show), a numbered list in plain
 * text on WhatsApp and the terminal (the WhatsApp adapter may turn the suggested actions
 * into native reply buttons; `channelData.question` keeps the bare question for it).
 */
export function renderQuestion(channelId: string | undefined, question: string, choices: string[], questionId?: string): Partial<Activity> {
  const base: Partial<Activity> = { type: ActivityTypes.Message, inputHint: InputHints.ExpectingInput };
  if (choices.length === 0) return { ...base, text: question };
  const channel = capabilitiesOf(channelId);
  const actions = (carriesValue: boolean) => choices.map((title) => choiceAction(title, questionId, carriesValue));

  const cutShort = choices.some((title) => title.length > channel.buttonLabel);
  if (!channel.numberedText && (choices.length > channel.suggestedActions || cutShort)) {
    if (choices.length > channel.cardButtons) return { ...base, text: question, attachments: [choiceListCard(choices, questionId)] };
    if (cutShort) return { ...base, text: question, attachments: [wrappingChoiceCard(choices, questionId)] };
    return { ...base, text: question, attachments: [CardFactory.heroCard('', undefined, actions(true))] };
  }
  if (showsNumberedChoices(channelId)) {
    const list = choices.map((title, i) => `${i + 1}. ${title}`).join('\n');
    return { ...base, text: `${question}\n\n${list}`, suggestedActions: { actions: actions(false), to: [] }, channelData: { question } };
  }
  return { ...base, text: question, suggestedActions: { actions: actions(channel.valueInSuggestedActions), to: [] } };
}
