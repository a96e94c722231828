import { pino, type Logger, type LevelWithSilent, type DestinationStream } from 'pino';

export type { Logger };

/**
 * Paths pino censors wherever they appear: message text, names and contact details must
 * never reach a log line, even when a whole activity or error object is logged by mistake.
 */
export const redactedPaths = [
  'text',
  'value',
  'activity.text',
  'activity.value',
  'activity.from.name',
  'activity.recipient.name',
  '*.text',
  '*.value',
  '*.name',
  'from',
  'phone',
  '*.phone',
  'wa_id',
  '*.wa_id',
  // restify logs whole request and response objects in some warnings: bodies hold message text.
  'req',
  'res',
];

export function createLogger(level: LevelWithSilent, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: undefined,
    redact: { paths: redactedPaths, censor: '[redacted]' },
    serializers: { err: pino.stdSerializers.err },
  };
  return destination ? pino(options, destination) : pino(options);
}
