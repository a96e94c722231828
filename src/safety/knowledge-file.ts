import { readFileSync } from 'node:fs';
import { relative, isAbsolute } from 'node:path';
import type { z } from 'zod';
import { projectRoot } from '../paths.js';

/**
 * Reading and validating the clinician-edited JSON files. A broken file must stop the bot
 * with a message a clinician can act on: which file, which rule or entry, which field.
 */

export interface KnowledgeIssue {
  /** The rule, note or entry id, when the problem is inside one. */
  id?: string;
  /** The dotted path of the broken field inside that rule (or from the top of the file). */
  field: string;
  message: string;
}

export class KnowledgeFileError extends Error {
  constructor(
    readonly file: string,
    readonly issues: readonly KnowledgeIssue[],
  ) {
    super(
      `${file}: ` +
        issues.map((issue) => `${issue.id !== undefined ? `${issue.id}: ` : ''}field "${issue.field}": ${issue.message}`).join('; '),
    );
    this.name = 'KnowledgeFileError';
  }
}

/** The path people see: relative to the project when inside it. */
export function displayPath(file: string): string {
  const inside = relative(projectRoot, file);
  return inside !== '' && !inside.startsWith('..') && !isAbsolute(inside) ? inside : file;
}

export function readJsonFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new KnowledgeFileError(displayPath(file), [{ field: '(file)', message: `cannot read: ${(error as Error).message}` }]);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new KnowledgeFileError(displayPath(file), [{ field: '(file)', message: `not valid JSON: ${(error as Error).message}` }]);
  }
}

function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else text += text === '' ? String(key) : `.${String(key)}`;
  }
  return text === '' ? '(top level)' : text;
}

/**
 * Turns zod issues into issues naming the item: a path like rules[3].outcome becomes
 * `rule R-AGE-MINOR` + field `outcome`, using the id found in the raw data. `collections`
 * maps a top-level list ("rules") to the word for one item ("rule").
 */
export function describeIssues(
  raw: unknown,
  issues: readonly z.core.$ZodIssue[],
  collections: Readonly<Record<string, string>>,
): KnowledgeIssue[] {
  return issues.map((issue) => {
    let path: PropertyKey[] = [...issue.path];
    // zod reports unknown keys on their parent; naming the key is what helps the reader.
    if (issue.code === 'unrecognized_keys') path = [...path, issue.keys.join(', ')];
    const [top, index, ...rest] = path;
    if (typeof top === 'string' && top in collections && typeof index === 'number') {
      const item = (raw as Record<string, unknown>)[top];
      const entry = Array.isArray(item) ? (item[index] as unknown) : undefined;
      const id = entry !== null && typeof entry === 'object' ? (entry as Record<string, unknown>).id : undefined;
      const name = typeof id === 'string' && id !== '' ? id : `#${index + 1} (no id)`;
      return { id: `${collections[top]} ${name}`, field: rest.length > 0 ? formatPath(rest) : '(whole entry)', message: issue.message };
    }
    return { field: formatPath(path), message: issue.message };
  });
}

/** Validates `raw` against `schema`, throwing one KnowledgeFileError that lists every problem. */
export function parseKnowledge<S extends z.ZodType>(
  schema: S,
  raw: unknown,
  file: string,
  collections: Readonly<Record<string, string>>,
): z.output<S> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  throw new KnowledgeFileError(displayPath(file), describeIssues(raw, result.error.issues, collections));
}
