import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import {
  conversationSchema,
  readerTriggersSchema,
  retrievalSchema,
  terminologySchema,
  type ConversationData,
  type ReaderTriggersData,
  type RetrievalData,
  type TerminologyData,
} from './schema.js';

/**
 * Reads and validates the reader's data for one locale when called (never at import). A broken
 * file stops with a message a clinician can act on: which file, which entry, which field.
 */

export const terminologyFile = 'terminology.json';
export const readerTriggersFile = 'reader-triggers.json';
export const retrievalFile = 'retrieval.json';
export const conversationFile = 'conversation.json';

export interface ReaderKnowledge {
  terminology: TerminologyData;
  triggers: ReaderTriggersData;
  /** How the guide's retrieval reads a question (read with the same normaliser). */
  retrieval: RetrievalData;
  /** Everyday words of the conversation: commands, after-treatment reports, goal and depth answers. */
  conversation: ConversationData;
}

export interface ReaderIssue {
  /** "concept eczema", "trigger negation-before", when the problem is inside one entry. */
  entry?: string;
  field: string;
  message: string;
}

const describeIssue = (issue: ReaderIssue) => `field "${issue.field}": ${issue.message}`;

export class ReaderKnowledgeError extends Error {
  constructor(
    readonly file: string,
    readonly issues: readonly ReaderIssue[],
  ) {
    super(`${file}: ${issues.map((issue) => `${issue.entry !== undefined ? `${issue.entry}: ` : ''}${describeIssue(issue)}`).join('; ')}`);
    this.name = 'ReaderKnowledgeError';
  }
}

function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const key of path) text += typeof key === 'number' ? `[${key}]` : text === '' ? String(key) : `.${String(key)}`;
  return text === '' ? '(top level)' : text;
}

/** The collections whose items have ids, and the word for one item. */
const collections: Readonly<Record<string, string>> = { concepts: 'concept', triggers: 'trigger', signParts: 'sign part' };

function describe(raw: unknown, issues: readonly z.core.$ZodIssue[]): ReaderIssue[] {
  return issues.map((issue) => {
    let path: PropertyKey[] = [...issue.path];
    if (issue.code === 'unrecognized_keys') path = [...path, issue.keys.join(', ')];
    const [top, index, ...rest] = path;
    if (typeof top === 'string' && top in collections && typeof index === 'number') {
      const list = (raw as Record<string, unknown>)[top];
      const item = Array.isArray(list) ? (list[index] as unknown) : undefined;
      const itemId = item !== null && typeof item === 'object' ? (item as Record<string, unknown>).id : undefined;
      const name = typeof itemId === 'string' && itemId !== '' ? itemId : `#${index + 1} (no id)`;
      return { entry: `${collections[top]} ${name}`, field: rest.length > 0 ? formatPath(rest) : '(whole entry)', message: issue.message };
    }
    return { field: formatPath(path), message: issue.message };
  });
}

/** Validates parsed data; `file` only names the file in errors. */
export function parseReaderFile<S extends z.ZodType>(schema: S, raw: unknown, file: string): z.output<S> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  throw new ReaderKnowledgeError(file, describe(raw, result.error.issues));
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ReaderKnowledgeError(file, [{ field: '(file)', message: `cannot read: ${(error as Error).message}` }]);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ReaderKnowledgeError(file, [{ field: '(file)', message: `not valid JSON: ${(error as Error).message}` }]);
  }
}

/** Validates already parsed data of the files (tests and the mutation bench pass data in). */
export function parseReaderKnowledge(terminology: unknown, triggers: unknown, retrieval: unknown, conversation: unknown): ReaderKnowledge {
  return {
    terminology: parseReaderFile(terminologySchema, terminology, terminologyFile),
    triggers: parseReaderFile(readerTriggersSchema, triggers, readerTriggersFile),
    retrieval: parseReaderFile(retrievalSchema, retrieval, retrievalFile),
    conversation: parseReaderFile(conversationSchema, conversation, conversationFile),
  };
}

/** Reads `<localeDir>/terminology.json` and `<localeDir>/reader-triggers.json`, e.g. knowledge/en. */
export function loadReaderKnowledge(localeDir: string): ReaderKnowledge {
  const terminologyPath = join(localeDir, terminologyFile);
  const triggersPath = join(localeDir, readerTriggersFile);
  const retrievalPath = join(localeDir, retrievalFile);
  const conversationPath = join(localeDir, conversationFile);
  return {
    terminology: parseReaderFile(terminologySchema, readJson(terminologyPath), terminologyPath) as TerminologyData,
    triggers: parseReaderFile(readerTriggersSchema, readJson(triggersPath), triggersPath) as ReaderTriggersData,
    retrieval: parseReaderFile(retrievalSchema, readJson(retrievalPath), retrievalPath) as RetrievalData,
    conversation: parseReaderFile(conversationSchema, readJson(conversationPath), conversationPath) as ConversationData,
  };
}
