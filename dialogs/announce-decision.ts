import { ActivityTypes, type TurnContext } from 'botbuilder';
import { checkFor, type Decision } from '../src/safety/index.js';
import { renderKbAnswer } from '../src/channels/render-kb-answer.js';
import { sendEventIfSupported, showsBookingPanel } from '../src/channels/channel-capabilities.js';
import { bookingCard, completedEvent, notesMessage, outcomeActivity, storedDecision, summaryCard } from './decision-messages.js';
import { emptyAssessment } from './assessment-record.js';
import type { DialogDeps } from './dialog-deps.js';

export interface AnnounceOptions {
  /** The curated advice for each concern (the first time; a corrected decision repeats only the result). */
  advice: boolean;
}

/**
 * The safety engine decides on the answers as they stand (audited), and the person hears it:
 * the outcome in the check's own words, the advice and notes that apply, the summary for a
 * practitioner, the `assessment.completed` event and, where the outcome allows it, the booking
 * link (in the chat unless the chat page's panel offers it). Used at the end of the form and
 * again after any correction (SAFETY-SPEC v1.1).
 */
export async function announceDecision(context: TurnContext, deps: DialogDeps, options: AnnounceOptions): Promise<Decision> {
  const { strings, kb, recorder, clock, bookingUrl, accessors } = deps;
  const now = clock();
  const record = await accessors.assessment.get(context, emptyAssessment());
  const decision = await recorder.decide(record.answers, context);
  const stored = storedDecision(decision, now);
  record.decision = stored;
  await accessors.assessment.set(context, record);
  const check = checkFor(record.answers);
  const channelId = context.activity.channelId;

  await context.sendActivity(outcomeActivity(strings, decision, channelId, deps.emergencyNumber, check));
  const forAnAdult = decision.endedBy === undefined;
  if (options.advice && check === 'screening' && forAnAdult) {
    const entries = record.concerns.length > 0 ? record.concerns.map((id) => kb.adviceForConcern(id)) : [kb.generalAdvice()];
    for (const entry of entries) {
      if (!entry) continue;
      const answer = renderKbAnswer(kb, entry, channelId);
      await context.sendActivity({ ...answer, text: `**${entry.title}**\n\n${answer.text ?? ''}` });
    }
  }
  const notes = notesMessage(strings, decision);
  if (notes) await context.sendActivity(notes);
  if (check === 'screening') {
    await context.sendActivity({
      type: ActivityTypes.Message,
      text: strings('summaryIntro'),
      attachments: [summaryCard(strings, kb, record, decision, now, check)],
    });
  }
  await sendEventIfSupported(context, completedEvent(record, stored));
  const mayBook = check === 'screening' && forAnAdult && decision.outcome !== 'emergency' && decision.outcome !== 'urgent';
  // The chat page's booking panel follows the event above: there it is the one offer.
  if (bookingUrl && mayBook && !showsBookingPanel(context.activity)) {
    await context.sendActivity({
      type: ActivityTypes.Message,
      text: strings('bookingOffer', { url: bookingUrl }),
      attachments: [bookingCard(strings, bookingUrl)],
    });
  }
  return decision;
}
