import type { Storage } from 'botbuilder';
import type { Server } from 'restify';
import type { Config } from './config/config.js';
import type { Logger } from './logging/logger.js';
import { createStorage } from './storage/index.js';
import { createAdapter } from './server/adapter.js';
import { createServer } from './server/create-server.js';
import { createBot } from './bot/create-bot.js';
import type { GuideBot } from './bot/guide-bot.js';
import { loadStrings } from './strings/index.js';
import { warmUpRecognizers } from './understanding/warm-up.js';

export interface App {
  server: Server;
  storage: Storage;
  bot: GuideBot;
  /** Listens on the port; resolves with the bound port (useful with port 0 in tests). */
  listen: () => Promise<number>;
  close: () => Promise<void>;
}

export interface AppOptions {
  logger: Logger;
  clock?: () => Date;
  /** Tests pass a store to share it between two app instances or to inspect it. */
  storage?: Storage;
}

/** Builds everything from config; nothing listens until `listen` is called. */
export function buildApp(config: Config, { logger, clock = () => new Date(), storage }: AppOptions): App {
  let ready = false;
  const strings = loadStrings('en');
  const store = storage ?? createStorage(config);
  const { bot } = createBot({ storage: store, strings, retentionDays: config.RETENTION_DAYS, clock });
  const adapter = createAdapter(config, logger, strings);
  const server = createServer({ adapter, bot, logger, maxBodyBytes: config.MAX_BODY_BYTES, isReady: () => ready });

  warmUpRecognizers();
  ready = true;

  return {
    server,
    storage: store,
    bot,
    listen: () =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.PORT, config.host, () => {
          const address = server.address();
          resolve(typeof address === 'object' && address ? address.port : config.PORT);
        });
      }),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        // Keep-alive connections would hold the close open; requests in flight have finished by now.
        server.server.closeIdleConnections();
      }),
  };
}
