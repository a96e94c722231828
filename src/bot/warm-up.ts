import { numberInWords, parseDateTimes } from '../understanding/recognizers.js';
import { recognizeChoices } from 'botbuilder-dialogs';

/**
 * The recognizers build their models on first use (~150 ms for date-time). Paying that once
 * at start means the first person's first answer is not slow, and /healthz only says ok after.
 * botbuilder-dialogs carries its own copy of the recognizers, so both copies are warmed.
 */
export function warmUpRecognizers(): void {
  parseDateTimes('I stopped three weeks ago', new Date(0));
  numberInWords('a hundred and one');
  recognizeChoices('yes please', ['yes', 'no'], { locale: 'en-us' });
}
