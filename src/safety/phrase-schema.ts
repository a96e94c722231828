import { z } from 'zod';
import { phraseKey } from './phrase-matcher.js';

/** A phrase in a data file: rejected at load when the matcher could not use it. */
export const phraseSchema = z.string().superRefine((value, context) => {
  try {
    phraseKey(value);
  } catch (error) {
    context.addIssue({ code: 'custom', message: (error as Error).message });
  }
});

export const phrasesSchema = z.array(phraseSchema);
