import type { TurnContext } from 'botbuilder';
import type { DialogContext } from 'botbuilder-dialogs';
import type { readRedFlags } from '../src/understanding/reader/index.js';
import type { Command } from '../src/understanding/intents.js';
import type { PendingRedFlag } from './assessment-record.js';
import type { DialogDeps } from './dialog-deps.js';

/** What the turn should do after the interruption check. */
export type InterruptionResult = 'handled' | 'continue';

export interface InterruptionHooks {
  /** Deletes everything stored about this person and conversation. */
  forget: (context: TurnContext) => Promise<void>;
}

/** A message as the interruption steps see it: read once, passed along. */
export interface InterruptionTurn {
  dc: DialogContext;
  deps: DialogDeps;
  hooks: InterruptionHooks;
  /** The answer's text (a pressed button's value, or what was typed). */
  text: string;
  /** A dialog was running (a question waits). */
  active: boolean;
  /** The whole-message command it is ("help", "forget me"...), if it is one. */
  command: Command | undefined;
  /** The red-flag watch's reading of the whole message. */
  flags: ReturnType<typeof readRedFlags>;
  /** A "Is this happening to you now?" that was waiting for this message. */
  pendingRedFlag?: PendingRedFlag;
  /** The warning-sign question was waiting for this message. */
  signsAsked: boolean;
}

/** One step of the interruption check: 'handled' or 'continue' ends the check; undefined passes the message on. */
export type InterruptionStep = (turn: InterruptionTurn) => Promise<InterruptionResult | undefined>;
