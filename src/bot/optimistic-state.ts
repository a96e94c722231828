import { ConversationState, calculateChangeHash, type Storage, type TurnContext } from 'botbuilder';

/** What BotState keeps on the turn: the state as read (with its eTag) and a hash of it. */
interface CachedState {
  state: Record<string, unknown> & { eTag?: string };
  hash: string;
}

/** BotState's members this class relies on; private in the typings, stable in the code. */
interface BotStateInternals {
  stateKey: symbol;
  storageKey: (context: TurnContext) => string | Promise<string>;
  storage: Storage;
}

/** Thrown when another instance saved the conversation since this turn read it. */
export class StateConflictError extends Error {
  override name = 'StateConflictError';
}

/**
 * ConversationState that saves with the eTag it read at the start of the turn. botbuilder's
 * `BotState.saveChanges` sets `eTag: '*'` before writing, so with several instances the last
 * turn to finish silently overwrites a turn another instance just saved. Here a stale eTag is a
 * conflict (the store rejects the write); the bot then asks the person to send that again.
 */
export class OptimisticConversationState extends ConversationState {
  override async saveChanges(context: TurnContext, force = false): Promise<void> {
    const internals = this as unknown as BotStateInternals;
    const cached = context.turnState.get(internals.stateKey) as CachedState | undefined;
    if (!cached || (!force && cached.hash === calculateChangeHash(cached.state))) return;
    const key = await internals.storageKey(context);
    try {
      await internals.storage.write({ [key]: cached.state });
    } catch (error) {
      if (error instanceof Error && /eTag conflict/.test(error.message)) throw new StateConflictError(error.message);
      throw error;
    }
    // The store issued a new eTag that this turn does not know: read afresh if saved again.
    context.turnState.delete(internals.stateKey);
  }
}
