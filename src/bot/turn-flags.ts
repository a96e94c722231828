/** Set on a turn whose person asked to be forgotten: nothing of it may be written anywhere. */
export const FORGET_THIS_TURN = Symbol('forgetThisTurn');

/** Set on a "forget me" turn: the person's other conversations whose transcripts go too. */
export const FORGET_OTHER_CONVERSATIONS = Symbol('forgetOtherConversations');
