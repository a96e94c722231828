import { ComponentDialog, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { ConcernId } from '../src/knowledge/index.js';
import { AnswerPrompt, type Answered, type PromptInput, type QuestionChoice } from './prompts/answer-prompt.js';
import { askQuestion } from './prompts/ask.js';
import { NONE_CHOICE, UNSURE_CHOICE, type ChecklistPick } from '../src/understanding/question-answers.js';
import { readDepthAnswer, readGoalAnswer, type Depth, type Goal } from '../src/understanding/goal-and-depth.js';
import { readYesNo } from '../src/understanding/reader/index.js';
import { readConcerns } from '../src/understanding/concerns.js';
import type { DialogDeps } from './dialog-deps.js';
import { updateAssessment, assessmentOf } from './step-state.js';

const CONCERNS = 'concerns';
const WRINKLES = 'wrinkleDepth';
const SCARS = 'scarDepth';
const GOAL = 'goal';
const FLOW = 'concernsFlow';

/**
 * What the person wants help with: one or several concerns (buttons one at a time, or words
 * such as "my pores and acne scars"), the depth of wrinkles or scars only when that matters
 * for the advice, and whether they think of a clinic or of rolling at home.
 */
export class ConcernsDialog extends ComponentDialog {
  static readonly id = 'concernsDialog';

  constructor(private readonly deps: DialogDeps) {
    super(ConcernsDialog.id);
    const ids: string[] = deps.kb.concerns.map((concern) => concern.id);
    const { reader } = deps.safety;
    // Concerns by button (one at a time) or in words; a bare "none" or "not sure" answers for all.
    const readConcernAnswer = (input: PromptInput): ChecklistPick | undefined => {
      if (input.choice === NONE_CHOICE) return { kind: 'none' };
      if (input.choice === UNSURE_CHOICE) return { kind: 'unsure' };
      if (input.choice !== undefined) return ids.includes(input.choice) ? { kind: 'items', values: { [input.choice]: 'yes' } } : undefined;
      const named = readConcerns(input.text, reader).filter((id) => ids.includes(id));
      if (named.length > 0) return { kind: 'items', values: Object.fromEntries(named.map((id) => [id, 'yes' as const])) };
      const bare = readYesNo(input.text, reader);
      return bare === 'no' ? { kind: 'none' } : bare === 'unknown' ? { kind: 'unsure' } : undefined;
    };
    this.addDialog(new AnswerPrompt<ChecklistPick>(CONCERNS, readConcernAnswer));
    this.addDialog(new AnswerPrompt<Depth>(WRINKLES, (input) => readDepthAnswer(input, reader, 'deepWrinkles', deps.clock())));
    this.addDialog(new AnswerPrompt<Depth>(SCARS, (input) => readDepthAnswer(input, reader, 'deepScars', deps.clock())));
    this.addDialog(new AnswerPrompt<Goal>(GOAL, (input) => readGoalAnswer(input, reader)));
    this.addDialog(
      new WaterfallDialog(FLOW, [
        this.askConcerns.bind(this),
        this.recordConcerns.bind(this),
        this.askWrinkleDepth.bind(this),
        this.askScarDepth.bind(this),
        this.askGoal.bind(this),
        this.recordGoal.bind(this),
      ]),
    );
    this.initialDialogId = FLOW;
  }

  /** Buttons from a map of value to the key of the title. */
  private buttons(choices: Record<string, string>): QuestionChoice[] {
    return Object.entries(choices).map(([value, key]) => ({ title: this.deps.strings(key), value }));
  }

  private async askConcerns(step: WaterfallStepContext) {
    const { strings, kb } = this.deps;
    const chosen = (await assessmentOf(step, this.deps)).concerns;
    const asked = (step.options as { asked?: boolean } | undefined)?.asked === true;
    const remaining = kb.concerns.filter((concern) => !chosen.includes(concern.id));
    const choices: QuestionChoice[] = [
      ...remaining.map((concern) => ({ title: concern.label, value: concern.id })),
      { title: strings(asked ? 'choiceThatsAll' : 'choiceNoneOfThese'), value: NONE_CHOICE },
      { title: strings('choiceNotSure'), value: UNSURE_CHOICE },
    ];
    const labels = kb.concerns.filter((concern) => chosen.includes(concern.id)).map((concern) => concern.label.toLowerCase());
    const question = asked ? strings('concernsMore', { list: labels.join(', ') }) : strings('concernsQuestion');
    return askQuestion(step, CONCERNS, question, strings('concernsRetry'), choices);
  }

  private async recordConcerns(step: WaterfallStepContext) {
    const result = step.result as Answered<ChecklistPick>;
    const picked =
      result.kind === 'answer' && result.value.kind === 'items'
        ? Object.entries(result.value.values)
            .filter(([, value]) => value === 'yes')
            .map(([id]) => id as ConcernId)
        : [];
    const record = await updateAssessment(step, this.deps, (record) => {
      for (const id of picked) if (!record.concerns.includes(id)) record.concerns.push(id);
    });
    const remainingAfter = this.deps.kb.concerns.filter((concern) => !record.concerns.includes(concern.id));
    if (picked.length > 0 && remainingAfter.length > 0) {
      return step.replaceDialog(FLOW, { asked: true });
    }
    if (record.concerns.length === 0) await step.context.sendActivity(this.deps.strings('concernsNoneChosen'));
    return step.next();
  }

  private async askWrinkleDepth(step: WaterfallStepContext) {
    const { strings } = this.deps;
    const record = await assessmentOf(step, this.deps);
    if (!record.concerns.includes('fine-lines-wrinkles')) return step.next();
    const choices = this.buttons({ shallow: 'choiceFineLines', deep: 'choiceDeepWrinkles', both: 'choiceBoth', unknown: 'choiceNotSure' });
    return askQuestion(step, WRINKLES, strings('wrinkleDepthQuestion'), strings('wrinkleDepthRetry'), choices);
  }

  private async askScarDepth(step: WaterfallStepContext) {
    const { strings } = this.deps;
    await this.recordDepth(step, 'deepWrinkles');
    const record = await assessmentOf(step, this.deps);
    if (!record.concerns.includes('acne-scars')) return step.next();
    const choices = this.buttons({ shallow: 'choiceShallowScars', deep: 'choiceDeepScars', unknown: 'choiceNotSure' });
    return askQuestion(step, SCARS, strings('scarDepthQuestion'), strings('scarDepthRetry'), choices);
  }

  /** Deep, both or not sure all get the deep-wrinkle or deep-scar note: it only informs. */
  private async recordDepth(step: WaterfallStepContext, field: 'deepWrinkles' | 'deepScars') {
    const result = step.result as Answered<Depth> | undefined;
    if (!result) return;
    const depth = result.kind === 'answer' ? result.value : 'unknown';
    await updateAssessment(step, this.deps, (record) => (record.answers[field] = depth !== 'shallow'));
  }

  private async askGoal(step: WaterfallStepContext) {
    const { strings } = this.deps;
    await this.recordDepth(step, 'deepScars');
    const choices = this.buttons({ clinic: 'choiceClinic', home: 'choiceHome', unsure: 'choiceNotSure' });
    return askQuestion(step, GOAL, strings('goalQuestion'), strings('goalRetry'), choices);
  }

  private async recordGoal(step: WaterfallStepContext) {
    const result = step.result as Answered<Goal>;
    const goal: Goal = result.kind === 'answer' ? result.value : 'unsure';
    await updateAssessment(step, this.deps, (record) => {
      record.goal = goal;
      // Anyone not set on a clinic gets the at-home note: it only adds caution.
      record.answers.wantsHomeUse = goal !== 'clinic';
    });
    return step.endDialog();
  }
}
