import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { UserProfile } from '../bot/state.js';
import { noteFact, turnFacts } from './turn-facts.js';

/**
 * What the funnel remembers about one conversation, inside that conversation's own state (so it
 * is saved with the turn, costs no extra write, and goes with the state on retention and
 * "forget me"). The events written from it carry none of it but question ids.
 */
export interface FunnelState {
  started?: true;
  consented?: true;
  screeningCompleted?: true;
  /** The question asked last and not yet followed by another question or the screening's end. */
  pendingQuestion?: string;
}

/** Turns what happens in a conversation into anonymous funnel facts, once per conversation where it must. */
export class ConversationFunnel {
  constructor(
    private readonly funnel: StatePropertyAccessor<FunnelState>,
    private readonly profile: StatePropertyAccessor<UserProfile>,
  ) {}

  /** The bot begins or continues the conversation (welcome, join event, first message). */
  async started(context: TurnContext): Promise<void> {
    const state = await this.funnel.get(context, {});
    if (state.started) return;
    state.started = true;
    noteFact(context, { kind: 'conversation.started' });
    await this.funnel.set(context, state);
  }

  /**
   * A question was put (or put again). Before the screening ends it becomes the pending
   * question and the one before is left; after it, asking and leaving cancel out, so only
   * conversations that never finished the screening count as dropping off.
   */
  async questionAsked(context: TurnContext, questionId: string): Promise<void> {
    const state = await this.funnel.get(context, {});
    noteFact(context, { kind: 'question.asked', questionId });
    if (state.screeningCompleted) {
      noteFact(context, { kind: 'question.left', questionId });
      return;
    }
    if (state.pendingQuestion) noteFact(context, { kind: 'question.left', questionId: state.pendingQuestion });
    state.pendingQuestion = questionId;
    await this.funnel.set(context, state);
  }

  /**
   * An answer to a question was read (or could not be). Once per question and turn: botbuilder
   * reads a message twice when the prompt is asked first whether it takes the message.
   */
  answerRead(context: TurnContext, questionId: string, readable: boolean): void {
    const read = turnFacts(context).some(
      (fact) => fact.questionId === questionId && (fact.kind === 'question.answered' || fact.kind === 'question.unreadable'),
    );
    if (!read) noteFact(context, { kind: readable ? 'question.answered' : 'question.unreadable', questionId });
  }

  /** Before the turn's state is saved: a decision made this turn ends the screening; consent is counted once. */
  async endTurn(context: TurnContext): Promise<void> {
    const state = await this.funnel.get(context, {});
    if (!state.started) return;
    let changed = false;
    if (!state.screeningCompleted && turnFacts(context).some((fact) => fact.kind === 'screening.completed')) {
      if (state.pendingQuestion) noteFact(context, { kind: 'question.left', questionId: state.pendingQuestion });
      delete state.pendingQuestion;
      state.screeningCompleted = true;
      changed = true;
    }
    if (!state.consented && (await this.profile.get(context, {})).consent?.given) {
      noteFact(context, { kind: 'consent.given' });
      state.consented = true;
      changed = true;
    }
    if (changed) await this.funnel.set(context, state);
  }
}
