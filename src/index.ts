// First: an unsupported Node stops here with one line, before any library is loaded.
import './config/require-node.js';
import { existsSync } from 'node:fs';
import { ConfigError, loadConfig } from './config/config.js';
import { createLogger } from './logging/logger.js';
import { buildApp } from './app.js';
import { describeErrorForLog } from './logging/describe-error.js';
import { lockDataDir } from './storage/data-dir-lock.js';
import { scheduleRetention } from './retention/retention.js';
import { checkDataDir, describeListenError } from './config/start-checks.js';

/** The address a person on this machine opens: "localhost" for loopback and every-interface binds. */
function chatPageUrl(host: string, port: number): string {
  const local = ['0.0.0.0', '::', '127.0.0.1', '::1', 'localhost'].includes(host);
  const shown = local ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return `http://${shown}:${port}/`;
}

/** Composition root: config, then everything else; a bad config stops here with one line. */
async function main(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const config = loadConfig(process.env);
  for (const warning of config.warnings) process.stderr.write(`${warning}\n`);
  await checkDataDir(config);
  const logger = createLogger(config.LOG_LEVEL);
  // The last resort, after the causes are fixed: a promise nobody awaited must not end the
  // process and every conversation with it. Its type and stack are logged, never its message,
  // which could quote what a person typed.
  process.on('unhandledRejection', (reason: unknown) => {
    logger.error({ event: 'process.unhandled-rejection', error: describeErrorForLog(reason) }, 'a promise failed unobserved');
  });
  // One process owns the folder: a second start on it stops here, naming DATA_DIR.
  const dataDirLock =
    config.STORAGE === 'lowdb'
      ? await lockDataDir(config.DATA_DIR, 'the second one', (error) => {
          logger.fatal({ event: 'data-dir.lock-lost', error: describeErrorForLog(error) }, 'DATA_DIR lock lost: stopping');
          process.exit(1);
        })
      : undefined;
  const app = await buildApp(config, { logger });
  const port = await app.listen().catch((error: unknown) => {
    throw describeListenError(error, config);
  });
  const stopRetention = scheduleRetention(() => app.sweepRetention());
  logger.info(
    { event: 'server.listening', host: config.host, port, storage: config.STORAGE, localMode: config.localMode },
    'bot is serving',
  );
  // Memory and handles at debug level, for an operator (and the soak benchmark) to see they stay flat.
  setInterval(() => {
    const memory = process.memoryUsage();
    logger.debug(
      { event: 'process.stats', rssMb: Math.round(memory.rss / 1048576), heapUsedMb: Math.round(memory.heapUsed / 1048576) },
      'stats',
    );
  }, 10_000).unref();
  // One plain line for the person who ran `npm start`, besides the JSON logs.
  process.stdout.write(`Chat page: ${chatPageUrl(config.host, port)}\n`);

  const shutdown = (signal: string) => {
    logger.info({ event: 'server.stopping', signal }, 'stopping');
    stopRetention();
    // Turns in flight finish and transcripts are flushed; the platform kills at about 10 s.
    setTimeout(() => process.exit(0), 9_500).unref();
    void app
      .close()
      .then(() => dataDirLock?.release())
      .then(() => process.exit(0));
  };
  // `on`, not `once`: a library's signal-exit handler re-raises a signal that no other listener
  // holds any more, which would kill the process in the middle of its graceful close.
  let stopping = false;
  const onSignal = (signal: string) => {
    if (stopping) return;
    stopping = true;
    shutdown(signal);
  };
  process.on('SIGINT', () => onSignal('SIGINT'));
  process.on('SIGTERM', () => onSignal('SIGTERM'));
}

main().catch((error: unknown) => {
  // A configuration mistake is the one line that names the variable; anything else says what failed.
  const line = error instanceof ConfigError ? error.message : `Start failed: ${error instanceof Error ? error.message : String(error)}`;
  process.stderr.write(`${line}\n`);
  process.exit(1);
});
