import type { CountryCode } from 'libphonenumber-js';
import type { ClinicDetails } from '../strings/index.js';
import type { HandoffTarget } from '../handoff/webhook.js';
import { clinicCountry } from '../handoff/contact.js';
import type { Config } from './config.js';

/** The clinic's details from configuration, as replies, the page and the Teams manifest show them. */
export function clinicDetails(config: Pick<Config, 'CLINIC_NAME' | 'CLINIC_PHONE' | 'CLINIC_EMAIL' | 'EMERGENCY_NUMBER'>): ClinicDetails {
  return {
    name: config.CLINIC_NAME,
    ...(config.CLINIC_PHONE ? { phone: config.CLINIC_PHONE } : {}),
    ...(config.CLINIC_EMAIL ? { email: config.CLINIC_EMAIL } : {}),
    ...(config.EMERGENCY_NUMBER ? { emergencyNumber: config.EMERGENCY_NUMBER } : {}),
  };
}

/**
 * Where a request for the clinic's team goes (HANDOFF_WEBHOOK_URL and its secret), with the
 * clinic's country for numbers typed without +country; undefined without a webhook, and the bot
 * then offers the clinic's contacts, never a person.
 */
export function handoffSettings(
  config: Pick<Config, 'HANDOFF_WEBHOOK_URL' | 'HANDOFF_WEBHOOK_SECRET' | 'CLINIC_PHONE'>,
  retryDelaysMs?: number[],
): (HandoffTarget & { defaultCountry?: CountryCode }) | undefined {
  if (!config.HANDOFF_WEBHOOK_URL || !config.HANDOFF_WEBHOOK_SECRET) return undefined;
  const defaultCountry = clinicCountry(config.CLINIC_PHONE);
  return {
    url: config.HANDOFF_WEBHOOK_URL,
    secret: config.HANDOFF_WEBHOOK_SECRET,
    ...(retryDelaysMs ? { retryDelaysMs } : {}),
    ...(defaultCountry ? { defaultCountry } : {}),
  };
}
