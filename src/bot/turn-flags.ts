/** Set on a turn whose person asked to be forgotten: nothing of it may be written anywhere. */
export const FORGET_THIS_TURN = Symbol('forgetThisTurn');

/** Set on a "forget me" turn: the person's other conversations whose transcripts go too. */
export const FORGET_OTHER_CONVERSATIONS = Symbol('forgetOtherConversations');

/**
 * Set on a turn of a person who declined the terms: nothing they type is kept, so the turn
 * goes into no transcript (src/bot/transcript-recorder.ts).
 */
export const KEEP_NO_TRANSCRIPT = Symbol('keepNoTranscript');

/** Set on the turn in which the person declined: what the transcript holds of the conversation so far goes too. */
export const ERASE_TRANSCRIPT = Symbol('eraseTranscript');
