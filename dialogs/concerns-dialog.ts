import { ComponentDialog, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { ConcernId } from '../src/knowledge/index.js';
import { AnswerPrompt, type Answered, type PromptInput, type QuestionChoice } from './prompts/answer-prompt.js';
import { askChecklist, askQuestion } from './prompts/ask.js';
import { NONE_CHOICE, UNSURE_CHOICE } from '../src/understanding/question-answers.js';
import { readDepthAnswer, readGoalAnswer, type Depth, type Goal } from '../src/understanding/goal-and-depth.js';
import { readYesNo } from '../src/understanding/reader/index.js';
import { concernsNamed, readDescription } from '../src/understanding/description.js';
import type { ChecklistView } from './renderers/render-checklist.js';
import { answersChangedThisTurn } from './listening.js';
import { CONCERNS, DESCRIBE, setGoal } from './described.js';
import type { DialogDeps } from './dialog-deps.js';
import { updateAssessment, assessmentOf } from './step-state.js';

const WRINKLES = 'wrinkleDepth';
const SCARS = 'scarDepth';
const GOAL = 'goal';
const FLOW = 'concernsFlow';
/** The invitation, before FLOW: a flow of its own, so a conversation saved inside FLOW resumes at the same step. */
const INVITE_FLOW = 'concernsInviteFlow';

export interface ConcernsOptions {
  /** First invite the person to say it all in their own words (after consent). */
  invite?: boolean;
}

/**
 * What the invitation or the concerns question got: the concerns ticked or named, or none (the
 * person has none or is not sure). Named concerns, the place and the depths of a description
 * are taken by the listening step (dialogs/described.ts), whatever interrupts.
 */
interface FlowOptions {
  /** The invitation was answered "none of these" or "not sure": the concerns question is not asked again. */
  noConcerns?: boolean;
}

interface ConcernsAnswer {
  concerns: ConcernId[];
  /** "None of these", "not sure", or nothing named twice: no concern to ask about. */
  none?: boolean;
}

export class ConcernsDialog extends ComponentDialog {
  static readonly id = 'concernsDialog';

  constructor(private readonly deps: DialogDeps) {
    super(ConcernsDialog.id);
    const { reader } = deps.safety;
    this.addDialog(new AnswerPrompt<ConcernsAnswer>(DESCRIBE, (input) => this.readDescription(input)));
    this.addDialog(new AnswerPrompt<ConcernsAnswer>(CONCERNS, (input) => this.readConcernAnswer(input)));
    this.addDialog(new AnswerPrompt<Depth>(WRINKLES, (input) => readDepthAnswer(input, reader, 'deepWrinkles', deps.clock())));
    this.addDialog(new AnswerPrompt<Depth>(SCARS, (input) => readDepthAnswer(input, reader, 'deepScars', deps.clock())));
    this.addDialog(new AnswerPrompt<Goal>(GOAL, (input) => readGoalAnswer(input, reader)));
    this.addDialog(new WaterfallDialog(INVITE_FLOW, [this.invite.bind(this), this.recordDescription.bind(this)]));
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
    this.initialDialogId = INVITE_FLOW;
  }

  private get concernIds(): string[] {
    return this.deps.kb.concerns.map((concern) => concern.id);
  }

  /** Ticks, a button's title or number, or a bare "none" / "not sure": the concerns by choice. */
  private readConcernChoice(input: PromptInput): ConcernsAnswer | undefined {
    const ids = this.concernIds;
    const picked = input.picks ?? (input.choice !== undefined ? [input.choice] : undefined);
    if (picked !== undefined) {
      const concerns = picked.filter((id) => ids.includes(id)) as ConcernId[];
      if (concerns.length > 0) return { concerns };
      return picked.includes(NONE_CHOICE) || picked.includes(UNSURE_CHOICE) ? { concerns: [], none: true } : undefined;
    }
    const bare = readYesNo(input.text, this.deps.safety.reader);
    return bare === 'no' || bare === 'unknown' ? { concerns: [], none: true } : undefined;
  }

  /** Concerns by choice or in words ("my pores and acne scars"); a bare "none" or "not sure" answers for all. */
  private readConcernAnswer(input: PromptInput): ConcernsAnswer | undefined {
    if (input.picks !== undefined || input.choice !== undefined) return this.readConcernChoice(input);
    const named = concernsNamed(input.text, this.deps.safety.reader, this.deps.clock(), this.concernIds) as ConcernId[];
    return named.length > 0 ? { concerns: named } : this.readConcernChoice(input);
  }

  /**
   * The answer to the invitation: concerns by choice (then step by step), or a description. A
   * description counts when it named a concern or the place, or gave a health answer the
   * listening step took; then only what is still open is asked. Anything else is asked again
   * with the example.
   */
  private readDescription(input: PromptInput): ConcernsAnswer | undefined {
    if (input.picks !== undefined || input.choice !== undefined) return this.readConcernChoice(input);
    const described = readDescription(input.text, this.deps.safety.reader, this.deps.clock(), this.concernIds);
    const noted = input.context !== undefined && answersChangedThisTurn(input.context);
    if (described.concerns.length > 0 || described.goal !== undefined || noted) return { concerns: described.concerns as ConcernId[] };
    return this.readConcernChoice(input);
  }

  /** The concerns as a checklist (the invitation shows them too). */
  private concernsView(questionId: string, question: string): ChecklistView {
    const { strings, kb } = this.deps;
    return {
      questionId,
      question,
      sections: [
        { heading: strings('concernsHeading'), items: kb.concerns.map((concern) => ({ title: concern.label, value: concern.id })) },
      ],
      others: [
        { title: strings('choiceNoneOfThese'), value: NONE_CHOICE },
        { title: strings('choiceNotSure'), value: UNSURE_CHOICE },
      ],
      send: strings('checklistSend'),
      othersLabel: strings('checklistOthers'),
      nothingTicked: strings('checklistNothingTicked'),
      numbersHint: strings('checklistNumbersHint'),
    };
  }

  private async invite(step: WaterfallStepContext) {
    if ((step.options as ConcernsOptions | undefined)?.invite !== true) return step.replaceDialog(FLOW);
    const { strings } = this.deps;
    return askChecklist(step, this.concernsView(DESCRIBE, strings('describeInvitation')), strings('describeRetry'));
  }

  /** Takes the ticked concerns (a description's were taken as it was read); "none" skips the concerns question. */
  private async recordDescription(step: WaterfallStepContext) {
    const result = step.result as Answered<ConcernsAnswer> | undefined;
    if (result?.kind !== 'answer') return step.replaceDialog(FLOW);
    await this.takeConcerns(step, result.value.concerns);
    return step.replaceDialog(FLOW, result.value.none ? ({ noConcerns: true } satisfies FlowOptions) : {});
  }

  private async takeConcerns(step: WaterfallStepContext, concerns: ConcernId[]) {
    await updateAssessment(step, this.deps, (record) => {
      for (const id of concerns) if (!record.concerns.includes(id)) record.concerns.push(id);
    });
  }

  private async askConcerns(step: WaterfallStepContext) {
    const known = (await assessmentOf(step, this.deps)).concerns.length > 0;
    if (known || (step.options as FlowOptions | undefined)?.noConcerns === true) return step.next();
    const { strings } = this.deps;
    return askChecklist(step, this.concernsView(CONCERNS, strings('concernsQuestion')), strings('concernsRetry'));
  }

  private async recordConcerns(step: WaterfallStepContext) {
    const result = step.result as Answered<ConcernsAnswer> | undefined;
    if (result?.kind === 'answer') await this.takeConcerns(step, result.value.concerns);
    const record = await assessmentOf(step, this.deps);
    if (record.concerns.length === 0) await step.context.sendActivity(this.deps.strings('concernsNoneChosen'));
    return step.next();
  }

  /** Buttons from a map of value to the key of the title. */
  private buttons(choices: Record<string, string>): QuestionChoice[] {
    return Object.entries(choices).map(([value, key]) => ({ title: this.deps.strings(key), value }));
  }

  private async askWrinkleDepth(step: WaterfallStepContext) {
    const { strings } = this.deps;
    const record = await assessmentOf(step, this.deps);
    if (!record.concerns.includes('fine-lines-wrinkles') || record.answers.deepWrinkles !== undefined) return step.next();
    const choices = this.buttons({ shallow: 'choiceFineLines', deep: 'choiceDeepWrinkles', both: 'choiceBoth', unknown: 'choiceNotSure' });
    return askQuestion(step, WRINKLES, strings('wrinkleDepthQuestion'), strings('wrinkleDepthRetry'), choices);
  }

  private async askScarDepth(step: WaterfallStepContext) {
    const { strings } = this.deps;
    await this.recordDepth(step, 'deepWrinkles');
    const record = await assessmentOf(step, this.deps);
    if (!record.concerns.includes('acne-scars') || record.answers.deepScars !== undefined) return step.next();
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
    if ((await assessmentOf(step, this.deps)).goal !== undefined) return step.next();
    const choices = this.buttons({ clinic: 'choiceClinic', home: 'choiceHome', unsure: 'choiceNotSure' });
    return askQuestion(step, GOAL, strings('goalQuestion'), strings('goalRetry'), choices);
  }

  private async recordGoal(step: WaterfallStepContext) {
    const result = step.result as Answered<Goal> | undefined;
    if (result === undefined) return step.endDialog();
    const goal: Goal = result.kind === 'answer' ? result.value : 'unsure';
    await updateAssessment(step, this.deps, (record) => setGoal(record, goal));
    return step.endDialog();
  }
}
