import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import type { z } from 'zod';

import { projectRoot } from '../paths.js';
import type { RuleTable } from '../safety/index.js';
import { contraindicationsAnswer } from './contraindications.js';
import { KnowledgeBaseError } from './errors.js';
import { ruleQuestionsFileSchema, scopeFileSchema, type RuleQuestionsData, type ScopeData } from './routing-schema.js';
import {
  concernsFileSchema,
  entriesFileSchema,
  FORBIDDEN_ANSWER_WORDS,
  overclaimIn,
  sourcesFileSchema,
  type CitationData,
  type EntryData,
  type SourcesData,
} from './schema.js';
import { foldForComparison } from './text.js';
import type { Citation, Concern, KbEntry } from './types.js';

/** Files with these names have their own schema; every other *.json in the folder holds entries. */
export const CONCERNS_FILE = 'concerns.json';
export const SOURCES_FILE = 'sources.json';
export const RULE_QUESTIONS_FILE = 'rule-questions.json';
export const SCOPE_FILE = 'scope.json';
const SPECIAL_FILES = [CONCERNS_FILE, SOURCES_FILE, RULE_QUESTIONS_FILE, SCOPE_FILE];

export interface KnowledgeData {
  readonly entries: readonly KbEntry[];
  readonly concerns: readonly Concern[];
  /** The entry given when no concern was named. */
  readonly generalAdviceEntryId: string;
  readonly sources: SourcesData;
  readonly ruleQuestions: RuleQuestionsData;
  readonly scope: ScopeData;
}

/** What the knowledge files are checked against: the safety rule table and the reader's concepts. */
export interface KnowledgeContext {
  readonly rules: RuleTable;
  readonly isConcept: (id: string) => boolean;
}

/**
 * Reads and validates every file of the knowledge folder, synchronously: it runs once at start,
 * and a failure must stop the start before the bot takes a turn.
 */
export function loadKnowledgeData(dir: string, context: KnowledgeContext): KnowledgeData {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new KnowledgeBaseError(displayPath(dir), undefined, undefined, 'knowledge folder not found');
  }
  const names = readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort();
  for (const required of SPECIAL_FILES) {
    if (!names.includes(required)) {
      throw new KnowledgeBaseError(displayPath(join(dir, required)), undefined, undefined, 'file missing');
    }
  }

  const sourcesPath = join(dir, SOURCES_FILE);
  const sources = parseFile(sourcesPath, sourcesFileSchema, 'specSources');

  const entries: KbEntry[] = [];
  for (const name of names.filter((n) => !SPECIAL_FILES.includes(n))) {
    const path = join(dir, name);
    const file = parseFile(path, entriesFileSchema, 'entries');
    for (const data of file.entries) {
      const citations = data.citations.map((citation, i) =>
        resolveCitation(
          citation,
          sources,
          (field, reason) => new KnowledgeBaseError(displayPath(path), data.id, `citations[${i}].${field}`, reason),
        ),
      );
      const answer = answerOf(data, context.rules, displayPath(path));
      checkSaidNotes(data, context.rules, displayPath(path));
      const { answer: _written, ...rest } = data;
      entries.push({ ...rest, answer, citations, file: displayPath(path) });
    }
  }

  const concernsPath = join(dir, CONCERNS_FILE);
  const concernsData = parseFile(concernsPath, concernsFileSchema, 'concerns');
  const concerns: Concern[] = concernsData.concerns;
  const generalAdviceEntryId = concernsData.generalAdviceEntryId;

  checkCrossReferences(entries, concerns, displayPath(concernsPath));
  if (!entries.some((e) => e.id === generalAdviceEntryId)) {
    throw new KnowledgeBaseError(
      displayPath(concernsPath),
      undefined,
      'generalAdviceEntryId',
      `no entry with id "${generalAdviceEntryId}"`,
    );
  }

  const ruleQuestionsPath = join(dir, RULE_QUESTIONS_FILE);
  const ruleQuestions = parseFile(ruleQuestionsPath, ruleQuestionsFileSchema, 'rules');
  checkRuleQuestions(ruleQuestions, context, displayPath(ruleQuestionsPath));
  if (!entries.some((e) => e.id === ruleQuestions.atHome.entry)) {
    throw new KnowledgeBaseError(
      displayPath(ruleQuestionsPath),
      undefined,
      'atHome.entry',
      `no entry with id "${ruleQuestions.atHome.entry}"`,
    );
  }
  const scopePath = join(dir, SCOPE_FILE);
  const scope = parseFile(scopePath, scopeFileSchema, 'outOfScope');
  scope.outOfScope.forEach((topic) => {
    if (topic.comparedIn !== undefined && !entries.some((e) => e.id === topic.comparedIn)) {
      throw new KnowledgeBaseError(displayPath(scopePath), topic.id, 'comparedIn', `no entry with id "${topic.comparedIn}"`);
    }
  });
  return { entries, concerns, generalAdviceEntryId, sources, ruleQuestions, scope };
}

/** The written answer, or the one generated from the rule table; either way the product's word rules hold. */
function answerOf(data: EntryData, rules: RuleTable, file: string): string {
  const answer = data.answerFrom === 'contraindications' ? contraindicationsAnswer(rules) : data.answer!;
  const word = FORBIDDEN_ANSWER_WORDS.exec(answer);
  if (word) throw new KnowledgeBaseError(file, data.id, data.answerFrom ? 'answerFrom' : 'answer', `the answer must not say "${word[0]}"`);
  return answer;
}

