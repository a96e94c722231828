import { ComponentDialog, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { AfterTreatmentAnswers, Tri } from '../src/safety/index.js';
import { daysSince } from '../src/understanding/past-date.js';
import { afterTreatmentSignFields } from '../src/understanding/red-flag-answers.js';
import { AnswerPrompt, type Answered } from './prompts/answer-prompt.js';
import { askQuestion } from './prompts/ask.js';
import { parseDateAnswer, parseTriAnswer, screeningChecklistReader, type ReadWith, type Unknown } from './answer-parsers.js';
import { ChecklistDialog } from './checklist-dialog.js';
import { completedEvent, outcomeActivity, storedDecision } from './decision-messages.js';
import type { DialogDeps } from './dialog-deps.js';
import { sendEventIfSupported } from '../src/channels/channel-capabilities.js';
import { updateAssessment } from './step-state.js';

const WHEN = 'afterWhenPrompt';
const NORMAL = 'afterNormalPrompt';
const SIGNS = 'afterSignsChecklist';
const FLOW = 'afterTreatmentFlow';

/** The common-reaction question is asked apart from the warning-sign checklist. */
const NORMAL_FIELD = 'normalSymptoms';
const field = (id: string) => `afterTreatment.${id}`;

export interface AfterTreatmentOptions {
  daysSinceTreatment?: number;
  normalSymptoms?: Tri;
  /** Warning signs the first message already gave ("it's still red after 10 days"): the checklist starts from them. */
  signs?: Record<string, Tri>;
}

/**
 * The after-treatment check of SAFETY-SPEC for someone who has had a session: when it was,
 * the warning signs, and the common reactions; then the engine's decision and, when it is
 * the ordinary reaction, the aftercare advice.
 */
export class AfterTreatmentDialog extends ComponentDialog {
  static readonly id = 'afterTreatmentDialog';
  private readonly signs: readonly string[];

  constructor(private readonly deps: DialogDeps) {
    super(AfterTreatmentDialog.id);
    const using = (): ReadWith => ({ reader: deps.safety.reader, today: deps.clock() });
    // The warning signs and their answer fields come from the reader's red-flag table.
    const signs = afterTreatmentSignFields(deps.safety.reader, [NORMAL_FIELD]);
    this.signs = signs;
    this.addDialog(new AnswerPrompt<string | Unknown>(WHEN, (input) => parseDateAnswer(input, using())));
    this.addDialog(new AnswerPrompt<Tri>(NORMAL, (input) => parseTriAnswer(input, using(), field(NORMAL_FIELD))));
    this.addDialog(
      new ChecklistDialog(SIGNS, deps, {
        questionKey: 'afterTreatmentSigns',
        items: signs.map((id) => ({ id, labelKey: `item.${id}` })),
        readItems: (text) => screeningChecklistReader(using(), signs, field)(text),
        noneKey: 'choiceNoneOfThese',
      }),
    );
    this.addDialog(
      new WaterfallDialog(FLOW, [this.askWhen.bind(this), this.askSigns.bind(this), this.askCommon.bind(this), this.decide.bind(this)]),
    );
    this.initialDialogId = FLOW;
  }

  private answers(step: WaterfallStepContext): AfterTreatmentAnswers {
    const values = step.values as Record<string, unknown>;
    values['after'] ??= {};
    return values['after'] as AfterTreatmentAnswers;
  }

  private async askWhen(step: WaterfallStepContext) {
    const { strings } = this.deps;
    const options = (step.options ?? {}) as AfterTreatmentOptions;
    const answers = this.answers(step);
    if (options.daysSinceTreatment !== undefined) answers.daysSinceTreatment = options.daysSinceTreatment;
    if (options.normalSymptoms !== undefined) answers.normalSymptoms = options.normalSymptoms;
    await step.context.sendActivity(strings('afterTreatmentIntro'));
    if (answers.daysSinceTreatment !== undefined) return step.next();
    return askQuestion(step, WHEN, strings('afterTreatmentWhen'), strings('dateRetry'), [
      { title: strings('choiceNotSure'), value: 'unknown' },
    ]);
  }

  private async askSigns(step: WaterfallStepContext) {
    const result = step.result as Answered<string | Unknown> | undefined;
    if (result?.kind === 'answer' && result.value !== 'unknown') {
      this.answers(step).daysSinceTreatment = Math.max(0, daysSince(result.value, this.deps.clock()));
    }
    const known = ((step.options ?? {}) as AfterTreatmentOptions).signs ?? {};
    const values = Object.fromEntries(Object.entries(known).filter(([id]) => this.signs.includes(id)));
    const asked = Object.values(values).some((value) => value === 'yes');
    return step.beginDialog(SIGNS, Object.keys(values).length > 0 ? { values, asked } : undefined);
  }

  private async askCommon(step: WaterfallStepContext) {
    Object.assign(this.answers(step), step.result as Record<string, Tri>);
    if (this.answers(step).normalSymptoms !== undefined) return step.next();
    const { strings } = this.deps;
    return askQuestion(step, NORMAL, strings('afterTreatmentNormal'), strings('triRetry'), [
      { title: strings('choiceYes'), value: 'yes' },
      { title: strings('choiceNo'), value: 'no' },
      { title: strings('choiceNotSure'), value: 'unknown' },
    ]);
  }

  private async decide(step: WaterfallStepContext) {
    const { strings, recorder, clock } = this.deps;
    const answers = this.answers(step);
    const result = step.result as Answered<Tri> | undefined;
    if (result) answers.normalSymptoms = result.kind === 'answer' ? result.value : 'unknown';
    // The after-treatment check is its own assessment: screening answers do not apply to it.
    const record = await updateAssessment(step, this.deps, (r) => {
      r.answers = { afterTreatment: answers };
      delete r.decision;
    });
    const decision = await recorder.decide(record.answers, step.context.activity.conversation.id);
    const stored = storedDecision(decision, clock());
    await updateAssessment(step, this.deps, (r) => (r.decision = stored));
    await step.context.sendActivity(outcomeActivity(strings, decision, step.context.activity.channelId, this.deps.emergencyNumber));
    if (decision.reasons.some((reason) => reason.ruleId === 'R-AFTER-NORMAL')) await step.context.sendActivity(strings('aftercareAdvice'));
    await sendEventIfSupported(step.context, completedEvent(record, stored));
    return step.endDialog();
  }
}
