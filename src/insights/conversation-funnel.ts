import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import { dayBefore, utcDay, type InsightKind } from './events.js';
import { noteFact, turnFacts } from './turn-facts.js';

/**
 * The funnel's steps, in order (docs/contracts.md "The clinic's insights"): a visit, the person
 * had agreed to the terms, the health questions began (a health answer noted, or a decision),
 * a result was given, then the booking link was opened or a request for the team was sent (to the
 * clinic's handoff receiver, which accepted it: a request that could not be sent is none). A visit reaches a
 * step only in a turn in which it has reached every step before it, so each step's count is a
 * subset of the one before, in any range of days (all steps of a visit carry the visit's day).
 */
export const FUNNEL_STEPS = [
  'conversation.started',
  'consent.given',
  'funnel.screening-started',
  'funnel.screening-completed',
  'funnel.followed-up',
] as const satisfies readonly InsightKind[];

/**
 * What the funnel remembers about one conversation, inside that conversation's own state (so it
 * is saved with the turn, costs no extra write, and goes with the state on retention and
 * "forget me"). The events written from it carry none of it but question ids and a day.
 */
export interface FunnelState {
  /**
   * The visit under way: the UTC day it began and how many of FUNNEL_STEPS it has reached. A
   * visit lasts its first day and the next; a conversation that carries on later begins a new
   * one (so no event is written to a day the retention sweep may have rolled up).
   */
  visit?: { day: string; reached: number };
  /** A decision was made in this conversation: from then on nobody "drops off" at a question. */
  screeningCompleted?: true;
  /** The question asked last and not yet followed by another question or the screening's end. */
  pendingQuestion?: string;
  /** Written by versions before visits; removed when a visit begins. */
  started?: true;
  consented?: true;
}

/** What the funnel reads from the conversation beside its own state (the bot wires it). */
export interface FunnelSources {
  state: StatePropertyAccessor<FunnelState>;
  /** The person has agreed to the terms, in this conversation or an earlier one. */
  consented: (context: TurnContext) => Promise<boolean>;
  /** The conversation's assessment holds at least one health answer (asked, or taken from the person's words). */
  healthAnswersNoted: (context: TurnContext) => Promise<boolean>;
  clock: () => Date;
}

/** What follows a result up: the booking link opened, or a request for the team delivered (noted by the bot after the delivery). */
const FOLLOW_UPS = new Set<InsightKind>(['booking.opened', 'handoff.requested']);

/** Turns what happens in a conversation into anonymous funnel facts, once per visit where it must. */
export class ConversationFunnel {
  constructor(private readonly sources: FunnelSources) {}

  private isCurrent(visit: FunnelState['visit'], today: string): visit is NonNullable<FunnelState['visit']> {
    return visit !== undefined && visit.day >= dayBefore(today);
  }

  /** The bot begins or continues the conversation (welcome, join event, message): a visit begins unless one is under way. */
  async started(context: TurnContext): Promise<void> {
    const state = await this.sources.state.get(context, {});
    const today = utcDay(this.sources.clock());
    if (this.isCurrent(state.visit, today)) return;
    delete state.started;
    delete state.consented;
    state.visit = { day: today, reached: 1 };
    noteFact(context, { kind: FUNNEL_STEPS[0], day: today });
    await this.sources.state.set(context, state);
  }

  /**
   * A question was put (or put again). Before the screening ends it becomes the pending
   * question and the one before is left; after it, asking and leaving cancel out, so only
   * conversations that never finished the screening count as dropping off.
   */
  async questionAsked(context: TurnContext, questionId: string): Promise<void> {
    const state = await this.sources.state.get(context, {});
    noteFact(context, { kind: 'question.asked', questionId });
    if (state.screeningCompleted) {
      noteFact(context, { kind: 'question.left', questionId });
      return;
    }
    if (state.pendingQuestion) noteFact(context, { kind: 'question.left', questionId: state.pendingQuestion });
    state.pendingQuestion = questionId;
    await this.sources.state.set(context, state);
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

  /**
   * Before the turn's state is saved (and again before what became of a handoff request is
   * saved): a decision made this turn ends the drop-off watch, and the visit goes up the funnel
   * as far as this turn allows, one step after the other.
   */
  async endTurn(context: TurnContext): Promise<void> {
    const state = await this.sources.state.get(context, {});
    const decided = turnFacts(context).some((fact) => fact.kind === 'outcome');
    let changed = false;
    if (decided && !state.screeningCompleted) {
      if (state.pendingQuestion) noteFact(context, { kind: 'question.left', questionId: state.pendingQuestion });
      delete state.pendingQuestion;
      state.screeningCompleted = true;
      changed = true;
    }
    const visit = state.visit;
    if (this.isCurrent(visit, utcDay(this.sources.clock()))) {
      while (visit.reached < FUNNEL_STEPS.length && (await this.reaches(visit.reached, context, decided))) {
        noteFact(context, { kind: FUNNEL_STEPS[visit.reached]!, day: visit.day });
        visit.reached += 1;
        changed = true;
      }
    }
    if (changed) await this.sources.state.set(context, state);
  }

  /** Whether this turn lets the visit reach FUNNEL_STEPS[step], given it has reached every step before. */
  private async reaches(step: number, context: TurnContext, decided: boolean): Promise<boolean> {
    switch (FUNNEL_STEPS[step]) {
      case 'consent.given':
        return this.sources.consented(context);
      case 'funnel.screening-started':
        return decided || this.sources.healthAnswersNoted(context);
      case 'funnel.screening-completed':
        return decided;
      case 'funnel.followed-up':
        return turnFacts(context).some((fact) => FOLLOW_UPS.has(fact.kind));
      default:
        return false;
    }
  }
}