/** A note id the rule table does not have would silently hide nothing (or, renamed, hide the wrong note). */
function checkSaidNotes(data: EntryData, rules: RuleTable, file: string): void {
  const known = new Set(rules.notes.map((note) => note.id));
  (data.saysNotes ?? []).forEach((id, i) => {
    if (!known.has(id)) throw new KnowledgeBaseError(file, data.id, `saysNotes[${i}]`, `no note "${id}" in the rule table`);
  });
}

/** A rule id that is not in the table, or a concept the reader does not know, would silently never match. */
function checkRuleQuestions(data: RuleQuestionsData, context: KnowledgeContext, file: string): void {
  const known = new Set(context.rules.rules.map((rule) => rule.id));
  data.rules.forEach((entry, i) => {
    if (!known.has(entry.rule)) throw new KnowledgeBaseError(file, entry.rule, `rules[${i}].rule`, 'no such rule in the rule table');
    entry.concepts.forEach((concept, j) => {
      if (!context.isConcept(concept))
        throw new KnowledgeBaseError(file, entry.rule, `concepts[${j}]`, `no concept "${concept}" in the terminology`);
    });
  });
  data.atHome.concepts.forEach((concept, j) => {
    if (!context.isConcept(concept))
      throw new KnowledgeBaseError(file, undefined, `atHome.concepts[${j}]`, `no concept "${concept}" in the terminology`);
  });
}

function parseFile<S extends z.ZodType>(path: string, schema: S, listKey: string): z.output<S> {
  const shown = displayPath(path);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new KnowledgeBaseError(shown, undefined, undefined, `not valid JSON: ${(error as Error).message}`);
  }
  const result = schema.safeParse(raw);
  if (result.success) return result.data;

  // One issue is enough: fix it, restart, see the next. A misspelt field is both "missing" and
  // "unknown"; the unknown one points at the typo. Name the item by its id, not its index.
  const issue = result.error.issues.find((i) => i.code === 'unrecognized_keys') ?? result.error.issues[0]!;
  const path_ = [...issue.path];
  if (issue.code === 'unrecognized_keys') path_.push(issue.keys[0] ?? '');
  let entryId: string | undefined;
  let fieldPath = path_;
  if (path_[0] === listKey && typeof path_[1] === 'number') {
    const item = (raw as Record<string, unknown[]>)[listKey]?.[path_[1]] as { id?: unknown } | undefined;
    entryId = typeof item?.id === 'string' ? item.id : `#${path_[1]} (no id)`;
    fieldPath = path_.slice(2);
  }
  const field = fieldPath.length > 0 ? formatPath(fieldPath) : undefined;
  const reason = issue.code === 'unrecognized_keys' ? `unknown field (misspelt?)` : issue.message;
  throw new KnowledgeBaseError(shown, entryId, field, reason);
}

function resolveCitation(
  citation: CitationData,
  sources: SourcesData,
  fail: (field: string, reason: string) => KnowledgeBaseError,
): Citation {
  if (citation.kind === 'article') {
    // Every cited heading needs a neutral label: the heading itself is never shown.
    const section = sources.article.sections.find((s) => s.heading === citation.heading);
    if (!section) throw fail('heading', `no section with this heading in ${SOURCES_FILE} (article.sections)`);
    const claim = overclaimIn(citation.quote, sources.article.overclaims);
    if (claim !== undefined) throw fail('quote', `quotes the overclaim "${claim}"`);
    return { ...citation, section: section.label, sourceName: sources.article.title, sourceShortName: sources.article.shortName };
  }
  const source = sources.specSources.find((s) => s.id === citation.source);
  if (!source) throw fail('source', `no such source in ${SOURCES_FILE}`);
  return { ...citation, sourceName: source.name, ...(source.url !== undefined ? { url: source.url } : {}) };
}

function checkCrossReferences(entries: readonly KbEntry[], concerns: readonly Concern[], concernsFile: string): void {
  const byId = new Map<string, KbEntry>();
  const questionOwner = new Map<string, string>();
  for (const entry of entries) {
    if (byId.has(entry.id)) {
      throw new KnowledgeBaseError(entry.file, entry.id, 'id', `duplicate id (also in ${byId.get(entry.id)!.file})`);
    }
    byId.set(entry.id, entry);
    entry.questions.forEach((question, i) => {
      // The same question under two entries would make retrieval a coin toss.
      const key = foldForComparison(question);
      const owner = questionOwner.get(key);
      if (owner !== undefined && owner !== entry.id) {
        throw new KnowledgeBaseError(entry.file, entry.id, `questions[${i}]`, `same question as entry "${owner}"`);
      }
      questionOwner.set(key, entry.id);
    });
  }
  concerns.forEach((concern, i) => {
    const advice = byId.get(concern.adviceEntryId);
    if (!advice) {
      throw new KnowledgeBaseError(concernsFile, concern.id, 'adviceEntryId', `no entry with id "${concern.adviceEntryId}"`);
    }
    if (!advice.concerns.includes(concern.id)) {
      throw new KnowledgeBaseError(
        advice.file,
        advice.id,
        'concerns',
        `must include "${concern.id}" (it is that concern's advice in ${concernsFile}, concerns[${i}])`,
      );
    }
  });
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i === 0 ? '' : '.'}${String(part)}`)).join('');
}

function displayPath(path: string): string {
  const rel = relative(projectRoot, path);
  return rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}
