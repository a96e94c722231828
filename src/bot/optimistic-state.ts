import { ConversationState, calculateChangeHash, type TurnContext } from 'botbuilder';
import { writeChanges, type BotStateInternals, type CachedState, type SavableState, type StateChange } from './save-states.js';

export { StateConflictError } from './save-states.js';

/**
 * ConversationState that saves with the eTag it read at the start of the turn. botbuilder's
 * `BotState.saveChanges` sets `eTag: '*'` before writing, so with several instances the last
 * turn to finish silently overwrites a turn another instance just saved. Here a stale eTag is a
 * conflict (the store rejects the write); the bot then asks the person to send that again.
 */
export class OptimisticConversationState extends ConversationState implements SavableState {
  async changeToSave(context: TurnContext, force = false): Promise<StateChange | undefined> {
    const internals = this as unknown as BotStateInternals;
    const cached = context.turnState.get(internals.stateKey) as CachedState | undefined;
    if (!cached || (!force && cached.hash === calculateChangeHash(cached.state))) return undefined;
    return {
      key: await internals.storageKey(context),
      item: cached.state,
      // The store issued a new eTag that this turn does not know: read afresh if saved again.
      saved: () => context.turnState.delete(internals.stateKey),
    };
  }

  override async saveChanges(context: TurnContext, force = false): Promise<void> {
    const change = await this.changeToSave(context, force);
    if (change) await writeChanges([change], (this as unknown as BotStateInternals).storage);
  }
}
