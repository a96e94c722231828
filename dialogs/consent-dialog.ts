import { ComponentDialog, ConfirmPrompt, ListStyle, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { DialogDeps } from './dialog-deps.js';

const CONSENT_PROMPT = 'consentPrompt';
const CONSENT_FLOW = 'consentFlow';

/**
 * Welcome, consent notice and the consent question, before any health question.
 * Ends with `true` when the person agreed (now or in an earlier conversation).
 */
export class ConsentDialog extends ComponentDialog {
  static readonly id = 'consentDialog';

  constructor(private readonly deps: DialogDeps) {
    super(ConsentDialog.id);
    const { strings } = deps;
    const prompt = new ConfirmPrompt(CONSENT_PROMPT, undefined, 'en-us');
    prompt.confirmChoices = [strings('consentYes'), strings('consentNo')];
    prompt.style = ListStyle.suggestedAction;
    this.addDialog(prompt);
    this.addDialog(new WaterfallDialog(CONSENT_FLOW, [this.askStep.bind(this), this.recordStep.bind(this)]));
    this.initialDialogId = CONSENT_FLOW;
  }

  private async askStep(step: WaterfallStepContext) {
    const { strings, accessors } = this.deps;
    const profile = await accessors.userProfile.get(step.context, {});
    if (profile.consent?.given) {
      await step.context.sendActivity(strings('welcomeBack'));
      return step.endDialog(true);
    }
    await step.context.sendActivity(strings('welcome'));
    await step.context.sendActivity(strings('consentNotice', { retentionDays: this.deps.retentionDays }));
    return step.prompt(CONSENT_PROMPT, {
      prompt: strings('consentQuestion'),
      retryPrompt: strings('consentRetry'),
    });
  }

  private async recordStep(step: WaterfallStepContext) {
    const { strings, accessors, clock } = this.deps;
    const agreed = step.result === true;
    const profile = await accessors.userProfile.get(step.context, {});
    profile.consent = { given: agreed, at: clock().toISOString() };
    await accessors.userProfile.set(step.context, profile);
    await step.context.sendActivity(strings(agreed ? 'consentThanks' : 'consentDeclined'));
    return step.endDialog(agreed);
  }
}
