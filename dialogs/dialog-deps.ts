import type { Strings } from '../src/strings/index.js';
import type { StateAccessors } from '../src/bot/state.js';
import type { KnowledgeBase } from '../src/knowledge/index.js';
import type { RuleTable } from '../src/safety/index.js';
import type { Reader } from '../src/understanding/reader/index.js';
import type { AssessmentRecorder } from '../src/bot/assessment-recorder.js';
import type { CountryCode } from 'libphonenumber-js';
import type { HandoffOutbox } from '../src/handoff/outbox.js';

/** The clinical core the dialogs consult: loaded and validated once at start. */
export interface SafetyCore {
  rules: RuleTable;
  /** The clinical reader: every free-text message is read with it (SAFETY-SPEC v1.1). */
  reader: Reader;
}

/** With HANDOFF_WEBHOOK_URL: where a request for the team goes once the person agreed to pass it on. */
export interface HandoffDeps {
  outbox: HandoffOutbox;
  /** For numbers typed without +country: the clinic's own country. */
  defaultCountry?: CountryCode;
}

/** What every dialog may use; built once in the composition root. */
export interface DialogDeps {
  strings: Strings;
  accessors: StateAccessors;
  kb: KnowledgeBase;
  safety: SafetyCore;
  recorder: AssessmentRecorder;
  retentionDays: number;
  bookingUrl?: string;
  /** EMERGENCY_NUMBER: offered as a call button with the emergency instruction where the channel can dial. */
  emergencyNumber?: string;
  /** CLINIC_PHONE: offered with an urgent instruction (and after an emergency call) as the clinic's number. */
  clinicPhone?: string;
  /** HANDOFF_WEBHOOK_URL and its secret: without them no person is ever offered, only the clinic's contacts. */
  handoff?: HandoffDeps;
  /** Injected so dates in tests and decisions are deterministic. */
  clock: () => Date;
}
