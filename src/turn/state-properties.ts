/**
 * Names of state properties that code below the dialogs reads straight from the store document
 * (the store itself, the read at a message's arrival), so they are not the dialogs' to choose.
 */

/** The marker property a store puts in place of a document it could not read (and moved aside). */
export const UNREADABLE_STATE = 'storeUnreadable';

/** The conversation-state property that holds the pending question (read at arrival). */
export const PENDING_QUESTION_PROPERTY = 'pendingQuestion';
