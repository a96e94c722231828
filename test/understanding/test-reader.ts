import { join } from 'node:path';
import { knowledgeDir } from '../../src/paths.js';
import { createReader, loadReaderKnowledge, type Reader } from '../../src/understanding/reader/index.js';
import { readerPolicy } from '../../src/understanding/reader-fields.js';
import { loadRuleTable } from '../../src/safety/index.js';

let reader: Reader | undefined;
/** The English reader, compiled once for the whole suite. */
export function testReader(): Reader {
  reader ??= createReader(loadReaderKnowledge(join(knowledgeDir, 'en')), readerPolicy(loadRuleTable()));
  return reader;
}
