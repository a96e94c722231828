import { ComponentDialog, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import {
  answerAsked,
  askUnits,
  checkEndedBy,
  redFlagDecided,
  nextChecklists,
  nextUnit,
  readField,
  type CatalogueQuestion,
  type CheckId,
  type PendingUnit,
  type Tri,
} from '../src/safety/index.js';
import type { AssessmentRecord } from './assessment-record.js';
import {
  NONE_CHOICE,
  UNSURE_CHOICE,
  readChecklistAnswer,
  readQuestionAnswer,
  type ChecklistPick,
  type ReadWith,
} from '../src/understanding/question-answers.js';
import { AnswerPrompt, type Answered, type PromptInput, type QuestionChoice } from './prompts/answer-prompt.js';
import { personAgeThisTurn } from './listening.js';
import { askChecklist, askQuestion } from './prompts/ask.js';
import { titledChoice } from './prompts/titled-choice.js';
import type { ChecklistView } from './renderers/render-checklist.js';
import { ReadBackDialog } from './read-back-dialog.js';
import type { DialogDeps } from './dialog-deps.js';
import { assessmentOf, updateAssessment, withForm } from './step-state.js';

const FLOW = 'formFlow';
/** The prompt of several checklists asked in one message (the units it asks are in its step). */
export const CHECKLISTS = 'checklists';

export interface FormOptions {
  check: CheckId;
  /** Before the decision, read back what was noted (the screening). */
  readBack?: boolean;
}

/** What the form ends with: `ended` when a rule ended the check (a minor). */
export interface FormResult {
  ended: boolean;
}

interface FormStep {
  check: CheckId;
  /** The prompt's id: the unit's, or CHECKLISTS for several checklists at once. */
  unit: string;
  /** The catalogue units the prompt asks (absent in a step saved before: the unit alone). */
  units?: string[];
}

/**
 * The generic form over the question catalogue (knowledge/safety/rules.json "questions"): it
 * asks, in catalogue order, each question or checklist still open, skipping what the person
 * already said (the listening step writes that into the answers whatever is pending), and ends
 * with a read-back. Which questions exist, their order, types and follow-ups are data; this
 * dialog knows no clinical fact, rule id or threshold.
 */
export class FormDialog extends ComponentDialog {
  static readonly id = 'formDialog';

  constructor(private readonly deps: DialogDeps) {
    super(FormDialog.id);
    const using = (input?: PromptInput): ReadWith => {
      const personAge = input?.context ? personAgeThisTurn(input.context) : undefined;
      return { reader: deps.safety.reader, today: deps.clock(), ...(personAge !== undefined ? { personAge } : {}) };
    };
    for (const check of ['screening', 'after-treatment'] as const) {
      const questions = deps.safety.rules.questions[check];
      for (const unit of askUnits(questions)) {
        if (unit.checklist) {
          this.addDialog(new AnswerPrompt<ChecklistPick>(unit.id, (input) => readChecklistAnswer(unit.questions, input, using(input))));
        } else {
          const question = unit.questions[0]!;
          this.addDialog(
            new AnswerPrompt<Record<string, unknown>>(unit.id, (input) => readQuestionAnswer(question, input, using(input), questions)),
          );
        }
      }
    }
    // Several checklists in one message: the items asked come with the question (`input.asked`).
    const allQuestions = Object.values(deps.safety.rules.questions).flat();
    this.addDialog(
      new AnswerPrompt<ChecklistPick>(CHECKLISTS, (input) => {
        const items = allQuestions.filter((question) => input.asked?.includes(question.id));
        return readChecklistAnswer(items, input, using(input));
      }),
    );
    this.addDialog(new ReadBackDialog(deps));
    this.addDialog(new WaterfallDialog(FLOW, [this.askStep.bind(this), this.recordStep.bind(this)]));
    this.initialDialogId = FLOW;
  }

  private async askStep(step: WaterfallStepContext) {
    const options = step.options as FormOptions & { againFor?: string };
    const record = await assessmentOf(step, this.deps);
    if (redFlagDecided(this.deps.safety.rules, record.answers, this.deps.clock())) {
      // The instruction comes next, alone: nothing else is asked, not even the read-back.
      await updateAssessment(step, this.deps, (r) => delete r.pending);
      return step.endDialog({ ended: false } satisfies FormResult);
    }
    const unit = nextUnit(this.deps.safety.rules, options.check, record, this.deps.clock());
    if (!unit) {
      await updateAssessment(step, this.deps, (r) => delete r.pending);
      if (checkEndedBy(this.deps.safety.rules, record.answers, this.deps.clock()) !== undefined) {
        await step.context.sendActivity(this.deps.strings('checkEnded'));
        return step.endDialog({ ended: true } satisfies FormResult);
      }
      if (options.readBack) return step.beginDialog(ReadBackDialog.id, { check: options.check });
      return step.endDialog({ ended: false } satisfies FormResult);
    }
    const run = nextChecklists(this.deps.safety.rules, options.check, record, this.deps.clock());
    const promptId = run.length > 1 ? CHECKLISTS : unit.id;
    const again = options.againFor === promptId;
    const current: FormStep = { check: options.check, unit: promptId, units: run.length > 1 ? run.map((each) => each.id) : [unit.id] };
    (step.values as Record<string, unknown>)['form'] = current;
    await updateAssessment(step, this.deps, (r) => (r.pending = { check: options.check, unit: promptId, units: current.units }));
    return unit.checklist ? this.askChecklists(step, promptId, run, record, again) : this.askSingle(step, unit.questions[0]!);
  }

  private buttons(question: CatalogueQuestion): QuestionChoice[] {
    const { strings } = this.deps;
    const notSure = { title: strings('choiceNotSure'), value: 'unknown' };
    switch (question.type) {
      case 'tri':
        return [{ title: strings('choiceYes'), value: 'yes' }, { title: strings('choiceNo'), value: 'no' }, notSure];
      case 'choice':
        return [...(question.choices ?? []).map((value) => ({ title: strings(`choice.${question.id}.${value}`), value })), notSure];
      case 'date':
      case 'days':
        return [notSure];
      case 'flag':
        return [
          { title: strings('choiceYes'), value: 'yes' },
          { title: strings('choiceNo'), value: 'no' },
        ];
      case 'age':
        return [];
    }
  }

  private askSingle(step: WaterfallStepContext, question: CatalogueQuestion) {
    const { strings } = this.deps;
    return askQuestion(step, question.id, strings(`question.${question.id}`), strings(`retry.${question.id}`), this.buttons(question));
  }

  /** One checklist, or several in one message (a heading each): tick all that apply. */
  private askChecklists(step: WaterfallStepContext, promptId: string, run: PendingUnit[], record: AssessmentRecord, again: boolean) {
    const { strings } = this.deps;
    const combined = run.length > 1;
    const all = run.flatMap((unit) => unit.questions);
    const remaining = run.flatMap((unit) => unit.remaining);
    const noted = all.filter((question) => !remaining.includes(question) && readField(record.answers, question.field) === 'yes');
    const label = (question: CatalogueQuestion) => strings(`item.${question.id}`);
    const first = run[0]!;
    const question =
      noted.length > 0
        ? strings('checklistMore', { list: noted.map(label).join(', ') })
        : combined
          ? strings('question.checklists')
          : strings(`question.${first.id}`, { items: first.remaining.map(label).join(', ') });
    const view: ChecklistView = {
      questionId: promptId,
      question,
      sections: run.map((unit) => ({
        ...(combined ? { heading: strings(`field.${unit.id}`) } : {}),
        items: unit.remaining.map((item) => ({ title: label(item), value: item.id })),
      })),
      others: [
        titledChoice(this.deps, again || remaining.length < all.length ? 'choiceNoOthers' : 'choiceNoneOfThese', NONE_CHOICE),
        { title: strings('choiceNotSure'), value: UNSURE_CHOICE },
      ],
      send: strings('checklistSend'),
      othersLabel: strings('checklistOthers'),
      nothingTicked: strings('checklistNothingTicked'),
      numbersHint: strings('checklistNumbersHint'),
    };
    const retry = strings(combined ? 'retry.checklists' : `retry.${first.id}`);
    return askChecklist(step, view, retry, {
      asked: all.map((item) => item.id),
      ...(combined ? { together: run.map((unit) => unit.id) } : {}),
    });
  }

  private async recordStep(step: WaterfallStepContext) {
    const options = step.options as FormOptions;
    const current = (step.values as Record<string, unknown>)['form'] as FormStep | undefined;
    // Back from the read-back: it ends with whether answers changed (then the form looks again).
    if (!current) {
      const changed = (step.result as { changed?: boolean } | undefined)?.changed === true;
      if (changed) return step.replaceDialog(FLOW, { check: options.check, readBack: options.readBack });
      return step.endDialog({ ended: false } satisfies FormResult);
    }
    const units = askUnits(this.deps.safety.rules.questions[current.check]).filter((candidate) =>
      (current.units ?? [current.unit]).includes(candidate.id),
    );
    const unit = units[0]!;
    if (unit.checklist)
      return this.recordChecklist(
        step,
        options,
        current.unit,
        units.flatMap((each) => each.questions),
      );
    const result = step.result as Answered<Record<string, unknown>>;
    const question = unit.questions[0]!;
    if (result.kind === 'unreadable') await step.context.sendActivity(this.deps.strings('recordedUnknown'));
    const values = result.kind === 'answer' ? result.value : unknownValue(question);
    await updateAssessment(step, this.deps, (record) => withForm(record, answerAsked(record, values)));
    return step.replaceDialog(FLOW, { check: options.check, readBack: options.readBack });
  }

  private async recordChecklist(step: WaterfallStepContext, options: FormOptions, promptId: string, items: CatalogueQuestion[]) {
    const result = step.result as Answered<ChecklistPick>;
    const record = await assessmentOf(step, this.deps);
    const stillOpen = nextChecklists(this.deps.safety.rules, options.check, record, this.deps.clock())
      .flatMap((unit) => unit.remaining)
      .filter((question) => items.includes(question));
    const fill = (value: Tri, questions: CatalogueQuestion[] = stillOpen) =>
      Object.fromEntries(
        questions.map((question) => [
          question.field,
          // An item noted as "not sure" from an earlier mention is never lowered to "no" by "none of these".
          value === 'no' && record.tentative?.includes(question.field) ? 'unknown' : value,
        ]),
      );
    let values: Record<string, unknown>;
    let again = false;
    if (result.kind === 'unreadable') {
      await step.context.sendActivity(this.deps.strings('recordedUnknown'));
      values = fill('unknown');
    } else if (result.value.kind === 'none') values = fill('no');
    else if (result.value.kind === 'unsure') values = fill('unknown');
    else {
      const { values: picked, rest } = result.value;
      const named = items.filter((item) => picked[item.id] !== undefined);
      // Ticked boxes say the rest too (no, or not sure); words or a contradictory tick leave the rest to ask again.
      const others =
        rest === undefined
          ? {}
          : fill(
              rest,
              stillOpen.filter((question) => !named.includes(question)),
            );
      values = { ...others, ...Object.fromEntries(named.map((item) => [item.field, picked[item.id]])) };
      again = rest === undefined && Object.values(picked).includes('yes');
    }
    await updateAssessment(step, this.deps, (r) => withForm(r, answerAsked(r, values)));
    return step.replaceDialog(FLOW, { check: options.check, readBack: options.readBack, ...(again ? { againFor: promptId } : {}) });
  }
}

/** The value an unreadable answer records: "not sure" (a flag, which only adds a note, is set: the cautious reading). */
function unknownValue(question: CatalogueQuestion): Record<string, unknown> {
  return { [question.field]: question.type === 'flag' ? true : 'unknown' };
}
