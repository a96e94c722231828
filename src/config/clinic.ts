import type { ClinicDetails } from '../strings/index.js';
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
