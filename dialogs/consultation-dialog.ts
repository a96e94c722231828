import { EventFactory, type Activity } from 'botbuilder';
import { ComponentDialog, WaterfallDialog, type DialogContext, type WaterfallStepContext } from 'botbuilder-dialogs';
import { HandoffDialog } from './handoff-dialog.js';
import { supportsEvents } from '../src/channels/channel-capabilities.js';
import { readYesNo } from '../src/understanding/reader/index.js';
import { AnswerPrompt, type Answered } from './prompts/answer-prompt.js';
import { askQuestion } from './prompts/ask.js';
import { announceDecision } from './announce-decision.js';
import type { DialogDeps } from './dialog-deps.js';

const HUMAN = 'human';
const FLOW = 'consultationFlow';

/**
 * The end of an assessment: the safety engine's decision in plain words, the curated advice for
 * each concern with the notes that apply, a summary card for a practitioner, the
 * `assessment.completed` event, the booking link, and the offer of a human.
 */
export class ConsultationDialog extends ComponentDialog {
  static readonly id = 'consultationDialog';

  constructor(private readonly deps: DialogDeps) {
    super(ConsultationDialog.id);
    this.addDialog(
      new AnswerPrompt<boolean>(HUMAN, (input) => {
        if (input.choice) return input.choice === 'yes';
        const answer = readYesNo(input.text, deps.safety.reader);
        return answer === undefined ? undefined : answer === 'yes';
      }),
    );
    this.addDialog(new WaterfallDialog(FLOW, [this.decideStep.bind(this), this.handoffStep.bind(this)]));
    if (deps.handoff) this.addDialog(new HandoffDialog(deps, deps.handoff));
    this.initialDialogId = FLOW;
  }

  private async decideStep(step: WaterfallStepContext) {
    const { strings } = this.deps;
    const decision = await announceDecision(step.context, this.deps, { advice: true });
    // The check ended (a minor): no booking or member of the team as if for an adult.
    if (decision.endedBy !== undefined) {
      await step.context.sendActivity(strings('goodbye'));
      return step.endDialog();
    }
    return askQuestion(step, HUMAN, strings('humanQuestion'), strings('triRetry'), [
      { title: strings('choiceConnectMe'), value: 'yes' },
      { title: strings('choiceNoThanks'), value: 'no' },
    ]);
  }

  private async handoffStep(step: WaterfallStepContext) {
    const { strings } = this.deps;
    const result = step.result as Answered<boolean>;
    if (result.kind === 'answer' && result.value) {
      if (this.deps.handoff) return step.replaceDialog(HandoffDialog.id);
      await requestHuman(step, this.deps);
    } else await step.context.sendActivity(strings('goodbye'));
    return step.endDialog();
  }
}

/** The handoff initiation event with the consultation summary, then a word to the person. */
export async function requestHuman(step: DialogContext, deps: DialogDeps): Promise<void> {
  const record = await deps.accessors.assessment.get(step.context, { concerns: [], answers: {} });
  // The check ended (a minor): the clinic's contact with a parent or guardian, no handoff as if for an adult.
  if (record.decision?.endedBy) {
    await step.context.sendActivity(deps.strings('humanForEndedCheck'));
    return;
  }
  // With a handoff target: ask for a contact and consent, then send (HandoffDialog).
  if (deps.handoff) {
    await step.beginDialog(HandoffDialog.id);
    return;
  }
  const summary = {
    concerns: record.concerns,
    ...(record.goal ? { goal: record.goal } : {}),
    ...(record.decision ? { decision: record.decision } : {}),
  };
  // The host page may act on the handoff event; the person is never promised someone will come:
  // without a handoff target nobody receives the request, so they get the clinic's contacts.
  if (supportsEvents(step.context.activity.channelId)) {
    await step.context.sendActivity(EventFactory.createHandoffInitiation(step.context, summary) as Partial<Activity>);
  }
  await step.context.sendActivity(deps.strings('humanUnavailable', deps.bookingUrl ? { url: deps.bookingUrl } : { url: '' }));
}
