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

/** The clinic as configured (CLINIC_NAME, CLINIC_PHONE, CLINIC_EMAIL, EMERGENCY_NUMBER). */
export interface ClinicDetails {
  name?: string;
  phone?: string;
  email?: string;
  emergencyNumber?: string;
}

/**
 * Placeholders every string may use, filled from the clinic's details: {clinicName},
 * {clinicContact} (" (phone ... or e-mail ...)" or nothing) and {emergencyNumber} (the number,
 * or the language's "your local emergency number"). Replies name them; dialogs know none of them.
 */
function clinicPlaceholders(table: Record<string, string>, clinic: ClinicDetails): Record<string, string> {
  const fill = (key: string, values: Record<string, string>) =>
    (table[key] ?? '').replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
  const contactKey =
    clinic.phone && clinic.email
      ? 'clinicContact.phoneAndEmail'
      : clinic.phone
        ? 'clinicContact.phone'
        : clinic.email
          ? 'clinicContact.email'
          : undefined;
  return {
    clinicName: clinic.name ?? fill('clinicName.default', {}),
    clinicContact: contactKey ? fill(contactKey, { phone: clinic.phone ?? '', email: clinic.email ?? '' }) : '',
    emergencyNumber: clinic.emergencyNumber ?? fill('emergencyNumber.unknown', {}),
  };
}

export function loadStrings(language = 'en', dir = join(knowledgeDir, 'strings'), clinic: ClinicDetails = {}): Strings {
  const file = join(dir, `${language}.json`);
  const parsed = stringsSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new StringsError(`${file}: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
  }
  const table = parsed.data;
  const defaults = clinicPlaceholders(table, clinic);
  return (key, given = {}) => {
    const params = { ...defaults, ...given };
    const template = table[key];
    // A missing key is a programming error; the test suite renders every key the code uses.
    if (template === undefined) throw new StringsError(`${file}: no string "${key}"`);
    return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
  };
}
