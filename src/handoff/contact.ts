import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { z } from 'zod';

/** How the clinic may reach the person: a phone number in E.164 form, or an e-mail address. */
export type Contact = { kind: 'phone'; value: string } | { kind: 'email'; value: string };

const email = z.email();

/**
 * A contact from what the person typed: an e-mail address, or a phone number that is valid
 * for its country (libphonenumber-js; a number without +country is read for the clinic's
 * country). Undefined when it is neither, so the dialog asks again with an example.
 */
export function readContact(text: string, defaultCountry?: CountryCode): Contact | undefined {
  const trimmed = text.trim();
  const mail = /[^\s<>]+@[^\s<>]+\.[^\s<>]+/.exec(trimmed)?.[0]?.replace(/[.,;:]+$/, '');
  if (mail && email.safeParse(mail).success) return { kind: 'email', value: mail.toLowerCase() };
  const candidate = /\+?[0-9][0-9 ().-]{5,24}[0-9]/.exec(trimmed)?.[0];
  if (!candidate) return undefined;
  const phone = parsePhoneNumberFromString(candidate, defaultCountry);
  return phone?.isValid() ? { kind: 'phone', value: phone.number } : undefined;
}

/** The contact as the person reads it back: a number in international form ("+44 20 7946 0000"), an address as it is. */
export function displayContact(contact: Contact): string {
  if (contact.kind === 'email') return contact.value;
  return parsePhoneNumberFromString(contact.value)?.formatInternational() ?? contact.value;
}

/**
 * The country of the clinic's own number (CLINIC_PHONE written with +country): a number the
 * person types without one is read for that country. Undefined when it cannot be told.
 */
export function clinicCountry(clinicPhone: string | undefined): CountryCode | undefined {
  if (!clinicPhone?.trim().startsWith('+')) return undefined;
  return parsePhoneNumberFromString(clinicPhone)?.country;
}

/** A WhatsApp sender id that is a phone number (digits, country code first), in E.164 form; not a BSUID. */
export function phoneFromWhatsAppId(waId: string): Contact | undefined {
  if (!/^[0-9]{6,15}$/.test(waId)) return undefined;
  const phone = parsePhoneNumberFromString(`+${waId}`);
  return phone?.isValid() ? { kind: 'phone', value: phone.number } : undefined;
}
