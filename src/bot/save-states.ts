import type { BotState, Storage, TurnContext } from 'botbuilder';
import { writesTogether } from '../storage/writes-together.js';

/** What BotState keeps on the turn: the state as read (with its eTag) and a hash of it. */
export interface CachedState {
  state: Record<string, unknown> & { eTag?: string };
  hash: string;
}

/** BotState's members these classes rely on; private in the typings, stable in the code. */
export interface BotStateInternals {
  stateKey: symbol;
  storageKey: (context: TurnContext) => string | Promise<string>;
  storage: Storage;
}

/** A state's change this turn, ready to write, and what to do once it is written. */
export interface StateChange {
  key: string;
  item: Record<string, unknown>;
  saved: () => void;
}

/** A BotState that can hand over its change so it is written with the turn's other states. */
export interface SavableState extends BotState {
  changeToSave(context: TurnContext, force?: boolean): Promise<StateChange | undefined>;
}

/** Thrown when another instance saved the conversation since this turn read it. */
export class StateConflictError extends Error {
  override name = 'StateConflictError';
}

/**
 * Saves the turn's states in the order given: in one write where the store keeps that order and
 * checks every eTag before writing any (see WritesTogether), else one after the other. A stale eTag fails the
 * save with StateConflictError.
 */
export async function saveStates(context: TurnContext, states: readonly SavableState[], storage: Storage): Promise<void> {
  const changes: StateChange[] = [];
  for (const state of states) {
    const change = await state.changeToSave(context);
    if (change) changes.push(change);
  }
  await writeChanges(changes, storage);
}

/** Writes the changes in the order given, together where the store keeps that order. */
export async function writeChanges(changes: readonly StateChange[], storage: Storage): Promise<void> {
  try {
    if (changes.length > 1 && writesTogether(storage)) {
      await storage.write(Object.fromEntries(changes.map((change) => [change.key, change.item])));
      for (const change of changes) change.saved();
      return;
    }
    for (const change of changes) {
      await storage.write({ [change.key]: change.item });
      change.saved();
    }
  } catch (error) {
    if (error instanceof Error && /eTag conflict/.test(error.message)) throw new StateConflictError(error.message);
    throw error;
  }
}
