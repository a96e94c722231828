import { Culture, recognizeDateTime, recognizeNumber } from '@microsoft/recognizers-text-suite';
import { recognizeChoices } from 'botbuilder-dialogs';

/**
 * The recognizers build their models on first use (~150 ms for date-time). Paying that once
 * at start means the first person's first answer is not slow, and /healthz only says ok after.
 * botbuilder-dialogs carries its own copy of the recognizers, so both copies are warmed.
 */
export function warmUpRecognizers(): void {
  recognizeDateTime('I stopped three weeks ago', Culture.English, undefined, new Date(0));
  recognizeNumber('thirty four', Culture.English);
  recognizeChoices('yes please', ['yes', 'no'], { locale: 'en-us' });
}
