import { ComponentDialog, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { ConsentDialog } from './consent-dialog.js';
import { ConcernsDialog } from './concerns-dialog.js';
import { ScreeningDialog } from './screening-dialog.js';
import { ConsultationDialog } from './consultation-dialog.js';
import { AfterTreatmentDialog, type AfterTreatmentOptions } from './after-treatment-dialog.js';
import type { DialogDeps } from './dialog-deps.js';
import { emptyAssessment } from './assessment-record.js';

const MAIN_FLOW = 'mainFlow';

export interface MainDialogOptions {
  /** Someone reporting how their skin is after a session goes to the after-treatment check. */
  afterTreatment?: AfterTreatmentOptions;
}

/**
 * The whole conversation: welcome and consent, then either the guidance flow (concerns, goal,
 * screening, decision and consultation) or the after-treatment check.
 */
export class MainDialog extends ComponentDialog {
  static readonly id = 'mainDialog';

  constructor(private readonly deps: DialogDeps) {
    super(MainDialog.id);
    this.addDialog(new ConsentDialog(deps));
    this.addDialog(new ConcernsDialog(deps));
    this.addDialog(new ScreeningDialog(deps));
    this.addDialog(new ConsultationDialog(deps));
    this.addDialog(new AfterTreatmentDialog(deps));
    this.addDialog(
      new WaterfallDialog(MAIN_FLOW, [
        this.consentStep.bind(this),
        this.routeStep.bind(this),
        this.screeningStep.bind(this),
        this.consultationStep.bind(this),
        this.endStep.bind(this),
      ]),
    );
    this.initialDialogId = MAIN_FLOW;
  }

  private options(step: WaterfallStepContext): MainDialogOptions {
    return (step.options ?? {}) as MainDialogOptions;
  }

  private async consentStep(step: WaterfallStepContext) {
    return step.beginDialog(ConsentDialog.id);
  }

  private async routeStep(step: WaterfallStepContext) {
    if (step.result !== true) return step.endDialog();
    // A new assessment starts from nothing; an earlier one in this conversation is replaced.
    await this.deps.accessors.assessment.set(step.context, emptyAssessment());
    const afterTreatment = this.options(step).afterTreatment;
    if (afterTreatment) return step.replaceDialog(AfterTreatmentDialog.id, afterTreatment);
    await step.context.sendActivity(this.deps.strings('readyToStart'));
    return step.beginDialog(ConcernsDialog.id);
  }

  private async screeningStep(step: WaterfallStepContext) {
    return step.beginDialog(ScreeningDialog.id);
  }

  private async consultationStep(step: WaterfallStepContext) {
    const stoppedEarly = (step.result as { stoppedEarly?: boolean } | undefined)?.stoppedEarly === true;
    return step.beginDialog(ConsultationDialog.id, { stoppedEarly });
  }

  private async endStep(step: WaterfallStepContext) {
    return step.endDialog();
  }
}
