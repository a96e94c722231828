import { type Activity, type TurnContext } from 'botbuilder';
import {
  Dialog,
  Prompt,
  type DialogContext,
  type DialogTurnResult,
  type PromptOptions,
  type PromptRecognizerResult,
} from 'botbuilder-dialogs';
import { noteQuestionAsked, predatesQuestion } from '../../src/turn/question-facts.js';
import { answeredElsewhereThisTurn } from '../listening.js';
import { showsNumberedChoices } from '../renderers/render-choices.js';
import { checklistPicks, typedNumbers } from '../renderers/render-checklist.js';
import { foldedWords } from '../../src/understanding/fold.js';
import { choiceTyped } from '../../src/understanding/typed-choice.js';
import { readablePart } from '../../src/understanding/reader/index.js';

/** What a question got: an answer, or nothing readable after the allowed tries. */
export type Answered<T> = { kind: 'answer'; value: T } | { kind: 'unreadable' };

export interface PromptInput {
  text: string;
  /** Value of the button the person pressed or typed (by title, or by number where numbers are shown). */
  choice?: string;
  /** A checklist's ticked values: a card's checkboxes, or the numbers typed in one reply ("1, 3"). */
  picks?: string[];
  /** What the question asks about, when the prompt serves several questions (the items of several checklists). */
  asked?: string[];
  channelId?: string;
  /** The turn, for parsers that depend on what else the message did (the read-back). */
  context?: TurnContext;
}

/** A button: what the person sees, and the value the parser gets when it is picked. */
export interface QuestionChoice {
  title: string;
  value: string;
  /** Other ways of saying it that pick it too (knowledge data: `choiceAliases` in conversation.json). */
  aliases?: readonly string[];
}

export interface AnswerPromptOptions extends PromptOptions {
  /** Buttons shown with the question, so a typed title or number picks one. */
  choices?: QuestionChoice[];
  /** A checklist: several choices may be ticked, or typed as numbers in one reply. */
  multiSelect?: boolean;
  /** A checklist's retry when its card was sent with nothing ticked: says so, rather than "I didn't catch that". */
  nothingTickedPrompt?: Partial<Activity>;
  /** What the question asks about, given to the parser (see PromptInput.asked). */
  asked?: string[];
}

/** After this many unreadable answers the question is recorded as unknown, never as "no". */
export const MAX_TRIES = 2;

/** The whole text of a message, or of a card submit (`value.answer` / Teams `msteams.text`). */
export function messageText(activity: Partial<Activity>): string {
  if (typeof activity.text === 'string' && activity.text.trim() !== '') return activity.text;
  const value = activity.value as Record<string, unknown> | undefined;
  if (value && typeof value === 'object') {
    if (typeof value['answer'] === 'string') return value['answer'];
    const teams = value['msteams'] as Record<string, unknown> | undefined;
    if (teams && typeof teams['text'] === 'string') return teams['text'];
  }
  return '';
}

/** The part of the message that is read (its first MAX_READ_LENGTH characters). */
export function answerText(activity: Partial<Activity>): string {
  return readablePart(messageText(activity));
}

/**
 * The value of the button a typed text picks: by its number where numbers are shown, or by its
 * title or an alias, typed as shown or loosely (a slip, one word of it: see choiceTyped).
 */
export function pickedChoice(text: string, choices: QuestionChoice[], channelId: string | undefined): string | undefined {
  const normalized = foldedWords(text);
  if (showsNumberedChoices(channelId) && /^\d{1,2}$/.test(normalized)) return choices[Number(normalized) - 1]?.value;
  return choiceTyped(text, choices);
}

/** Numbers typed in one reply ("1, 3") where the choices are shown numbered. */
function typedPicks(text: string, choices: QuestionChoice[], channelId: string | undefined): string[] | undefined {
  return showsNumberedChoices(channelId) ? typedNumbers(text, choices) : undefined;
}

/**
 * One prompt for every kind of question: the parser turns what the person wrote (or the button
 * they pressed) into a value; anything it cannot read is re-asked with the retry prompt, which
 * carries an example, and after MAX_TRIES the result is `unreadable`.
 */
export class AnswerPrompt<T> extends Prompt<Answered<T>> {
  constructor(
    dialogId: string,
    private readonly parse: (input: PromptInput) => T | undefined,
  ) {
    super(dialogId, async (prompt) => {
      if (prompt.recognized.succeeded) return true;
      if (prompt.attemptCount >= MAX_TRIES) {
        prompt.recognized.value = { kind: 'unreadable' };
        return true;
      }
      return false;
    });
  }

  /**
   * A message that arrived before this question was sent was not written to it (a repeated
   * message, an answer typed ahead): it answers nothing, costs no try and gets no retry.
   * What it named was already read by the listening step.
   */
  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    if (predatesQuestion(dc.context, this.id)) return Dialog.EndOfTurn;
    // The message answered something else ("actually I'm pregnant" at another question), and the
    // bot said so: unless it also answers this question, this question is asked again as it was,
    // and the message costs no try (botbuilder would stay silent, having already replied).
    if (answeredElsewhereThisTurn(dc.context)) {
      const state = dc.activeDialog!.state as { state: object; options: AnswerPromptOptions };
      const recognized = await this.onRecognize(dc.context, state.state, state.options);
      if (!recognized.succeeded) {
        await this.onPrompt(dc.context, state.state, state.options, false);
        return Dialog.EndOfTurn;
      }
    }
    return super.continueDialog(dc);
  }

  protected async onPrompt(context: TurnContext, _state: object, options: PromptOptions, isRetry: boolean): Promise<void> {
    if (!isRetry) noteQuestionAsked(context, this.id);
    const { nothingTickedPrompt } = options as AnswerPromptOptions;
    const nothingTicked = isRetry && nothingTickedPrompt !== undefined && checklistPicks(context.activity)?.length === 0;
    const activity = nothingTicked ? nothingTickedPrompt : isRetry && options.retryPrompt ? options.retryPrompt : options.prompt;
    if (activity) await context.sendActivity(activity as Partial<Activity>);
  }

  protected async onRecognize(
    context: TurnContext,
    _state: object,
    options: AnswerPromptOptions,
  ): Promise<PromptRecognizerResult<Answered<T>>> {
    const text = answerText(context.activity);
    const channelId = context.activity.channelId;
    const choices = options.choices ?? [];
    const choice = pickedChoice(text, choices, channelId);
    const picks = options.multiSelect ? (checklistPicks(context.activity) ?? typedPicks(text, choices, channelId)) : undefined;
    const value =
      text === ''
        ? undefined
        : this.parse({
            text,
            choice,
            channelId,
            context,
            ...(picks ? { picks } : {}),
            ...(options.asked ? { asked: options.asked } : {}),
          });
    return value === undefined ? { succeeded: false } : { succeeded: true, value: { kind: 'answer', value } };
  }
}
