import { parseBooleans } from './recognizers.js';
import { normalizeText } from './normalize.js';

export type YesNoUnsure = 'yes' | 'no' | 'unknown';

/** Checked before yes/no: the recognizer reads "not sure" as a weak yes. */
const UNSURE =
  /\b(not sure|unsure|not certain|uncertain|don'?t know|do not know|dunno|no idea|maybe|perhaps|possibly|can'?t remember|cannot remember|don'?t remember|i forget|no clue|might be|could be)\b|^\?+$/;
const NONE = /^(none|nothing|neither|nope|no|nah|none of (these|those|them|the above)|not any|no to all|all no)\b/;

export function isUnsure(text: string): boolean {
  return UNSURE.test(normalizeText(text));
}

/** "none of those" and its kin: a checklist answered with no item. */
export function isNoneOfThese(text: string): boolean {
  return NONE.test(normalizeText(text)) && !isUnsure(text);
}

/** yes / no / not sure in words, or undefined when the text says none of them. */
export function parseYesNoUnsure(text: string): YesNoUnsure | undefined {
  const normalized = normalizeText(text);
  if (normalized === '') return undefined;
  if (isUnsure(normalized)) return 'unknown';
  const [best] = parseBooleans(normalized);
  if (best && typeof best.resolution?.['value'] === 'boolean') return best.resolution['value'] ? 'yes' : 'no';
  return undefined;
}
