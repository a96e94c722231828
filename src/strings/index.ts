import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { knowledgeDir } from '../paths.js';

/**
 * Every sentence a person reads, by key. The text lives in knowledge/strings/<lang>.json so a
 * second language is a data file; a missing or empty key fails at load, not mid-conversation.
 */
const stringsSchema = z.record(z.string(), z.string().min(1));

export type Strings = (key: string, params?: Record<string, string | number>) => string;

export class StringsError extends Error {
  override name = 'StringsError';
}

export function loadStrings(language = 'en', dir = join(knowledgeDir, 'strings')): Strings {
  const file = join(dir, `${language}.json`);
  const parsed = stringsSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new StringsError(`${file}: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
  }
  const table = parsed.data;
  return (key, params = {}) => {
    const template = table[key];
    // A missing key is a programming error; the test suite renders every key the code uses.
    if (template === undefined) throw new StringsError(`${file}: no string "${key}"`);
    return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
  };
}
