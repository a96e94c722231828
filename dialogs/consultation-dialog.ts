import { EventFactory, type Activity } from 'botbuilder';
import { ComponentDialog, WaterfallDialog, type DialogContext, type WaterfallStepContext } from 'botbuilder-dialogs';
import { HandoffDialog, type HandoffOptions } from './handoff-dialog.js';
import { showsBookingPanel, supportsEvents } from '../src/channels/channel-capabilities.js';
import { readYesNo } from '../src/understanding/reader/index.js';
import { AnswerPrompt, type Answered } from './prompts/answer-prompt.js';
import { askQuestion } from './prompts/ask.js';
import { announceDecision } from './announce-decision.js';
import type { DialogDeps } from './dialog-deps.js';

const HUMAN = 'human';
const FLOW = 'consultationFlow';

/** Outcomes whose instruction stands alone (SAFETY-SPEC): no offer of the team, no booking beside it. */
const INSTRUCTION_ONLY = new Set(['emergency', 'urgent']);

/**
 * The end of an assessment: the safety engine's decision in plain words, the curated advice for
 * each concern with the notes that apply, a summary card for a practitioner, the
 * `assessment.completed` event, the booking link, and then, with a handoff target, the offer to
 * ask the clinic's team to contact the person; without one, the clinic's contacts (nobody would
 * receive a request, so none is offered).
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
    if (deps.handoff) this.addDialog(new HandoffDialog(deps));
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
    if (INSTRUCTION_ONLY.has(decision.outcome)) return step.endDialog();
    if (!this.deps.handoff) {
      await step.context.sendActivity(strings('closingWithContacts'));
      return step.endDialog();
    }
    return askQuestion(step, HUMAN, strings('humanQuestion'), strings('triRetry'), [
      { title: strings('choiceAskTeam'), value: 'yes' },
      { title: strings('choiceNoThanks'), value: 'no' },
    ]);
  }

  private async handoffStep(step: WaterfallStepContext) {
    const result = step.result as Answered<boolean>;
    if (result.kind === 'answer' && result.value) return step.replaceDialog(HandoffDialog.id, { offered: true } satisfies HandoffOptions);
    await step.context.sendActivity(this.deps.strings('goodbye'));
    return step.endDialog();
  }
}

/**
 * "Talk to a person", at any point. With a handoff target the clinic's team can be asked to
 * contact the person (HandoffDialog); otherwise, or for someone who declined the terms (nothing
 * of theirs is kept or passed on), the clinic's contacts, and booking where it may be offered.
 * An emergency or urgent instruction is said again first and stands with the contacts alone.
 * Resolves with whether the handoff dialog began (else the interrupted question is the caller's).
 */
export async function requestHuman(dc: DialogContext, deps: DialogDeps): Promise<boolean> {
  const { context } = dc;
  const { strings } = deps;
  const record = await deps.accessors.assessment.get(context, { concerns: [], answers: {} });
  // The check ended (a minor): the clinic's contact with a parent or guardian, no handoff as if for an adult.
  if (record.decision?.endedBy) {
    await context.sendActivity(strings('humanForEndedCheck'));
    return false;
  }
  const outcome = record.decision?.outcome;
  if (outcome && INSTRUCTION_ONLY.has(outcome)) {
    await context.sendActivity(strings('humanUnderInstruction', { instruction: strings(`outcome.${outcome}`) }));
    return false;
  }
  const declined = (await deps.accessors.userProfile.get(context, {})).consent?.given === false;
  if (deps.handoff && !declined) {
    await dc.beginDialog(HandoffDialog.id);
    return true;
  }
  // For a host page that brings its own people (CONTRACTS.md); counted nowhere: nothing was sent to the clinic.
  if (!deps.handoff && supportsEvents(context.activity.channelId)) {
    const summary = {
      concerns: record.concerns,
      ...(record.goal ? { goal: record.goal } : {}),
      ...(record.decision ? { decision: record.decision } : {}),
    };
    await context.sendActivity(EventFactory.createHandoffInitiation(context, summary) as Partial<Activity>);
  }
  const contacts = strings(declined ? 'humanAfterDecline' : 'humanUnavailable');
  // Booking beside the contacts, unless the chat page's panel already offers it (it does after a result).
  const panelShown = showsBookingPanel(context.activity) && record.decision !== undefined;
  const booking = deps.bookingUrl && !panelShown ? ` ${strings('humanBooking', { url: deps.bookingUrl })}` : '';
  await context.sendActivity(`${contacts}${booking}`);
  return false;
}
