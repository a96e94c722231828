import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createReader, loadReaderKnowledge, type Reader, type ReaderKnowledge } from '../../../src/understanding/reader/index.js';
import { readerPolicy } from '../../../src/understanding/reader-fields.js';
import { loadRuleTable } from '../../../src/safety/index.js';

/** The English knowledge and one reader built from it, shared by the reader tests and benches. */
export const localeDir = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..', '..', 'knowledge', 'en');
export const knowledge: ReaderKnowledge = loadReaderKnowledge(localeDir);
/** The rule table's windows (a blood thinner stopped within 4 weeks still counts). */
export const policy = readerPolicy(loadRuleTable());
export const reader: Reader = createReader(knowledge, policy);
/** The injected clock: every date expectation is counted from this day. */
export const today = new Date('2026-12-01T10:00:00Z');

/** A deep copy of the knowledge, for tests and mutants that change it. */
export function copyKnowledge(): ReaderKnowledge {
  return structuredClone(knowledge);
}

export function withKnowledge(change: (copy: ReaderKnowledge) => void): Reader {
  const copy = copyKnowledge();
  change(copy);
  return createReader(copy, policy);
}
