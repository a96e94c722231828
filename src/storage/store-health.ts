import type { Storage } from 'botbuilder';
import type { Logger } from '../logging/logger.js';
import { randomUUID } from 'node:crypto';

/** How often the store is probed; /healthz answers from the last probe, never waiting for one. */
export const STORE_PROBE_INTERVAL_MS = 10_000;

/**
 * Honest health: a small document is written, read back and deleted every 10 s in the
 * background. While that fails, /healthz says 503 "storage" (a load balancer then sends
 * people elsewhere); it says 200 again by itself once a probe succeeds.
 */
export class StoreHealth {
  private healthy = true;
  private timer: NodeJS.Timeout | undefined;
  private readonly probeKey = `healthz/probe-${randomUUID()}`;

  constructor(
    private readonly storage: Storage,
    private readonly logger: Logger,
    private readonly intervalMs = STORE_PROBE_INTERVAL_MS,
  ) {}

  get ok(): boolean {
    return this.healthy;
  }

  /** One probe now, then every interval until stopped. */
  async start(): Promise<void> {
    await this.probe();
    this.timer = setInterval(() => void this.probe(), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async probe(): Promise<boolean> {
    let ok: boolean;
    try {
      const value = randomUUID();
      await this.storage.write({ [this.probeKey]: { value, eTag: '*' } });
      const read = await this.storage.read([this.probeKey]);
      ok = (read[this.probeKey] as { value?: string } | undefined)?.value === value;
      await this.storage.delete([this.probeKey]);
    } catch {
      ok = false;
    }
    if (ok !== this.healthy) {
      if (ok) this.logger.info({ event: 'store.recovered' }, 'store readable and writable again');
      else this.logger.error({ event: 'store.unhealthy' }, 'store cannot be read and written');
    }
    this.healthy = ok;
    return ok;
  }
}
