import { ComponentDialog, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { readYesNo } from '../src/understanding/reader/index.js';
import { AnswerPrompt, type Answered } from './prompts/answer-prompt.js';
import { askQuestion } from './prompts/ask.js';
import { titledChoice } from './prompts/titled-choice.js';
import { answersChangedThisTurn } from './listening.js';
import { notedLines } from './noted-answers.js';
import type { DialogDeps } from './dialog-deps.js';
import { assessmentOf } from './step-state.js';
import type { CheckId } from '../src/safety/index.js';

const PROMPT = 'readBack';
const FLOW = 'readBackFlow';

type ReadBackAnswer = 'confirmed' | 'wrong' | 'changed';

/**
 * Before the decision: what was noted, in plain words, with one tap to confirm and free text to
 * correct ("actually I'm pregnant": the listening step changes the answer, then this reads back
 * again). Ends with `{ changed }` so the form can ask a follow-up a correction opened.
 */
export class ReadBackDialog extends ComponentDialog {
  static readonly id = 'readBackDialog';

  constructor(private readonly deps: DialogDeps) {
    super(ReadBackDialog.id);
    this.addDialog(
      new AnswerPrompt<ReadBackAnswer>(PROMPT, (input) => {
        if (input.context && answersChangedThisTurn(input.context)) return 'changed';
        if (input.choice === 'yes') return 'confirmed';
        const answer = readYesNo(input.text, deps.safety.reader);
        return answer === 'yes' ? 'confirmed' : answer === 'no' ? 'wrong' : undefined;
      }),
    );
    this.addDialog(new WaterfallDialog(FLOW, [this.askStep.bind(this), this.recordStep.bind(this)]));
    this.initialDialogId = FLOW;
  }

  private async askStep(step: WaterfallStepContext) {
    const { strings } = this.deps;
    const { check, wrong } = step.options as { check: CheckId; wrong?: boolean };
    const record = await assessmentOf(step, this.deps);
    const lines = notedLines(this.deps, record, check);
    const text = wrong
      ? strings('readBackWhatToChange')
      : [strings('readBackIntro'), ...lines.map((line) => `- ${line}`), '', strings('readBackQuestion')].join('\n');
    return askQuestion(step, PROMPT, text, strings('readBackRetry'), [titledChoice(this.deps, 'choiceThatsRight', 'yes')]);
  }

  private async recordStep(step: WaterfallStepContext) {
    const options = step.options as { check: CheckId };
    const result = step.result as Answered<ReadBackAnswer>;
    if (result.kind === 'answer' && result.value === 'changed') return step.endDialog({ changed: true });
    if (result.kind === 'answer' && result.value === 'wrong') return step.replaceDialog(FLOW, { ...options, wrong: true });
    // Unreadable twice: go on with what was noted; anything can still be corrected after the answer.
    if (result.kind === 'unreadable') await step.context.sendActivity(this.deps.strings('readBackGoingOn'));
    return step.endDialog({ changed: false });
  }
}
