import { BSUID } from './inbound.js';
import type { Logger } from '../logging/logger.js';
import type { OutboundPayload } from './render.js';

/**
 * How a message reaches a person. The adapter knows only this, so another connector (Twilio,
 * Azure Communication Services) is a second implementation, not a change to the dialogs.
 */
export interface MessageTransport {
  /** Resolves with the provider's message id, or undefined when the message was not sent. */
  send(to: string, payload: OutboundPayload): Promise<string | undefined>;
}

export interface GraphTransportOptions {
  graphApiBase: string;
  phoneNumberId: string;
  accessToken: string;
  logger: Logger;
  /** Delays between tries, in ms; its length is the number of retries. */
  retryDelaysMs?: number[];
}

/** Graph error codes worth another try: throttling and pair rate limit. */
const RETRYABLE_CODES = new Set([130429, 131056]);
/** Re-engagement required: outside the 24-hour window; retrying cannot help. */
const OUTSIDE_WINDOW_CODE = 131047;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The Meta Graph API `/{phone-number-id}/messages`, with bounded retries. Never throws. */
export class GraphTransport implements MessageTransport {
  private readonly delays: number[];

  constructor(private readonly options: GraphTransportOptions) {
    this.delays = options.retryDelaysMs ?? [500, 2_000, 8_000];
  }

  async send(to: string, payload: OutboundPayload): Promise<string | undefined> {
    const { graphApiBase, phoneNumberId, accessToken, logger } = this.options;
    const url = `${graphApiBase.replace(/\/+$/, '')}/${encodeURIComponent(phoneNumberId)}/messages`;
    // A person known only by their BSUID is addressed with `recipient`; a phone number with `to`.
    const address = BSUID.test(to) ? { recipient: to } : { to };
    const body = JSON.stringify({ messaging_product: 'whatsapp', recipient_type: 'individual', ...address, ...payload });
    for (let attempt = 0; ; attempt++) {
      let status = 0;
      let code: number | undefined;
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
          body,
          signal: AbortSignal.timeout(15_000),
        });
        status = response.status;
        const json = (await response.json().catch(() => undefined)) as
          { messages?: Array<{ id: string }>; error?: { code?: number } } | undefined;
        if (response.ok) return json?.messages?.[0]?.id ?? '';
        code = json?.error?.code;
      } catch {
        status = 0; // network error or timeout: worth a retry
      }
      if (code === OUTSIDE_WINDOW_CODE) {
        logger.warn({ event: 'whatsapp.send.outside-window', code }, 'message not sent: outside the 24-hour window');
        return undefined;
      }
      const retryable = status === 0 || status >= 500 || (code !== undefined && RETRYABLE_CODES.has(code));
      const delay = this.delays[attempt];
      if (!retryable || delay === undefined) {
        logger.error({ event: 'whatsapp.send.failed', status, code, attempts: attempt + 1 }, 'message not sent');
        return undefined;
      }
      logger.warn({ event: 'whatsapp.send.retry', status, code, attempt: attempt + 1 }, 'retrying a message');
      await sleep(delay);
    }
  }
}
