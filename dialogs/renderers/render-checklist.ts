import { ActivityTypes, CardFactory, InputHints, type Activity, type Attachment } from 'botbuilder';
import { capabilitiesOf } from './capabilities.js';

/** One choice of a checklist: what the person sees, and the value the bot reads back. */
export interface ChecklistChoice {
  title: string;
  /** A value without commas (a card's multi-select sends the values joined by commas). */
  value: string;
  /** Other ways of typing it that pick it too ("thats all" for "No others"). */
  aliases?: readonly string[];
}

/** A part of a checklist with its own heading ("In the area now", "Conditions"). */
export interface ChecklistSection {
  heading?: string;
  items: ChecklistChoice[];
}

/**
 * A "tick all that apply" question, as data: the dialog decides what is asked, this module how
 * each channel shows it. The answers that are not an item ("None of these", "Not sure") come
 * after every section.
 */
export interface ChecklistView {
  questionId: string;
  question: string;
  sections: ChecklistSection[];
  /** "None of these" (or "No others"), "Not sure". */
  others: ChecklistChoice[];
  /** The label of the list of others ("Or"). */
  othersLabel: string;
  /** The card's button ("Send"). */
  send: string;
  /** The question again when the card was sent with nothing ticked. */
  nothingTicked: string;
  /** The one line that says how to answer with numbers, on channels that show them. */
  numbersHint: string;
}

/** The id of every choice list of a checklist card: its values come back under it. */
const PICK_PREFIX = 'pick_';

/**
 * What a checklist card's Send carries: the question it was shown with (as every button does,
 * see `ChoiceValue` in render-choices.ts), and each list's ticked values, joined by commas.
 */
export interface ChecklistSubmit {
  questionId: string;
  checklist: true;
  [list: `${typeof PICK_PREFIX}${number}`]: string;
}

/** Every choice of the view in the order shown (and numbered): the items, then the others. */
export function checklistChoices(view: ChecklistView): ChecklistChoice[] {
  return [...view.sections.flatMap((section) => section.items), ...view.others];
}

/**
 * Web Chat and Teams: an Adaptive Card (1.5) with a checkbox per choice (`Input.ChoiceSet`
 * `isMultiSelect`), each list labelled (its section's heading, else the question: a screen
 * reader names it), choices that wrap (never cut) and one Send button.
 */
function checklistCard(view: ChecklistView): Attachment {
  const list = (index: number, label: string, choices: ChecklistChoice[]) => ({
    type: 'Input.ChoiceSet',
    id: `${PICK_PREFIX}${index}`,
    label,
    isMultiSelect: true,
    style: 'expanded',
    wrap: true,
    spacing: 'Medium',
    choices: choices.map(({ title, value }) => ({ title, value })),
  });
  const body: object[] = view.sections.map((section, index) => list(index, section.heading ?? view.question, section.items));
  body.push(list(view.sections.length, view.othersLabel, view.others));
  const data: Omit<ChecklistSubmit, `${typeof PICK_PREFIX}${number}`> = { questionId: view.questionId, checklist: true };
  return CardFactory.adaptiveCard({
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    speak: view.question,
    body,
    actions: [{ type: 'Action.Submit', title: view.send, data }],
  });
}

/** WhatsApp and the terminal: the choices numbered in the text, under their headings, and how to answer. */
function numberedText(view: ChecklistView): string {
  const lines: string[] = [];
  let number = 0;
  const numbered = (choice: ChecklistChoice) => `${(number += 1)}. ${choice.title}`;
  for (const section of view.sections) {
    if (section.heading) lines.push(section.heading);
    lines.push(...section.items.map(numbered));
  }
  lines.push(...view.others.map(numbered));
  return `${view.question}\n\n${lines.join('\n')}\n\n${view.numbersHint}`;
}

/**
 * The checklist as the channel shows it best: a card of checkboxes where Adaptive Cards are
 * shown, else the numbered list (answered with the numbers that apply, "1, 3", in one reply).
 * Typed words answer it everywhere.
 */
export function renderChecklist(channelId: string | undefined, view: ChecklistView): Partial<Activity> {
  const base: Partial<Activity> = { type: ActivityTypes.Message, inputHint: InputHints.ExpectingInput };
  const channel = capabilitiesOf(channelId);
  if (channel.adaptiveCards && !channel.numberedText) return { ...base, text: view.question, attachments: [checklistCard(view)] };
  return { ...base, text: numberedText(view), channelData: { question: view.question } };
}

/** The values a checklist card's Send carries (every list's ticks), or undefined for any other message. */
export function checklistPicks(activity: Partial<Activity>): string[] | undefined {
  const value = activity.value as Record<string, unknown> | undefined;
  if (typeof value !== 'object' || value === null || value['checklist'] !== true) return undefined;
  return Object.entries(value)
    .filter(([key, ticked]) => key.startsWith(PICK_PREFIX) && typeof ticked === 'string')
    .flatMap(([, ticked]) => (ticked as string).split(','))
    .map((picked) => picked.trim())
    .filter((picked) => picked !== '');
}

/**
 * The numbers typed in one reply where the choices are numbered ("1, 3", "2 and 5", "4"), as
 * the values they pick; undefined when the text is anything else or a number is not on the list.
 */
export function typedNumbers(text: string, choices: readonly ChecklistChoice[]): string[] | undefined {
  const words = text
    .toLowerCase()
    .split(/\s*(?:,|;|&|\+|\band\b|\s)\s*/)
    .filter((word) => word !== '' && word !== '.');
  if (words.length === 0 || !words.every((word) => /^\d{1,2}\.?$/.test(word))) return undefined;
  const picked = words.map((word) => choices[Number.parseInt(word, 10) - 1]?.value);
  if (picked.some((value) => value === undefined)) return undefined;
  return [...new Set(picked as string[])];
}
