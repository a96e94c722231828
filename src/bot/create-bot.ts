import type { CountryCode } from 'libphonenumber-js';
import { HandoffDialog } from '../../dialogs/handoff-dialog.js';
import { HandoffOutbox } from '../handoff/outbox.js';
import type { HandoffTarget } from '../handoff/webhook.js';
import type { ConversationState, Storage, UserState } from 'botbuilder';
import { OptimisticConversationState, ProfileState } from './optimistic-state.js';
import { GuideBot } from './guide-bot.js';
import { createStateAccessors, type StateAccessors } from './state.js';
import { AssessmentRecorder } from './assessment-recorder.js';
import type { Strings } from '../strings/index.js';
import type { KnowledgeBase } from '../knowledge/index.js';
import type { AuditSink } from '../safety/index.js';
import type { DialogDeps, SafetyCore } from '../../dialogs/dialog-deps.js';
import { MainDialog } from '../../dialogs/main-dialog.js';
import { noteDecision } from '../insights/turn-facts.js';
import type { Logger } from '../logging/logger.js';

export interface BotParts {
  bot: GuideBot;
  conversationState: ConversationState;
  userState: UserState;
  accessors: StateAccessors;
  deps: DialogDeps;
}

export interface BotOptions {
  storage: Storage;
  strings: Strings;
  kb: KnowledgeBase;
  safety: SafetyCore;
  audit: AuditSink;
  auditSecret: string;
  retentionDays: number;
  bookingUrl?: string;
  /** HANDOFF_WEBHOOK_URL and its secret; without them the bot offers the clinic's contacts, never a person. */
  handoff?: HandoffTarget & { defaultCountry?: CountryCode };
  emergencyNumber?: string;
  clinicPhone?: string;
  clock: () => Date;
  /** For what the bot reports to the operator (an audit record that could not be appended). */
  logger?: Logger;
}

/** The bot with its state and dialogs; shared by the server, the terminal chat and the tests. */
export function createBot(options: BotOptions): BotParts {
  const conversationState = new OptimisticConversationState(options.storage);
  const userState = new ProfileState(options.storage);
  const accessors = createStateAccessors(conversationState, userState);
  const handoff = options.handoff
    ? {
        outbox: new HandoffOutbox({
          target: options.handoff,
          pending: accessors.handoffOutbox,
          ...(options.logger ? { logger: options.logger } : {}),
        }),
        ...(options.handoff.defaultCountry ? { defaultCountry: options.handoff.defaultCountry } : {}),
      }
    : undefined;
  const deps: DialogDeps = {
    strings: options.strings,
    accessors,
    kb: options.kb,
    safety: options.safety,
    recorder: new AssessmentRecorder(
      options.safety.rules,
      options.audit,
      options.auditSecret,
      options.clock,
      options.retentionDays,
      noteDecision,
      options.logger,
    ),
    retentionDays: options.retentionDays,
    ...(options.bookingUrl ? { bookingUrl: options.bookingUrl } : {}),
    ...(handoff ? { handoff } : {}),
    ...(options.emergencyNumber ? { emergencyNumber: options.emergencyNumber } : {}),
    ...(options.clinicPhone ? { clinicPhone: options.clinicPhone } : {}),
    clock: options.clock,
  };
  const dialog = new MainDialog(deps);
  // A request for a person can start from any question, so the handoff dialog sits beside the main one.
  const handoffDialog = handoff ? new HandoffDialog(deps) : undefined;
  const bot = new GuideBot(conversationState, userState, dialog, accessors, deps, options.storage, handoffDialog, options.logger);
  return { bot, conversationState, userState, accessors, deps };
}
