import { ComponentDialog, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { assess, type Tri } from '../src/safety/index.js';
import { AnswerPrompt, type Answered } from './prompts/answer-prompt.js';
import { askQuestion } from './prompts/ask.js';
import {
  parseAgeAnswer,
  parseDateAnswer,
  parseIsotretinoinAnswer,
  parseLastSessionAnswer,
  parseTriAnswer,
  screeningChecklistReader,
  type IsotretinoinReading,
  type ReadWith,
  type LastSessionReading,
  type Unknown,
} from './answer-parsers.js';
import { ChecklistDialog, type ChecklistItem } from './checklist-dialog.js';
import type { DialogDeps } from './dialog-deps.js';
import { assessmentOf, updateAssessment } from './step-state.js';

const AGE = 'agePrompt';
const PREGNANCY = 'pregnancyPrompt';
const PIGMENTATION = 'pigmentationPrompt';
const ISOTRETINOIN = 'isotretinoinPrompt';
const DATE = 'datePrompt';
const LAST_SESSION = 'lastSessionPrompt';
const SKIN_NOW = 'skinNowChecklist';
const CONDITIONS = 'conditionsChecklist';
const MEDICINES = 'medicinesChecklist';
const FLOW = 'screeningFlow';

type ScreeningField =
  | 'activeAcne'
  | 'activeInfection'
  | 'coldSoreNow'
  | 'sunburn'
  | 'skinCancerOrChangingMole'
  | 'rosacea'
  | 'eczema'
  | 'psoriasis'
  | 'coldSoreHistory'
  | 'keloidScars'
  | 'diabetes'
  | 'bleedingDisorder'
  | 'immunosuppressed'
  | 'bloodThinners'
  | 'metalOrAnaestheticAllergy';

const SKIN_NOW_FIELDS: ScreeningField[] = ['activeAcne', 'activeInfection', 'coldSoreNow', 'sunburn', 'skinCancerOrChangingMole'];
const CONDITION_FIELDS: ScreeningField[] = [
  'rosacea',
  'eczema',
  'psoriasis',
  'coldSoreHistory',
  'keloidScars',
  'diabetes',
  'bleedingDisorder',
  'immunosuppressed',
];
const MEDICINE_FIELDS: ScreeningField[] = ['bloodThinners', 'metalOrAnaestheticAllergy'];

const items = (ids: ScreeningField[]): ChecklistItem[] => ids.map((id) => ({ id, labelKey: `item.${id}` }));

/**
 * The screening questions of SAFETY-SPEC, grouped the way a clinician asks: single questions
 * where an answer needs a follow-up (age, pregnancy, isotretinoin, last session), checklists
 * for the rest. Every answer is written to the assessment record as it comes.
 */
export class ScreeningDialog extends ComponentDialog {
  static readonly id = 'screeningDialog';

  constructor(private readonly deps: DialogDeps) {
    super(ScreeningDialog.id);
    const using = (): ReadWith => ({ reader: deps.safety.reader, today: deps.clock() });
    // Each checklist item is the screening answer field of the same name.
    const readItems = (ids: ScreeningField[]) => (text: string) => screeningChecklistReader(using(), ids, (id) => id)(text);

    this.addDialog(new AnswerPrompt<number | Unknown>(AGE, (input) => parseAgeAnswer(input, using())));
    this.addDialog(new AnswerPrompt<Tri>(PREGNANCY, (input) => parseTriAnswer(input, using(), 'pregnantOrBreastfeeding')));
    this.addDialog(new AnswerPrompt<Tri>(PIGMENTATION, (input) => parseTriAnswer(input, using(), 'pigmentationRisk')));
    this.addDialog(new AnswerPrompt<IsotretinoinReading>(ISOTRETINOIN, (input) => parseIsotretinoinAnswer(input, using())));
    this.addDialog(new AnswerPrompt<string | Unknown>(DATE, (input) => parseDateAnswer(input, using())));
    this.addDialog(new AnswerPrompt<LastSessionReading>(LAST_SESSION, (input) => parseLastSessionAnswer(input, using())));
    this.addDialog(
      new ChecklistDialog(SKIN_NOW, deps, {
        questionKey: 'skinNowQuestion',
        items: items(SKIN_NOW_FIELDS),
        readItems: readItems(SKIN_NOW_FIELDS),
        noneKey: 'choiceNoneOfThese',
      }),
    );
    this.addDialog(
      new ChecklistDialog(CONDITIONS, deps, {
        questionKey: 'conditionsQuestion',
        items: items(CONDITION_FIELDS),
        readItems: readItems(CONDITION_FIELDS),
        noneKey: 'choiceNoneOfThese',
      }),
    );
    this.addDialog(
      new ChecklistDialog(MEDICINES, deps, {
        questionKey: 'medicinesQuestion',
        items: items(MEDICINE_FIELDS),
        readItems: readItems(MEDICINE_FIELDS),
        noneKey: 'choiceNoneOfThese',
      }),
    );
    this.addDialog(
      new WaterfallDialog(FLOW, [
        this.askAge.bind(this),
        this.recordAgeAskPregnancy.bind(this),
        this.recordPregnancyAskIsotretinoin.bind(this),
        this.recordIsotretinoinAskWhen.bind(this),
        this.recordStopDateAskSkinNow.bind(this),
        this.recordSkinNowAskConditions.bind(this),
        this.recordConditionsAskMedicines.bind(this),
        this.recordMedicinesAskPigmentation.bind(this),
        this.recordPigmentationAskLastSession.bind(this),
        this.recordLastSessionAskWhen.bind(this),
        this.recordLastSessionDate.bind(this),
      ]),
    );
    this.initialDialogId = FLOW;
  }

  /** `choices` maps the value each button gives to the key of its title. */
  private ask(step: WaterfallStepContext, promptId: string, questionKey: string, retryKey: string, choices: Record<string, string> = {}) {
    const { strings } = this.deps;
    const buttons = Object.entries(choices).map(([value, key]) => ({ title: strings(key), value }));
    return askQuestion(step, promptId, strings(questionKey), strings(retryKey), buttons);
  }

  private askTri(step: WaterfallStepContext, promptId: string, questionKey: string) {
    return this.ask(step, promptId, questionKey, 'triRetry', { yes: 'choiceYes', no: 'choiceNo', unknown: 'choiceNotSure' });
  }

  /** The value of an answer, or `unknown` (said so to the person) when it could not be read. */
  private async answerOf<T>(step: WaterfallStepContext, unknownValue: T): Promise<T> {
    const result = step.result as Answered<T>;
    if (result.kind === 'answer') return result.value;
    await step.context.sendActivity(this.deps.strings('recordedUnknown'));
    return unknownValue;
  }

  private async askAge(step: WaterfallStepContext) {
    await step.context.sendActivity(this.deps.strings('screeningIntro'));
    return this.ask(step, AGE, 'ageQuestion', 'ageRetry');
  }

  private async recordAgeAskPregnancy(step: WaterfallStepContext) {
    const age = await this.answerOf<number | Unknown>(step, 'unknown');
    await updateAssessment(step, this.deps, (record) => (record.answers.age = age));
    // The rule table, not the dialog, says which age ends the screening: the age alone rules treatment out.
    if (typeof age === 'number' && assess({ age }, this.deps.clock(), this.deps.safety.rules).outcome === 'not-suitable-now') {
      // The service is for adults: a clinician would not go on to ask a minor about pregnancy.
      await step.context.sendActivity(this.deps.strings('minorStop'));
      return step.endDialog({ stoppedEarly: true });
    }
    return this.askTri(step, PREGNANCY, 'pregnancyQuestion');
  }

  private async recordPregnancyAskIsotretinoin(step: WaterfallStepContext) {
    const answer = await this.answerOf<Tri>(step, 'unknown');
    await updateAssessment(step, this.deps, (record) => (record.answers.pregnantOrBreastfeeding = answer));
    return this.ask(step, ISOTRETINOIN, 'isotretinoinQuestion', 'isotretinoinRetry', {
      current: 'choiceTakingNow',
      stopped: 'choiceStopped',
      never: 'choiceNever',
      unknown: 'choiceNotSure',
    });
  }

  private async recordIsotretinoinAskWhen(step: WaterfallStepContext) {
    const reading = await this.answerOf<IsotretinoinReading>(step, { status: 'unknown' });
    await updateAssessment(step, this.deps, (record) => (record.answers.isotretinoin = reading));
    if (reading.status === 'stopped' && !reading.stoppedOn)
      return this.ask(step, DATE, 'isotretinoinStoppedWhen', 'dateRetry', { unknown: 'choiceNotSure' });
    return step.next();
  }

  private async recordStopDateAskSkinNow(step: WaterfallStepContext) {
    if (step.result) {
      const date = await this.answerOf<string | Unknown>(step, 'unknown');
      // An unknown stop date stays missing: the engine treats it as an open question.
      if (date !== 'unknown')
        await updateAssessment(step, this.deps, (record) => (record.answers.isotretinoin = { status: 'stopped', stoppedOn: date }));
    }
    return step.beginDialog(SKIN_NOW, await this.earlyAnswers(step, SKIN_NOW_FIELDS));
  }

  /**
   * A checklist starts from what earlier messages already said of its items (yes or not sure
   * only: an item is never skipped as "no" unasked), and reads it back: "Noted: eczema. Any other?".
   */
  private async earlyAnswers(step: WaterfallStepContext, fields: readonly ScreeningField[]) {
    const early = (await assessmentOf(step, this.deps)).early ?? {};
    const values = Object.fromEntries(fields.filter((field) => early[field] !== undefined).map((field) => [field, early[field]!]));
    if (Object.keys(values).length === 0) return undefined;
    return { values, asked: Object.values(values).includes('yes') };
  }

  private async recordChecklist(step: WaterfallStepContext) {
    const values = step.result as Record<string, Tri>;
    await updateAssessment(step, this.deps, (record) => Object.assign(record.answers, values));
  }

  private async recordSkinNowAskConditions(step: WaterfallStepContext) {
    await this.recordChecklist(step);
    return step.beginDialog(CONDITIONS, await this.earlyAnswers(step, CONDITION_FIELDS));
  }

  private async recordConditionsAskMedicines(step: WaterfallStepContext) {
    await this.recordChecklist(step);
    return step.beginDialog(MEDICINES, await this.earlyAnswers(step, MEDICINE_FIELDS));
  }

  private async recordMedicinesAskPigmentation(step: WaterfallStepContext) {
    await this.recordChecklist(step);
    return this.askTri(step, PIGMENTATION, 'pigmentationQuestion');
  }

  private async recordPigmentationAskLastSession(step: WaterfallStepContext) {
    const answer = await this.answerOf<Tri>(step, 'unknown');
    await updateAssessment(step, this.deps, (record) => (record.answers.pigmentationRisk = answer));
    return this.ask(step, LAST_SESSION, 'lastSessionQuestion', 'dateRetry', {
      never: 'choiceNeverHadIt',
      done: 'choiceHadIt',
      unknown: 'choiceNotSure',
    });
  }

  private async recordLastSessionAskWhen(step: WaterfallStepContext) {
    const reading = await this.answerOf<LastSessionReading>(step, { status: 'unknown' });
    await updateAssessment(step, this.deps, (record) => (record.answers.lastSession = reading));
    if (reading.status === 'done' && !reading.date)
      return this.ask(step, DATE, 'lastSessionWhen', 'dateRetry', { unknown: 'choiceNotSure' });
    return step.next();
  }

  private async recordLastSessionDate(step: WaterfallStepContext) {
    if (step.result) {
      const date = await this.answerOf<string | Unknown>(step, 'unknown');
      if (date !== 'unknown') await updateAssessment(step, this.deps, (record) => (record.answers.lastSession = { status: 'done', date }));
    }
    return step.endDialog({ stoppedEarly: false });
  }
}
