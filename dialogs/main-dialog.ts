import { ComponentDialog, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { ConsentDialog } from './consent-dialog.js';
import type { DialogDeps } from './dialog-deps.js';

const MAIN_FLOW = 'mainFlow';

/** The whole conversation, from welcome and consent onwards. */
export class MainDialog extends ComponentDialog {
  static readonly id = 'mainDialog';

  constructor(private readonly deps: DialogDeps) {
    super(MainDialog.id);
    this.addDialog(new ConsentDialog(deps));
    this.addDialog(new WaterfallDialog(MAIN_FLOW, [this.consentStep.bind(this), this.afterConsentStep.bind(this)]));
    this.initialDialogId = MAIN_FLOW;
  }

  private async consentStep(step: WaterfallStepContext) {
    return step.beginDialog(ConsentDialog.id);
  }

  private async afterConsentStep(step: WaterfallStepContext) {
    if (step.result === true) await step.context.sendActivity(this.deps.strings('readyToStart'));
    return step.endDialog();
  }
}
