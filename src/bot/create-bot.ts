import { ConversationState, UserState, type Storage } from 'botbuilder';
import { GuideBot } from './guide-bot.js';
import { createStateAccessors, type StateAccessors } from './state.js';
import type { Strings } from '../strings/index.js';
import { MainDialog } from '../../dialogs/main-dialog.js';

export interface BotParts {
  bot: GuideBot;
  conversationState: ConversationState;
  userState: UserState;
  accessors: StateAccessors;
}

export interface BotOptions {
  storage: Storage;
  strings: Strings;
  retentionDays: number;
  clock: () => Date;
}

/** The bot with its state and dialogs; shared by the server, the terminal chat and the tests. */
export function createBot({ storage, strings, retentionDays, clock }: BotOptions): BotParts {
  const conversationState = new ConversationState(storage);
  const userState = new UserState(storage);
  const accessors = createStateAccessors(conversationState, userState);
  const dialog = new MainDialog({ strings, accessors, retentionDays, clock });
  const bot = new GuideBot(conversationState, userState, dialog, accessors);
  return { bot, conversationState, userState, accessors };
}
