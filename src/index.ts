import { existsSync } from 'node:fs';
import { ConfigError, loadConfig } from './config/config.js';
import { createLogger } from './logging/logger.js';
import { buildApp } from './app.js';
import { scheduleRetention } from './retention/retention.js';

/** Composition root: config, then everything else; a bad config stops here with one line. */
async function main(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.LOG_LEVEL);
  const app = await buildApp(config, { logger });
  const port = await app.listen();
  const stopRetention = scheduleRetention(() => app.sweepRetention());
  logger.info({ event: 'server.listening', host: config.host, port, storage: config.STORAGE, localMode: config.localMode }, 'bot is serving');

  const shutdown = (signal: string) => {
    logger.info({ event: 'server.stopping', signal }, 'stopping');
    stopRetention();
    void app.close().then(() => process.exit(0));
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`Start failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
