import { ConversationState, UserState, calculateChangeHash, type BotState, type TurnContext } from 'botbuilder';
import { writeChanges, type BotStateInternals, type CachedState, type SavableState, type StateChange } from './save-states.js';
import { NEW_DOCUMENT_ETAG } from '../storage/etag.js';

export { StateConflictError } from './save-states.js';

/**
 * The change a state made this turn, to be written with the eTag it was read with: a document
 * that existed is written only if nobody changed or removed it since (If-Match), a document
 * that did not exist only if it still does not (If-None-Match). botbuilder's
 * `BotState.saveChanges` writes with `eTag: '*'`, so with several instances the last turn to
 * finish silently overwrote a turn another instance had just saved, and a turn racing "forget
 * me" on another instance wrote the forgotten person's consent back.
 *
 * `saved` holds the turn's state map itself, not the TurnContext: nothing may reach a turn's
 * context once botbuilder has revoked it at the end of the turn.
 */
async function optimisticChange(state: BotState, context: TurnContext, force: boolean): Promise<StateChange | undefined> {
  const internals = state as unknown as BotStateInternals;
  const turnState = context.turnState;
  const cached = turnState.get(internals.stateKey) as CachedState | undefined;
  if (!cached || (!force && cached.hash === calculateChangeHash(cached.state))) return undefined;
  return {
    key: await internals.storageKey(context),
    item: { ...cached.state, eTag: cached.state.eTag ?? NEW_DOCUMENT_ETAG },
    // The store issued a new eTag that this turn does not know: read afresh if saved again.
    saved: () => turnState.delete(internals.stateKey),
  };
}

/** A conversation's state (dialog position, answers), saved with the eTag it was read with. */
export class OptimisticConversationState extends ConversationState implements SavableState {
  changeToSave(context: TurnContext, force = false): Promise<StateChange | undefined> {
    return optimisticChange(this, context, force);
  }

  override async saveChanges(context: TurnContext, force = false): Promise<void> {
    const change = await this.changeToSave(context, force);
    if (change) await writeChanges([change], (this as unknown as BotStateInternals).storage);
  }
}

/**
 * A person's profile (consent, their conversations), saved the same way: two conversations of
 * one person changing it at once, or "forget me" removing it meanwhile, is a conflict, never a
 * silent overwrite.
 */
export class ProfileState extends UserState implements SavableState {
  changeToSave(context: TurnContext, force = false): Promise<StateChange | undefined> {
    return optimisticChange(this, context, force);
  }

  override async saveChanges(context: TurnContext, force = false): Promise<void> {
    const change = await this.changeToSave(context, force);
    if (change) await writeChanges([change], (this as unknown as BotStateInternals).storage);
  }
}
