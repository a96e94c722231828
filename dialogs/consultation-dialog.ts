import { ActivityTypes, EventFactory, type Activity } from 'botbuilder';
import { ComponentDialog, WaterfallDialog, type DialogContext, type WaterfallStepContext } from 'botbuilder-dialogs';
import { HandoffDialog } from './handoff-dialog.js';
import { renderKbAnswer } from '../src/channels/render-kb-answer.js';
import { sendEventIfSupported, supportsEvents } from '../src/channels/channel-capabilities.js';
import { readYesNo } from '../src/understanding/reader/index.js';
import { AnswerPrompt, type Answered } from './prompts/answer-prompt.js';
import { askQuestion } from './prompts/ask.js';
import { bookingCard, completedEvent, notesMessage, outcomeActivity, storedDecision, summaryCard } from './decision-messages.js';
import type { DialogDeps } from './dialog-deps.js';
import { assessmentOf, updateAssessment } from './step-state.js';

const HUMAN = 'humanPrompt';
const FLOW = 'consultationFlow';
/** Advice when no specific concern was named. */
const GENERAL_ENTRY_ID = 'what-it-can-help';

export interface ConsultationOptions {
  /** Screening stopped early (a minor): the open-question reason is not read out. */
  stoppedEarly?: boolean;
}

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
    const { strings, kb, recorder, clock, bookingUrl } = this.deps;
    const options = (step.options ?? {}) as ConsultationOptions;
    const context = step.context;
    const now = clock();
    const record = await assessmentOf(step, this.deps);
    const decision = await recorder.decide(record.answers, context.activity.conversation.id);
    const stored = storedDecision(decision, now);
    await updateAssessment(step, this.deps, (r) => (r.decision = stored));

    await context.sendActivity(
      outcomeActivity(strings, decision, context.activity.channelId, this.deps.emergencyNumber, options.stoppedEarly ? ['R-UNKNOWN'] : []),
    );
    const channelId = context.activity.channelId;
    const entries = record.concerns.length > 0 ? record.concerns.map((id) => kb.adviceForConcern(id)) : [kb.entryById(GENERAL_ENTRY_ID)];
    for (const entry of entries) {
      if (!entry) continue;
      const answer = renderKbAnswer(kb, entry, channelId);
      await context.sendActivity({ ...answer, text: `**${entry.title}**\n\n${answer.text ?? ''}` });
    }
    const notes = notesMessage(strings, decision);
    if (notes) await context.sendActivity(notes);

    await context.sendActivity({
      type: ActivityTypes.Message,
      text: strings('summaryIntro'),
      attachments: [summaryCard(strings, kb, record, decision, now)],
    });
    await sendEventIfSupported(context, completedEvent(record, stored));
    if (bookingUrl) {
      await context.sendActivity({
        type: ActivityTypes.Message,
        text: strings('bookingOffer', { url: bookingUrl }),
        attachments: [bookingCard(strings, bookingUrl)],
      });
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
  // With a handoff target: ask for a contact and consent, then send (HandoffDialog).
  if (deps.handoff) {
    await step.beginDialog(HandoffDialog.id);
    return;
  }
  const record = await deps.accessors.assessment.get(step.context, { concerns: [], answers: {} });
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
