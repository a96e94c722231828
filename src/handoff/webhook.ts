import { createHmac, randomUUID } from 'node:crypto';
import type { Contact } from './contact.js';

/** What the clinic's receiver gets (docs/contracts.md "Handoff to a person"): never any typed text. */
export interface HandoffRequest {
  type: 'handoff.requested';
  id: string;
  time: string;
  channel: string;
  contact: Contact;
  summary: {
    outcome: string;
    rules: string[];
    notes: string[];
    rulesVersion: string;
    reconsiderFrom?: string;
    concerns: string[];
  };
}

export function handoffRequest(channel: string, contact: Contact, summary: HandoffRequest['summary'], now: Date): HandoffRequest {
  return { type: 'handoff.requested', id: randomUUID(), time: now.toISOString(), channel, contact, summary };
}

/** `sha256=<hex HMAC-SHA256 of the raw body>`, as the receiver checks it. */
export function signature(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** Where a request for a person goes: HANDOFF_WEBHOOK_URL and its secret. */
export interface HandoffTarget {
  url: string;
  secret: string;
  /** Waits between tries (the first try is immediate): 0.5 s, 2 s, 5 s by default. */
  retryDelaysMs?: number[];
  /** One try's time limit. */
  timeoutMs?: number;
}

/** How a delivery ended: delivered or not, after how many tries, and the receiver's last status (none: no answer). */
export interface DeliveryResult {
  delivered: boolean;
  attempts: number;
  lastStatus?: number;
}

/**
 * POSTs the request, signed, and retries 5xx, 429 and network errors with backoff; a 4xx other
 * than 429 is final (the receiver refused it). Every try carries the same body, so the same
 * `id`: a receiver that got it twice (its answer lost) sees one request. Never throws: the
 * person is then told the truth either way.
 */
export async function deliverHandoff(request: HandoffRequest, options: HandoffTarget): Promise<DeliveryResult> {
  const body = JSON.stringify(request);
  const delays = options.retryDelaysMs ?? [500, 2_000, 5_000];
  let lastStatus: number | undefined;
  for (let attempt = 0; attempt <= delays.length; attempt++) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, delays[attempt - 1]));
    const tries = attempt + 1;
    try {
      const response = await fetch(options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-signature-256': signature(body, options.secret) },
        body,
        signal: AbortSignal.timeout(options.timeoutMs ?? 5_000),
      });
      await response.arrayBuffer().catch(() => undefined);
      lastStatus = response.status;
      if (response.ok) return { delivered: true, attempts: tries, lastStatus };
      if (response.status !== 429 && response.status < 500) return { delivered: false, attempts: tries, lastStatus };
    } catch {
      // network error or timeout: try again
      lastStatus = undefined;
    }
  }
  return { delivered: false, attempts: delays.length + 1, ...(lastStatus !== undefined ? { lastStatus } : {}) };
}
