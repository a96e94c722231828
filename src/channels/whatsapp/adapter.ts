import { ActivityTypes, TurnContext, type Activity, type ResourceResponse } from 'botbuilder';
import { SendOnlyAdapter } from '../send-only-adapter.js';
import type { Logger } from '../../logging/logger.js';
import { KeyedLock } from '../../storage/keyed-lock.js';
import { renderForWhatsApp } from './render.js';
import type { MessageTransport } from './transport.js';
import type { InboundTurn } from './inbound.js';

/** Free-form messages may only be sent within 24 hours of the person's last message. */
const SERVICE_WINDOW_MS = 24 * 60 * 60 * 1000;
/** Meta retries a webhook it thinks failed; the ids seen recently are remembered to skip them. */
const REMEMBERED_MESSAGE_IDS = 20_000;

export interface WhatsAppAdapterOptions {
  transport: MessageTransport;
  phoneNumberId: string;
  logger: Logger;
  clock?: () => Date;
}

/**
 * A Bot Framework adapter for the WhatsApp Cloud API: each inbound message becomes an activity
 * (channel `whatsapp`, conversation and user = the person's wa_id); replies are rendered for
 * WhatsApp and sent through the transport. One person's turns run one at a time, in order.
 */
export class WhatsAppAdapter extends SendOnlyAdapter {
  protected readonly channelName = 'WhatsApp';
  private readonly inOrder = new KeyedLock();
  private readonly seen = new Set<string>();
  private readonly lastInbound = new Map<string, number>();
  private readonly clock: () => Date;

  constructor(private readonly options: WhatsAppAdapterOptions) {
    super();
    this.clock = options.clock ?? (() => new Date());
  }

  /** False for a message id already taken (a retried webhook). */
  accept(turn: InboundTurn): boolean {
    if (this.seen.has(turn.messageId)) return false;
    this.seen.add(turn.messageId);
    if (this.seen.size > REMEMBERED_MESSAGE_IDS) this.seen.delete(this.seen.values().next().value as string);
    return true;
  }

  /** Runs the bot for one inbound message, after the person's earlier ones. */
  process(turn: InboundTurn, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    return this.inOrder.run(turn.waId, async () => {
      this.lastInbound.delete(turn.waId);
      this.lastInbound.set(turn.waId, this.clock().getTime());
      const activity: Partial<Activity> = {
        type: ActivityTypes.Message,
        id: turn.messageId,
        channelId: 'whatsapp',
        serviceUrl: 'https://graph.facebook.com',
        timestamp: this.clock(),
        from: { id: turn.waId, name: '' },
        recipient: { id: this.options.phoneNumberId, name: '' },
        conversation: { id: turn.waId, isGroup: false, conversationType: 'personal', name: '' },
        ...(turn.text !== undefined ? { text: turn.text } : {}),
        ...(turn.unsupportedType ? { attachments: [{ contentType: `whatsapp/${turn.unsupportedType}` }] } : {}),
      };
      await this.runMiddleware(new TurnContext(this, activity), logic);
    });
  }

  async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const to = context.activity.from?.id ?? '';
    const responses: ResourceResponse[] = [];
    for (const activity of activities) {
      const payloads = renderForWhatsApp(activity);
      if (payloads.length === 0) {
        responses.push({ id: '' });
        continue;
      }
      const last = this.lastInbound.get(to);
      if (last === undefined || this.clock().getTime() - last > SERVICE_WINDOW_MS) {
        this.options.logger.warn({ event: 'whatsapp.window.closed' }, 'message not sent: outside the 24-hour window');
        responses.push({ id: '' });
        continue;
      }
      let id = '';
      for (const payload of payloads) id = (await this.options.transport.send(to, payload)) ?? id;
      responses.push({ id });
    }
    return responses;
  }
}
