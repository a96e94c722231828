import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { Logger } from '../logging/logger.js';
import { deliverHandoff, type HandoffRequest, type HandoffTarget } from './webhook.js';

/**
 * A request the person agreed to pass on and not yet sent. It is kept in the conversation's
 * state, so it is written in the same save as the turn that asked for it: a stop after that
 * save loses nothing (the conversation's next turn sends it), "forget me" drops it with the
 * rest of the conversation, and the retention sweep removes it with the state.
 */
export interface PendingHandoff {
  request: HandoffRequest;
}

/** What became of one request: the person is told this, in the same words either way. */
export interface HandoffDelivery {
  request: HandoffRequest;
  delivered: boolean;
}

/**
 * Tries within one turn: the channels give a turn about 15 s, so three tries of at most 3 s,
 * 0.5 s and 2 s apart (about 11.5 s at worst, when the receiver never answers).
 */
const WITHIN_A_TURN = { retryDelaysMs: [500, 2_000], timeoutMs: 3_000 };

export interface HandoffOutboxOptions {
  target: HandoffTarget;
  /** The conversation's pending requests (conversation state). */
  pending: StatePropertyAccessor<PendingHandoff[] | undefined>;
  logger?: Logger;
}

/**
 * The transactional outbox of the handoff: the dialog adds a request to the conversation's
 * state; the bot delivers what is pending only after that state is saved (GuideBot.endTurn),
 * then saves what became of it before the person hears it.
 */
export class HandoffOutbox {
  constructor(private readonly options: HandoffOutboxOptions) {}

  /** Keeps the request with the conversation; it is sent after this turn's save. */
  async add(context: TurnContext, request: HandoffRequest): Promise<void> {
    const pending = (await this.options.pending.get(context)) ?? [];
    await this.options.pending.set(context, [...pending, { request }]);
  }

  /**
   * Sends every pending request (retried with backoff), then takes them out of the state,
   * delivered or not: one that could not be delivered is not sent later behind the person's
   * back, since they are told it was not passed on and how to reach the clinic.
   */
  async deliverPending(context: TurnContext): Promise<HandoffDelivery[]> {
    // Read without a default: a conversation without requests is not given an empty list to save.
    const pending = (await this.options.pending.get(context)) ?? [];
    if (pending.length === 0) return [];
    const deliveries: HandoffDelivery[] = [];
    for (const { request } of pending) {
      const result = await deliverHandoff(request, { ...WITHIN_A_TURN, ...this.options.target });
      // The request's id and the channel only: never the contact.
      const log = { event: result.delivered ? 'handoff.delivered' : 'handoff.not-delivered', id: request.id, channel: request.channel };
      if (result.delivered) this.options.logger?.info({ ...log, attempts: result.attempts }, 'handoff request delivered');
      else this.options.logger?.warn({ ...log, attempts: result.attempts, status: result.lastStatus }, 'handoff request not delivered');
      deliveries.push({ request, delivered: result.delivered });
    }
    await this.options.pending.delete(context);
    return deliveries;
  }
}
