import { join } from 'node:path';
import { loadKnowledgeBase, type KnowledgeBase } from './knowledge/index.js';
import { catalogueStringKeys, loadRuleTable, type RuleTable } from './safety/index.js';
import { createReader, loadReaderKnowledge } from './understanding/reader/index.js';
import { checkReaderAnswerFields, readerPolicy } from './understanding/reader-fields.js';
import { loadStrings, type ClinicDetails, type Strings } from './strings/index.js';
import { knowledgeDir } from './paths.js';
import type { SafetyCore } from '../dialogs/dialog-deps.js';

/** Other data folders than knowledge/ (tests with a fixture catalogue; a clinic's own copy). */
export interface CoreDirs {
  safety?: string;
  /** The locale folder of the reader's terminology and triggers. */
  language?: string;
  strings?: string;
  kb?: string;
}

/**
 * Every catalogue question has its strings, and every emergency or urgent rule the sentence that
 * says what its signs may mean (`redFlag.means.<rule id>`): a missing one stops the start, naming the key.
 */
function checkCatalogueStrings(rules: RuleTable, strings: Strings): void {
  for (const key of catalogueStringKeys(rules.questions)) strings(key);
  for (const rule of rules.rules) if (rule.outcome === 'emergency' || rule.outcome === 'urgent') strings(`redFlag.means.${rule.id}`);
}

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
export function loadCore(language = 'en', clinic: ClinicDetails = {}, dirs: CoreDirs = {}): Core {
  const rules = loadRuleTable(dirs.safety);
  const readerKnowledge = loadReaderKnowledge(dirs.language ?? join(knowledgeDir, language));
  checkReaderAnswerFields(readerKnowledge, rules.fields);
  const reader = createReader(readerKnowledge, readerPolicy(rules));
  const strings = loadStrings(language, dirs.strings, clinic);
  checkCatalogueStrings(rules, strings);
  return {
    strings,
    kb: loadKnowledgeBase(dirs.kb, reader),
    safety: { rules, reader },
  };
}
