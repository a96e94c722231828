import type { StatePropertyAccessor, UserState, ConversationState } from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import type { AssessmentRecord } from '../../dialogs/assessment-record.js';

/** What the bot remembers about a person across conversations. */
export interface UserProfile {
  consent?: { given: boolean; at: string };
}

export interface StateAccessors {
  userProfile: StatePropertyAccessor<UserProfile>;
  dialogState: StatePropertyAccessor<DialogState>;
  assessment: StatePropertyAccessor<AssessmentRecord>;
}

export function createStateAccessors(conversationState: ConversationState, userState: UserState): StateAccessors {
  return {
    userProfile: userState.createProperty<UserProfile>('userProfile'),
    dialogState: conversationState.createProperty<DialogState>('dialogState'),
    assessment: conversationState.createProperty<AssessmentRecord>('assessment'),
  };
}
