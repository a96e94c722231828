import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import type { Config } from '../config/config.js';
import type { Logger } from '../logging/logger.js';
import type { Strings } from '../strings/index.js';
import { keepEntityProperties } from './keep-entity-properties.js';

/** Error details safe to log: type and stack frames, never the message text a person typed. */
export function describeErrorForLog(error: unknown): { type: string; stack?: string } {
  if (!(error instanceof Error)) return { type: typeof error };
  const frames = error.stack?.split('\n').slice(1).join('\n');
  return { type: error.name, ...(frames ? { stack: frames } : {}) };
}

export function createAdapter(config: Config, logger: Logger, strings: Strings): CloudAdapter {
  keepEntityProperties();
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: config.MicrosoftAppId ?? '',
    MicrosoftAppPassword: config.MicrosoftAppPassword ?? '',
    MicrosoftAppType: config.MicrosoftAppType,
    MicrosoftAppTenantId: config.MicrosoftAppTenantId ?? '',
  });
  const adapter = new CloudAdapter(auth);

  // State is saved only at the end of a successful turn, so the person's progress up to their
  // previous answer survives; unlike the samples, conversation state is NOT deleted here.
  adapter.onTurnError = async (context: TurnContext, error: unknown) => {
    logger.error(
      { event: 'turn.error', channelId: context.activity.channelId, activityType: context.activity.type, error: describeErrorForLog(error) },
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
