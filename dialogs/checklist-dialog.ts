import { ComponentDialog, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { Tri } from '../src/safety/index.js';
import { AnswerPrompt, type Answered } from './prompts/answer-prompt.js';
import { askQuestion } from './prompts/ask.js';
import { NONE_CHOICE, UNSURE_CHOICE, parseChecklistAnswer, type ChecklistPick, type ChecklistReader } from './answer-parsers.js';
import type { DialogDeps } from './dialog-deps.js';

export interface ChecklistItem {
  id: string;
  /** Key of the short label in the strings file (also the button title). */
  labelKey: string;
}

export interface ChecklistDefinition {
  questionKey: string;
  items: ChecklistItem[];
  /** Reads items in free text (each yes, no or not sure) and what a bare answer says. */
  readItems: ChecklistReader;
  /** Button for "nothing applies" on the first ask (later asks say "no others"). */
  noneKey: string;
}

interface ChecklistState {
  values: Record<string, Tri>;
  asked: boolean;
}

const PROMPT = 'checklistPrompt';
const triRank: Record<Tri, number> = { no: 0, unknown: 1, yes: 2 };
const FLOW = 'checklistFlow';

/**
 * "Any of these?": one question for several items, the way a clinician asks. A person may pick
 * one button at a time or write several at once; while items remain after a pick it asks
 * "any other?". Ends with every item answered: yes, no, or not sure (never a silent "no"
 * for an unreadable answer).
 */
export class ChecklistDialog extends ComponentDialog {
  constructor(
    dialogId: string,
    private readonly deps: DialogDeps,
    private readonly definition: ChecklistDefinition,
  ) {
    super(dialogId);
    const ids = definition.items.map((item) => item.id);
    this.addDialog(new AnswerPrompt<ChecklistPick>(PROMPT, (input) => parseChecklistAnswer(input, ids, definition.readItems)));
    this.addDialog(new WaterfallDialog(FLOW, [this.askStep.bind(this), this.recordStep.bind(this)]));
    this.initialDialogId = FLOW;
  }

  private remaining(state: ChecklistState): ChecklistItem[] {
    return this.definition.items.filter((item) => state.values[item.id] === undefined);
  }

  private async askStep(step: WaterfallStepContext) {
    const { strings } = this.deps;
    const state: ChecklistState = (step.options as ChecklistState | undefined)?.values
      ? (step.options as ChecklistState)
      : { values: {}, asked: false };
    (step.values as Record<string, unknown>)['checklist'] = state;
    const remaining = this.remaining(state);
    // Every item already answered in an earlier message: nothing left to ask.
    if (remaining.length === 0) return step.endDialog(state.values);
    const labels = remaining.map((item) => strings(item.labelKey));
    const choices = [
      ...remaining.map((item, i) => ({ title: labels[i]!, value: item.id })),
      { title: strings(state.asked ? 'choiceNoOthers' : this.definition.noneKey), value: NONE_CHOICE },
      { title: strings('choiceNotSure'), value: UNSURE_CHOICE },
    ];
    const picked = this.definition.items.filter((item) => state.values[item.id] === 'yes').map((item) => strings(item.labelKey));
    const question = state.asked
      ? strings('checklistMore', { list: picked.join(', ') })
      : strings(this.definition.questionKey, { items: labels.join(', ') });
    return askQuestion(step, PROMPT, question, strings('checklistRetry'), choices);
  }

  private async recordStep(step: WaterfallStepContext) {
    const state = (step.values as Record<string, unknown>)['checklist'] as ChecklistState;
    const result = step.result as Answered<ChecklistPick>;
    const fillRemaining = (value: Tri) => {
      for (const item of this.remaining(state)) state.values[item.id] = value;
    };
    if (result.kind === 'unreadable') {
      await step.context.sendActivity(this.deps.strings('recordedUnknown'));
      fillRemaining('unknown');
      return step.endDialog(state.values);
    }
    const pick = result.value;
    if (pick.kind === 'none') fillRemaining('no');
    if (pick.kind === 'unsure') fillRemaining('unknown');
    if (pick.kind !== 'items') return step.endDialog(state.values);

    // A later answer may raise an item ("actually, yes"), never quietly lower an earlier yes.
    for (const [id, value] of Object.entries(pick.values)) {
      const current = state.values[id];
      if (current === undefined || triRank[value] > triRank[current]) state.values[id] = value;
    }
    const anyYes = Object.values(pick.values).some((value) => value === 'yes');
    if (anyYes && this.remaining(state).length > 0) return step.replaceDialog(FLOW, { values: state.values, asked: true });
    // Named only as "no" or "not sure": the rest were not mentioned, so ask again about them.
    if (!anyYes && this.remaining(state).length > 0) return step.replaceDialog(FLOW, { values: state.values, asked: state.asked });
    return step.endDialog(state.values);
  }
}
