import type { Activity, Middleware, ResourceResponse, TurnContext } from 'botbuilder';
import type { Logger } from '../logging/logger.js';
import type { Strings } from '../strings/index.js';
import { describeErrorForLog } from '../server/adapter.js';
import { StateConflictError } from './optimistic-state.js';

/**
 * Transactional turns: nothing the bot says in a turn leaves before that turn's state is
 * saved. Replies are held while the bot runs (its last step saves the state) and sent only
 * after; when the turn fails, the held replies are dropped and the person hears the truth
 * instead ("I couldn't save that"), and the next turn starts where the last saved one ended.
 *
 * Registered before the transcript recorder, so a dropped reply is never written to the
 * transcript either: held activities reach the later send handlers only when they are sent.
 */
export class ReplyAfterSave implements Middleware {
  constructor(
    private readonly strings: Strings,
    private readonly logger: Logger,
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const held: Partial<Activity>[] = [];
    let holding = true;
    context.onSendActivities(async (_context, activities, send) => {
      if (!holding) return send();
      held.push(...activities);
      return activities.map((): ResourceResponse => ({ id: '' }));
    });
    try {
      await next();
    } catch (error) {
      holding = false;
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
    holding = false;
    if (held.length > 0) await context.sendActivities(held);
  }
}
