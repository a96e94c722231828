import type { StatePropertyAccessor, UserState, ConversationState } from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import type { AssessmentRecord } from '../../dialogs/assessment-record.js';
import { UNREADABLE_STATE } from '../storage/lowdb-storage.js';
import { PENDING_QUESTION_PROPERTY, type PendingQuestion } from './question-timing.js';
import type { PendingHandoff } from '../handoff/outbox.js';

/** What the bot remembers about a person across conversations. */
export interface UserProfile {
  consent?: { given: boolean; at: string };
  /** The person's conversations on this channel (latest last), so "forget me" erases every one. */
  conversations?: string[];
}

export interface StateAccessors {
  userProfile: StatePropertyAccessor<UserProfile>;
  dialogState: StatePropertyAccessor<DialogState>;
  assessment: StatePropertyAccessor<AssessmentRecord>;
  /** Ids of the latest activities this conversation has processed, saved with each turn's state. */
  processedActivityIds: StatePropertyAccessor<string[]>;
  /** The question the conversation waits on and its number: a message that arrived before it does not answer it. */
  pendingQuestion: StatePropertyAccessor<PendingQuestion | undefined>;
  /** Requests for the clinic's team the person agreed to pass on, sent after the turn's save (src/handoff/outbox.ts). */
  handoffOutbox: StatePropertyAccessor<PendingHandoff[] | undefined>;
  /** Set by the store in place of a document it could not read (and moved aside). */
  conversationUnreadable: StatePropertyAccessor<boolean>;
  profileUnreadable: StatePropertyAccessor<boolean>;
}

export function createStateAccessors(conversationState: ConversationState, userState: UserState): StateAccessors {
  return {
    userProfile: userState.createProperty<UserProfile>('userProfile'),
    dialogState: conversationState.createProperty<DialogState>('dialogState'),
    assessment: conversationState.createProperty<AssessmentRecord>('assessment'),
    processedActivityIds: conversationState.createProperty<string[]>('processedActivityIds'),
    pendingQuestion: conversationState.createProperty<PendingQuestion | undefined>(PENDING_QUESTION_PROPERTY),
    handoffOutbox: conversationState.createProperty<PendingHandoff[] | undefined>('handoffOutbox'),
    conversationUnreadable: conversationState.createProperty<boolean>(UNREADABLE_STATE),
    profileUnreadable: userState.createProperty<boolean>(UNREADABLE_STATE),
  };
}
