import type { TurnContext } from 'botbuilder';

/**
 * What a transport (the /api/messages route, the WhatsApp adapter) needs of the bot: to be told
 * the moment an activity arrives, before it waits for its conversation's turn before it (which
 * question it can answer is decided by that moment), and then to run its turn.
 */
export interface TurnTaker {
  /** `tick`: the arrival's place in this process's order (question-timing's nextTick), taken as early as the transport can. */
  noteArrival(context: TurnContext, tick?: number): void;
  run(context: TurnContext): Promise<void>;
}
