import type { Middleware, TurnContext } from 'botbuilder';
import type { InsightFact } from './events.js';
import type { InsightsRecorder } from './insights-recorder.js';
import { collectTurnFacts } from './turn-facts.js';
import { HANDOFF_INITIATION_EVENT } from './conversation-funnel.js';

/** What the web page sends when the person opens the booking link (docs/contracts.md). */
export const BOOKING_OPENED_EVENT = 'booking.opened';

/**
 * Collects each turn's funnel facts and hands them to the recorder once the turn has ended
 * well (a failed turn is redone on redelivery and counted then). Registered after
 * ReplyAfterSave on every adapter: the handoff event is seen when it is really sent. Only kinds
 * and ids leave here; the recorder writes them later, in batches.
 */
export class InsightsMiddleware implements Middleware {
  constructor(private readonly recorder: InsightsRecorder) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const facts: InsightFact[] = [];
    const { activity } = context;
    if (activity.type === 'event' && activity.name === BOOKING_OPENED_EVENT) facts.push({ kind: 'booking.opened' });
    context.onSendActivities(async (_context, activities, send) => {
      const responses = await send();
      const handoffs = activities.filter((sent) => sent.type === 'event' && sent.name === HANDOFF_INITIATION_EVENT).length;
      if (handoffs > 0) this.recorder.record(Array.from({ length: handoffs }, () => ({ kind: 'handoff.requested' as const })));
      return responses;
    });
    collectTurnFacts(context, facts);
    await next();
    this.recorder.record(facts);
  }
}
