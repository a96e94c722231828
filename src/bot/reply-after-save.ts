import { ActivityTypes, type Activity, type Middleware, type ResourceResponse, type TurnContext } from 'botbuilder';
import type { Logger } from '../logging/logger.js';
import type { Strings } from '../strings/index.js';
import { describeErrorForLog } from '../logging/describe-error.js';
import { StateConflictError } from './optimistic-state.js';

/**
 * Transactional turns: nothing the bot says in a turn leaves before that turn's state is
 * saved. Replies are held while the bot runs (its last step saves the state) and sent only
 * after; when the turn fails, the held replies are dropped and the person hears the truth
 * instead ("I couldn't save that"), and the next turn starts where the last saved one ended.
 *
 * Registered before the transcript recorder, so a dropped reply is never written to the
 * transcript either: held activities reach the later send handlers only when they are sent.
 *
 * A typing indicator says nothing, so it is never held: it goes out at once, and the held
 * replies wait until it has gone, so the person sees "typing" before the answer, not after.
 */
export class ReplyAfterSave implements Middleware {
  constructor(
    private readonly strings: Strings,
    private readonly logger: Logger,
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const held: Partial<Activity>[] = [];
    const passing: Promise<unknown>[] = [];
    let holding = true;
    context.onSendActivities(async (_context, activities, send) => {
      if (!holding) return send();
      if (activities.length > 0 && activities.every((activity) => activity.type === ActivityTypes.Typing)) {
        const sent = send();
        passing.push(sent.catch(() => undefined));
        return sent;
      }
      held.push(...activities);
      return activities.map((): ResourceResponse => ({ id: '' }));
    });
    context.turnState.set(HELD_REPLIES, held);
    // What was let through goes first: the held replies, or the truth about a failed turn, follow it.
    const stopHolding = async () => {
      await Promise.all(passing);
      holding = false;
    };
    const release = async () => {
      await stopHolding();
      const replies = held.splice(0, held.length);
      if (replies.length > 0) await context.sendActivities(replies);
    };
    context.turnState.set(RELEASE_REPLIES, release);
    try {
      await next();
    } catch (error) {
      await stopHolding();
      held.length = 0;
      if (!(error instanceof StateConflictError)) throw error;
      // Another instance saved this conversation meanwhile: this turn's step is not kept.
      this.logger.warn(
        { event: 'turn.conflict', channelId: context.activity.channelId, error: describeErrorForLog(error) },
        'turn not kept',
      );
      await context.sendActivity(this.strings('turnConflict'));
      return;
    }
    // Normally released by the bot right after its save; whatever is still held goes now.
    await release();
  }
}

const RELEASE_REPLIES = Symbol('releaseRepliesAfterSave');
const HELD_REPLIES = Symbol('heldRepliesUntilSave');

/**
 * Puts `replace(reply)` in the place of each held reply it returns something for, before they
 * are released (a handoff's result takes the place of "on its way"). Returns how many it replaced.
 */
export function replaceHeldReplies(context: TurnContext, replace: (reply: Partial<Activity>) => Partial<Activity> | undefined): number {
  const held = context.turnState.get(HELD_REPLIES) as Partial<Activity>[] | undefined;
  let replaced = 0;
  held?.forEach((reply, index) => {
    const replacement = replace(reply);
    if (replacement === undefined) return;
    held[index] = replacement;
    replaced += 1;
  });
  return replaced;
}

/**
 * Called by the bot once the turn's state is saved: the held replies go out while the turn is
 * still inside the later middleware (the transcript recorder sees them), and anything said
 * after this point goes out at once.
 */
export async function releaseHeldReplies(context: TurnContext): Promise<void> {
  const release = context.turnState.get(RELEASE_REPLIES) as (() => Promise<void>) | undefined;
  await release?.();
}
