import { loadKnowledgeBase, type KnowledgeBase } from './knowledge/index.js';
import { loadLexicon, loadRedFlags, loadRuleTable } from './safety/index.js';
import { loadStrings, type Strings } from './strings/index.js';
import type { SafetyCore } from '../dialogs/dialog-deps.js';

export interface Core {
  strings: Strings;
  kb: KnowledgeBase;
  safety: SafetyCore;
}

/**
 * Loads and validates every data file under knowledge/ once: a broken file stops the start
 * with the file, entry and field named, before anything listens.
 */
export function loadCore(language = 'en'): Core {
  return {
    strings: loadStrings(language),
    kb: loadKnowledgeBase(),
    safety: { rules: loadRuleTable(), lexicon: loadLexicon(), redFlags: loadRedFlags() },
  };
}
