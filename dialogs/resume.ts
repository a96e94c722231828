import type { DialogContext } from 'botbuilder-dialogs';
import { MainDialog } from './main-dialog.js';
import type { DialogDeps } from './dialog-deps.js';

/**
 * A first message that is a question still gets the welcome and the consent notice. Someone who
 * declined the terms is not asked again after each question: they may ask general questions, and
 * anything else they write opens the terms again.
 */
export async function startIfNoConsent(dc: DialogContext, deps: DialogDeps): Promise<void> {
  if ((await deps.accessors.userProfile.get(dc.context, {})).consent === undefined) await dc.beginDialog(MainDialog.id);
}

/** After an interruption: the interrupted question again, or, with none, the welcome for someone not yet asked. */
export async function resumeOrStart(dc: DialogContext, deps: DialogDeps): Promise<void> {
  if (dc.activeDialog !== undefined) await dc.repromptDialog();
  else await startIfNoConsent(dc, deps);
}
