/** Set on a turn whose person asked to be forgotten: nothing of it may be written anywhere. */
export const FORGET_THIS_TURN = Symbol('forgetThisTurn');
