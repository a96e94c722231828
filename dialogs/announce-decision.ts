import type { Activity, TurnContext } from 'botbuilder';
import { checkFor, type Decision } from '../src/safety/index.js';
import { sendEventIfSupported, showsBookingPanel } from '../src/channels/channel-capabilities.js';
import type { BookingOffer } from '../src/channels/replies.js';
import { renderRedFlag } from '../src/channels/render-emergency.js';
import { renderResult } from '../src/channels/render-result.js';
import { completedEvent, storedDecision } from './decision-messages.js';
import { emptyAssessment, type StoredDecision } from './assessment-record.js';
import { decidedRedFlagReply, isRedFlagDecision } from './red-flag-reply.js';
import { correctionReply, mayBook, resultReply, type DecidedResult } from './result-reply.js';
import type { DialogDeps } from './dialog-deps.js';

export interface AnnounceOptions {
  /** The curated advice for each concern (the first time; a corrected decision says only what changed). */
  advice: boolean;
}

/** The safety engine decides on the answers as they stand (audited); the decision is kept with the conversation. */
async function decideAndKeep(context: TurnContext, deps: DialogDeps): Promise<{ result: DecidedResult; stored: StoredDecision }> {
  const at = deps.clock();
  const record = await deps.accessors.assessment.get(context, emptyAssessment());
  const decision = await deps.recorder.decide(record.answers, context);
  const stored = storedDecision(decision, at);
  record.decision = stored;
  await deps.accessors.assessment.set(context, record);
  return { result: { decision, record, check: checkFor(record.answers), at }, stored };
}

/** The booking offer the chat makes: none beside the chat page's panel (it follows the event), none where no booking may be offered. */
function bookingOffer(context: TurnContext, deps: DialogDeps, result: DecidedResult): BookingOffer | undefined {
  if (!deps.bookingUrl || !mayBook(result) || showsBookingPanel(context.activity)) return undefined;
  return { label: deps.strings('bookingButton'), url: deps.bookingUrl };
}

async function sendAll(context: TurnContext, activities: Partial<Activity>[]): Promise<void> {
  for (const activity of activities) await context.sendActivity(activity);
}

/**
 * The end of a check: the decision, said once (render-result.ts: the outcome with its reasons,
 * advice and notes; the summary with the booking offer where the chat makes one), then the
 * `assessment.completed` event. An emergency or urgent outcome is its instruction alone.
 */
export async function announceDecision(context: TurnContext, deps: DialogDeps, options: AnnounceOptions): Promise<Decision> {
  const { result, stored } = await decideAndKeep(context, deps);
  const { decision } = result;
  const channelId = context.activity.channelId;
  if (isRedFlagDecision(decision)) await context.sendActivity(renderRedFlag(decidedRedFlagReply(deps, decision), channelId));
  else
    await sendAll(
      context,
      renderResult(
        resultReply(deps, result, { advice: options.advice, ...withBooking(bookingOffer(context, deps, result)) }),
        channelId,
        deps.strings,
      ),
    );
  await sendEventIfSupported(context, completedEvent(result.record, stored));
  return decision;
}

/**
 * A correction after the result (SAFETY-SPEC v1.1: decided again, audited, said again): what
 * changed and the new outcome in one message, a new summary only when the outcome changed, and
 * the event again (the chat page's booking panel follows the latest). An emergency or urgent
 * outcome is its instruction alone, after the line that says what changed.
 */
export async function announceCorrection(
  context: TurnContext,
  deps: DialogDeps,
  previous: StoredDecision,
  changed: readonly string[],
): Promise<void> {
  const { result, stored } = await decideAndKeep(context, deps);
  const { decision } = result;
  const channelId = context.activity.channelId;
  if (isRedFlagDecision(decision)) {
    if (changed.length > 0) await context.sendActivity(changed.join('\n'));
    await context.sendActivity(renderRedFlag(decidedRedFlagReply(deps, decision), channelId));
  } else {
    const reply = correctionReply(deps, result, previous, changed, bookingOffer(context, deps, result));
    await sendAll(context, renderResult(reply, channelId, deps.strings));
  }
  await sendEventIfSupported(context, completedEvent(result.record, stored));
}

function withBooking(booking: BookingOffer | undefined): { booking?: BookingOffer } {
  return booking ? { booking } : {};
}
