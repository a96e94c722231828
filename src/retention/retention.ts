import type { Logger } from '../logging/logger.js';

/** One kind of stored data that must not outlive RETENTION_DAYS. */
export interface RetentionTarget {
  name: string;
  /** Removes (or unlinks) what is older than `cutoff`; returns how many items it touched. */
  sweep(cutoff: Date): Promise<number>;
}

const DAY_MS = 86_400_000;

export function retentionCutoff(now: Date, retentionDays: number): Date {
  return new Date(now.getTime() - retentionDays * DAY_MS);
}

/** Runs every target; one failing target is logged and does not stop the others. */
export async function sweepRetention(
  targets: RetentionTarget[],
  now: Date,
  retentionDays: number,
  logger: Logger,
): Promise<Record<string, number>> {
  const cutoff = retentionCutoff(now, retentionDays);
  const counts: Record<string, number> = {};
  for (const target of targets) {
    try {
      counts[target.name] = await target.sweep(cutoff);
    } catch (error) {
      logger.error({ event: 'retention.error', target: target.name, type: (error as Error)?.name }, 'retention sweep failed');
    }
  }
  logger.info({ event: 'retention.swept', cutoff: cutoff.toISOString(), counts }, 'retention sweep done');
  return counts;
}

/** A start is busy enough (and may be one of several instances restarting): sweep a while later. */
const FIRST_SWEEP_DELAY_MS = 10 * 60_000;

/** Sweeps ten minutes after start, then once a day; the timers do not keep the process alive. */
export function scheduleRetention(run: () => Promise<unknown>, firstDelayMs = FIRST_SWEEP_DELAY_MS): () => void {
  let daily: NodeJS.Timeout | undefined;
  const first = setTimeout(() => {
    void run();
    daily = setInterval(() => void run(), DAY_MS);
    daily.unref();
  }, firstDelayMs);
  first.unref();
  return () => {
    clearTimeout(first);
    if (daily) clearInterval(daily);
  };
}
