import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import { ConfigError, loadConfig } from '../config/config.js';
import { createPersistence } from '../storage/index.js';
import { TranscriptRecorder } from '../bot/transcript-recorder.js';
import { ReplyAfterSave } from '../bot/reply-after-save.js';
import { createLogger } from '../logging/logger.js';
import { createBot } from '../bot/create-bot.js';
import { clinicDetails, handoffSettings } from '../config/clinic.js';
import { loadCore } from '../core.js';
import { randomBytes } from 'node:crypto';
import { warmUpRecognizers } from '../understanding/warm-up.js';
import { ConsoleAdapter } from './console-adapter.js';
import { lockDataDir } from '../storage/data-dir-lock.js';
import { checkDataDir } from '../config/start-checks.js';

/** `npm run chat`: the same bot and the same store as the server, in the terminal. */
async function main(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const config = loadConfig(process.env);
  // The server's folder while it runs is the server's: the chat says so and stops (or gets DATA_DIR of its own).
  if (config.STORAGE === 'lowdb') {
    await checkDataDir(config);
    await lockDataDir(config.DATA_DIR, '`npm run chat`', () => {
      process.stderr.write('DATA_DIR: the lock on the folder was lost; stopping.\n');
      process.exit(1);
    });
  }
  const { strings, kb, safety } = loadCore('en', clinicDetails(config));
  const persistence = await createPersistence(config);
  const handoff = handoffSettings(config);
  const { bot } = createBot({
    storage: persistence.storage,
    strings,
    kb,
    safety,
    audit: persistence.audit,
    auditSecret: config.AUDIT_SECRET ?? randomBytes(32).toString('hex'),
    retentionDays: config.RETENTION_DAYS,
    ...(config.BOOKING_URL ? { bookingUrl: config.BOOKING_URL } : {}),
    ...(handoff ? { handoff } : {}),
    ...(config.EMERGENCY_NUMBER ? { emergencyNumber: config.EMERGENCY_NUMBER } : {}),
    ...(config.CLINIC_PHONE ? { clinicPhone: config.CLINIC_PHONE } : {}),
    clock: () => new Date(),
  });
  warmUpRecognizers();

  const person = process.env['CHAT_USER_ID'] ?? 'terminal-user';
  const adapter = new ConsoleAdapter(
    {
      channelId: 'console',
      serviceUrl: 'console://local',
      conversation: { id: `terminal-${person}`, isGroup: false, conversationType: 'personal', name: 'terminal' },
      user: { id: person, name: 'You' },
      bot: { id: 'guide', name: 'Guide' },
    },
    (line) => process.stdout.write(`${line}\n`),
  );
  adapter.use(new ReplyAfterSave(strings, createLogger(config.LOG_LEVEL, undefined)));
  adapter.use(new TranscriptRecorder(persistence.transcripts, createLogger(config.LOG_LEVEL, undefined)));
  adapter.onTurnError = async (context) => {
    await context.sendActivity(strings('turnError'));
  };
  const logic = (context: Parameters<typeof bot.run>[0]) => bot.run(context);

  process.stdout.write('Type your messages; a number picks an option; Ctrl+D or "exit" quits.\n');
  await adapter.receiveText('hello', logic);
  const input = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  // A prompt shows whose turn it is; it is drawn again after every reply.
  input.setPrompt('you> ');
  input.prompt();
  for await (const line of input) {
    if (line.trim() === 'exit') break;
    if (line.trim() !== '') await adapter.receiveText(line, logic);
    input.prompt();
  }
  input.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : `Chat failed: ${String(error)}`}\n`);
  process.exit(1);
});
