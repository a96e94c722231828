import {
  ComponentDialog,
  DialogEvents,
  WaterfallDialog,
  type DialogContext,
  type DialogEvent,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { AfterTreatmentAnswers } from '../src/safety/index.js';
import { ConsentDialog } from './consent-dialog.js';
import { ConcernsDialog, type ConcernsOptions } from './concerns-dialog.js';
import { FormDialog, type FormOptions } from './form-dialog.js';
import { ConsultationDialog } from './consultation-dialog.js';
import { announceDecision } from './announce-decision.js';
import type { DialogDeps } from './dialog-deps.js';
import { emptyAssessment } from './assessment-record.js';
import { nextUnit } from '../src/safety/index.js';

const MAIN_FLOW = 'mainFlow';

export interface MainDialogOptions {
  /** Someone reporting how their skin is after a session: the after-treatment check, starting from what the report said. */
  afterTreatment?: AfterTreatmentAnswers;
}

/**
 * The whole conversation: welcome and consent, then either the guidance flow (the invitation to
 * say it all in one's own words, then the concerns and goal, the screening form and the read-back
 * asking only what is still open, decision and consultation) or the after-treatment form and its
 * decision. Which questions each form asks is the catalogue's business.
 */
export class MainDialog extends ComponentDialog {
  static readonly id = 'mainDialog';

  constructor(private readonly deps: DialogDeps) {
    super(MainDialog.id);
    this.addDialog(new ConsentDialog(deps));
    this.addDialog(new ConcernsDialog(deps));
    this.addDialog(new FormDialog(deps));
    this.addDialog(new ConsultationDialog(deps));
    this.addDialog(
      new WaterfallDialog(MAIN_FLOW, [
        this.consentStep.bind(this),
        this.routeStep.bind(this),
        this.formStep.bind(this),
        this.decisionStep.bind(this),
        this.endStep.bind(this),
      ]),
    );
    this.initialDialogId = MAIN_FLOW;
  }

  /**
   * A release that adds a dialog (the invitation's flow) changes the dialogs' version hash, and
   * botbuilder raises "versionChanged" for conversations saved before it; unhandled at the root it
   * throws. Every saved step keeps its place across releases (new steps go in flows of their own),
   * so such a conversation simply goes on.
   */
  protected override async onPreBubbleEvent(dc: DialogContext, event: DialogEvent): Promise<boolean> {
    if (event.name === DialogEvents.versionChanged) return true;
    return super.onPreBubbleEvent(dc, event);
  }

  private afterTreatment(step: WaterfallStepContext): AfterTreatmentAnswers | undefined {
    return ((step.options ?? {}) as MainDialogOptions).afterTreatment;
  }

  private async consentStep(step: WaterfallStepContext) {
    return step.beginDialog(ConsentDialog.id);
  }

  private async routeStep(step: WaterfallStepContext) {
    if (step.result !== true) return step.endDialog();
    // A new assessment starts from nothing; an earlier one in this conversation is replaced.
    const afterTreatment = this.afterTreatment(step);
    const record = emptyAssessment();
    // The after-treatment check is its own assessment: what the report said is kept, never asked as if unsaid.
    if (afterTreatment) record.answers = { afterTreatment };
    await this.deps.accessors.assessment.set(step.context, record);
    if (afterTreatment) {
      await step.context.sendActivity(this.deps.strings('afterTreatmentIntro'));
      return step.next();
    }
    // Say it once: the person is first invited to tell everything in their own words.
    return step.beginDialog(ConcernsDialog.id, { invite: true } satisfies ConcernsOptions);
  }

  private async formStep(step: WaterfallStepContext) {
    if (this.afterTreatment(step)) return step.beginDialog(FormDialog.id, { check: 'after-treatment' } satisfies FormOptions);
    // Only when there is something to ask: after a whole description the read-back may come next.
    const record = await this.deps.accessors.assessment.get(step.context, emptyAssessment());
    if (nextUnit(this.deps.safety.rules, 'screening', record, this.deps.clock()))
      await step.context.sendActivity(this.deps.strings('screeningIntro'));
    return step.beginDialog(FormDialog.id, { check: 'screening', readBack: true } satisfies FormOptions);
  }

  private async decisionStep(step: WaterfallStepContext) {
    if (!this.afterTreatment(step)) return step.beginDialog(ConsultationDialog.id);
    await announceDecision(step.context, this.deps, { advice: false });
    return step.next();
  }

  private async endStep(step: WaterfallStepContext) {
    return step.endDialog();
  }
}
