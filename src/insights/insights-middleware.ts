import type { Middleware, TurnContext } from 'botbuilder';
import type { InsightFact } from './events.js';
import type { InsightsRecorder } from './insights-recorder.js';
import { collectTurnFacts } from './turn-facts.js';

/** What the web page sends when the person opens the booking link (docs/contracts.md). */
export const BOOKING_OPENED_EVENT = 'booking.opened';

/**
 * Collects each turn's funnel facts and hands them to the recorder once the turn has ended
 * well (a failed turn is redone on redelivery and counted then). A request for the clinic's team
 * is a fact the bot notes once the receiver accepted it (GuideBot.deliverHandoffs), so
 * `handoffs` counts requests sent. Only kinds and ids leave here; the recorder writes them
 * later, in batches.
 */
export class InsightsMiddleware implements Middleware {
  constructor(private readonly recorder: InsightsRecorder) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const facts: InsightFact[] = [];
    const { activity } = context;
    if (activity.type === 'event' && activity.name === BOOKING_OPENED_EVENT) facts.push({ kind: 'booking.opened' });
    collectTurnFacts(context, facts);
    await next();
    this.recorder.record(facts);
  }
}
