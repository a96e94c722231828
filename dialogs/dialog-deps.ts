import type { Strings } from '../src/strings/index.js';
import type { StateAccessors } from './state-accessors.js';
import type { KnowledgeBase } from '../src/knowledge/index.js';
import type { SafetyCore } from '../src/core.js';
import type { TurnContext } from 'botbuilder';
import type { Decision, ScreeningAnswers } from '../src/safety/index.js';
import type { CountryCode } from 'libphonenumber-js';
import type { HandoffOutbox } from '../src/handoff/outbox.js';

/**
 * How the dialogs have a decision made: the engine decides and the decision is audited once the
 * turn is kept (the bot's AssessmentRecorder, src/bot/assessment-recorder.ts).
 */
export interface DecisionRecorder {
  decide(answers: ScreeningAnswers, context: TurnContext): Promise<Decision>;
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
  recorder: DecisionRecorder;
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
