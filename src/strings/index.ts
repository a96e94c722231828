import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { knowledgeDir } from '../paths.js';

/**
 * Every sentence a person reads, by key. The text lives in knowledge/strings/<lang>.json so a
 * second language is a data file; this schema makes a missing or empty key fail at load.
 */
const stringsSchema = z.object({
  welcome: z.string().min(1),
  consentNotice: z.string().min(1),
  consentQuestion: z.string().min(1),
  consentRetry: z.string().min(1),
  consentYes: z.string().min(1),
  consentNo: z.string().min(1),
  consentThanks: z.string().min(1),
  consentDeclined: z.string().min(1),
  welcomeBack: z.string().min(1),
  readyToStart: z.string().min(1),
  turnError: z.string().min(1),
});

export type StringKey = keyof z.infer<typeof stringsSchema>;
export type Strings = (key: StringKey, params?: Record<string, string | number>) => string;

export function loadStrings(language = 'en', dir = join(knowledgeDir, 'strings')): Strings {
  const file = join(dir, `${language}.json`);
  const parsed = stringsSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${file}: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
  }
  const table = parsed.data;
  return (key, params = {}) =>
    table[key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
