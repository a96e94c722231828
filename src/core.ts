import { join } from 'node:path';
import { loadKnowledgeBase, type KnowledgeBase } from './knowledge/index.js';
import { loadRuleTable } from './safety/index.js';
import { createReader, loadReaderKnowledge } from './understanding/reader/index.js';
import { checkReaderAnswerFields } from './understanding/reader-fields.js';
import { loadStrings, type ClinicDetails, type Strings } from './strings/index.js';
import { knowledgeDir } from './paths.js';
import type { SafetyCore } from '../dialogs/dialog-deps.js';

export interface Core {
  strings: Strings;
  kb: KnowledgeBase;
  safety: SafetyCore;
}

/**
 * Loads and validates every data file under knowledge/ once: a broken file stops the start
 * with the file, entry and field named, before anything listens. The clinical reader is
 * compiled here once and serves every free-text message.
 */
export function loadCore(language = 'en', clinic: ClinicDetails = {}): Core {
  const readerKnowledge = loadReaderKnowledge(join(knowledgeDir, language));
  checkReaderAnswerFields(readerKnowledge);
  const reader = createReader(readerKnowledge);
  return {
    strings: loadStrings(language, undefined, clinic),
    kb: loadKnowledgeBase(undefined, reader),
    safety: { rules: loadRuleTable(), reader },
  };
}
