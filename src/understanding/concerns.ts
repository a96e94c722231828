import { read, type Reader, type Reading } from './reader/index.js';

/**
 * The concerns a message names ("my pores and acne scars"), in the order written, from the
 * terminology's concern concepts and the reader's one context model: "I don't have wrinkles"
 * and "my mum's sagging skin" name no concern of the person's.
 */
export function readConcerns(text: string, reader: Reader, reading: Reading = read(text, reader)): string[] {
  const ids = reading.findings
    .filter((finding) => finding.kind === 'concern' && !finding.negated && finding.experiencer === 'self')
    .map((finding) => finding.concept);
  return [...new Set(ids)];
}
