import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import type { z } from 'zod';

import { projectRoot } from '../paths.js';
import { KnowledgeBaseError } from './errors.js';
import { concernsFileSchema, entriesFileSchema, sourcesFileSchema, type CitationData, type SourcesData } from './schema.js';
import { foldForComparison } from './text.js';
import type { Citation, Concern, KbEntry } from './types.js';

/** Files with these names have their own schema; every other *.json in the folder holds entries. */
export const CONCERNS_FILE = 'concerns.json';
export const SOURCES_FILE = 'sources.json';

export interface KnowledgeData {
  readonly entries: readonly KbEntry[];
  readonly concerns: readonly Concern[];
  readonly sources: SourcesData;
}

/**
 * Reads and validates every file of the knowledge folder, synchronously: it runs once at start,
 * and a failure must stop the start before the bot takes a turn.
 */
export function loadKnowledgeData(dir: string): KnowledgeData {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new KnowledgeBaseError(displayPath(dir), undefined, undefined, 'knowledge folder not found');
  }
  const names = readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort();
  for (const required of [CONCERNS_FILE, SOURCES_FILE]) {
    if (!names.includes(required)) {
      throw new KnowledgeBaseError(displayPath(join(dir, required)), undefined, undefined, 'file missing');
    }
  }

  const sourcesPath = join(dir, SOURCES_FILE);
  const sources = parseFile(sourcesPath, sourcesFileSchema, 'specSources');

  const entries: KbEntry[] = [];
  for (const name of names.filter((n) => n !== CONCERNS_FILE && n !== SOURCES_FILE)) {
    const path = join(dir, name);
    const file = parseFile(path, entriesFileSchema, 'entries');
    for (const data of file.entries) {
      const citations = data.citations.map((citation, i) =>
        resolveCitation(
          citation,
          sources,
          () => new KnowledgeBaseError(displayPath(path), data.id, `citations[${i}].source`, `no such source in ${SOURCES_FILE}`),
        ),
      );
      entries.push({ ...data, citations, file: displayPath(path) });
    }
  }

  const concernsPath = join(dir, CONCERNS_FILE);
  const concerns: Concern[] = parseFile(concernsPath, concernsFileSchema, 'concerns').concerns;

  checkCrossReferences(entries, concerns, displayPath(concernsPath));
  return { entries, concerns, sources };
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

function resolveCitation(citation: CitationData, sources: SourcesData, missing: () => KnowledgeBaseError): Citation {
  if (citation.kind === 'article') {
    return { ...citation, sourceName: sources.article.title, sourceShortName: sources.article.shortName };
  }
  const source = sources.specSources.find((s) => s.id === citation.source);
  if (!source) throw missing();
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
