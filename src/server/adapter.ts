import { CloudAdapter, type Activity, type InvokeResponse, type TurnContext } from 'botbuilder';
import type { Config } from '../config/config.js';
import type { Logger } from '../logging/logger.js';
import type { Strings } from '../strings/index.js';
import { keepEntityProperties } from './keep-entity-properties.js';
import { ReusingBotFrameworkAuthentication } from './reused-clients.js';
import { describeErrorForLog } from '../logging/describe-error.js';

/**
 * CloudAdapter with its activity entry point public: `process` prints a failed authentication's
 * stack to stderr itself, so the /api/messages route calls this and answers 401 on its own.
 */
export class GuideCloudAdapter extends CloudAdapter {
  runActivity(
    authorization: string,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(authorization, activity, logic);
  }
}

export function createAdapter(config: Config, logger: Logger, strings: Strings): GuideCloudAdapter {
  keepEntityProperties();
  const auth = new ReusingBotFrameworkAuthentication({
    MicrosoftAppId: config.MicrosoftAppId ?? '',
    MicrosoftAppPassword: config.MicrosoftAppPassword ?? '',
    // Local mode has no registration: botbuilder refuses SingleTenant without an App ID.
    MicrosoftAppType: config.localMode ? 'MultiTenant' : config.MicrosoftAppType,
    MicrosoftAppTenantId: config.MicrosoftAppTenantId ?? '',
  });
  const adapter = new GuideCloudAdapter(auth);

  // State is saved only at the end of a successful turn, so the person's progress up to their
  // previous answer survives; unlike the samples, conversation state is NOT deleted here.
  adapter.onTurnError = async (context: TurnContext, error: unknown) => {
    logger.error(
      {
        event: 'turn.error',
        channelId: context.activity.channelId,
        activityType: context.activity.type,
        error: describeErrorForLog(error),
      },
      'turn failed',
    );
    try {
      await context.sendActivity(strings('turnError'));
    } catch (sendError) {
      logger.error({ event: 'turn.error.reply-failed', error: describeErrorForLog(sendError) }, 'could not tell the person');
    }
  };
  return adapter;
}
