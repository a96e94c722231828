import { readApproximateDate, readScreeningAnswers } from '../src/understanding/reader/index.js';
import { isAfterTreatmentReport } from '../src/understanding/intents.js';
import { daysSince } from '../src/understanding/past-date.js';
import { describeStoredData } from './stored-data.js';
import { MainDialog, type MainDialogOptions } from './main-dialog.js';
import { requestHuman } from './consultation-dialog.js';
import type { InterruptionStep } from './interruption-turn.js';

/** A whole-message command (help, cancel, start over, what do you know, a person, forget me) does what it says. */
export const command: InterruptionStep = async ({ dc, deps, hooks, command: said, active }) => {
  const { context } = dc;
  const { strings } = deps;
  switch (said) {
    case 'help':
      await context.sendActivity(strings('helpText'));
      if (active) await dc.repromptDialog();
      return 'handled';
    case 'cancel':
      await dc.cancelAllDialogs();
      await context.sendActivity(strings('cancelled'));
      return 'handled';
    case 'startOver':
      await dc.cancelAllDialogs();
      await context.sendActivity(strings('startingOver'));
      await dc.beginDialog(MainDialog.id);
      return 'handled';
    case 'whatDoYouKnow':
      await context.sendActivity(await describeStoredData(context, deps));
      if (active) await dc.repromptDialog();
      return 'handled';
    case 'human':
      // The handoff's questions come first and the interrupted one after them; the contacts alone leave it to ask again.
      if (!(await requestHuman(dc, deps)) && active) await dc.repromptDialog();
      return 'handled';
    case 'forgetMe':
      await dc.cancelAllDialogs();
      await hooks.forget(context);
      await context.sendActivity(strings('forgotten'));
      return 'handled';
    default:
      return undefined;
  }
};

/**
 * A report after a treatment starts the after-treatment check. What the report already says is
 * kept, never asked as if unsaid; a denial there is only no for that sign. Someone who declined
 * the terms gives no health answer: the terms come first again, and the check asks it all.
 */
export const afterTreatmentReport: InterruptionStep = async ({ dc, deps, text }) => {
  const { reader } = deps.safety;
  if (!isAfterTreatmentReport(text, reader)) return undefined;
  await dc.cancelAllDialogs();
  const today = deps.clock();
  const date = readApproximateDate(text, reader, today);
  const {
    normalSymptoms,
    daysSinceTreatment: _days,
    ...signs
  } = readScreeningAnswers(text, reader, { referenceDate: today }).afterTreatment;
  const declined = (await deps.accessors.userProfile.get(dc.context, {})).consent?.given === false;
  const options: MainDialogOptions = declined
    ? { afterTreatment: {} }
    : {
        afterTreatment: {
          ...signs,
          ...(date ? { daysSinceTreatment: Math.max(0, daysSince(date.date, today)) } : {}),
          ...(normalSymptoms === 'yes' ? { normalSymptoms: 'yes' as const } : {}),
        },
      };
  await dc.beginDialog(MainDialog.id, options);
  return 'handled';
};
