import { ActivityTypes, TurnContext, type Activity, type ResourceResponse } from 'botbuilder';
import { SendOnlyAdapter } from '../bot/send-only-adapter.js';
import type { Logger } from '../logging/logger.js';
import { KeyedLock } from '../storage/keyed-lock.js';
import type { TurnTaker } from '../bot/turn-taker.js';
import type { ChoiceValue } from '../../dialogs/renderers/render-choices.js';
import { renderForWhatsApp } from './render.js';
import type { MessageTransport } from './transport.js';
import type { InboundTurn } from './inbound.js';

/** Free-form messages may only be sent within 24 hours of the person's last message. */
const SERVICE_WINDOW_MS = 24 * 60 * 60 * 1000;
/** People whose window is remembered at most: the oldest are forgotten first (their window has closed). */
const REMEMBERED_WINDOWS = 100_000;

/** Runs a turn when there is room for it (see `process`). */
export type TurnGate = (task: () => Promise<void>) => Promise<void>;

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
  private readonly inFlight = new Set<Promise<void>>();
  private readonly lastInbound = new Map<string, number>();
  private readonly clock: () => Date;

  constructor(private readonly options: WhatsAppAdapterOptions) {
    super();
    this.clock = options.clock ?? (() => new Date());
  }

  /**
   * Runs the bot for one inbound message, after the person's earlier ones. A message id Meta
   * retries is skipped by the bot itself (the ids it processed are saved with the
   * conversation's state), so that holds across restarts and instances too.
   *
   * `gate`, when given, is entered once it is this person's turn (so their order holds), and the
   * turn runs inside it: the webhook route passes one per webhook, so a webhook's messages are
   * worked through one at a time and other webhooks' (other people's) turns run beside them.
   */
  process(turn: InboundTurn, bot: TurnTaker, gate?: TurnGate): Promise<void> {
    const context = this.turnContext(turn);
    bot.noteArrival(context);
    const run = () => this.runTurn(context, bot);
    const running = this.inOrder.run(turn.waId, () => (gate ? gate(run) : run()));
    this.inFlight.add(running);
    const forget = () => this.inFlight.delete(running);
    running.then(forget, forget);
    return running;
  }

  /** Resolves once every turn taken so far has ended (tests, and settling before a check). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private async runTurn(context: TurnContext, bot: TurnTaker): Promise<void> {
    this.rememberWindow(context.activity.from.id);
    await this.runMiddleware(context, (turn) => bot.run(turn));
  }

  /** The turn of one inbound message: channel `whatsapp`, conversation and user the person's wa_id. */
  private turnContext(turn: InboundTurn): TurnContext {
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
      // A pressed button says which question it was for, as a card submit does on Web Chat.
      ...(turn.text !== undefined && turn.questionId !== undefined
        ? { value: { answer: turn.text, questionId: turn.questionId } satisfies ChoiceValue }
        : {}),
      ...(turn.unsupportedType ? { attachments: [{ contentType: `whatsapp/${turn.unsupportedType}` }] } : {}),
    };
    return new TurnContext(this, activity);
  }

  /** The map stays in last-message order, so closed windows are trimmed from its front. */
  private rememberWindow(waId: string): void {
    const now = this.clock().getTime();
    this.lastInbound.delete(waId);
    this.lastInbound.set(waId, now);
    for (const [id, at] of this.lastInbound) {
      if (now - at <= SERVICE_WINDOW_MS && this.lastInbound.size <= REMEMBERED_WINDOWS) break;
      this.lastInbound.delete(id);
    }
  }

  /** People whose 24-hour window is remembered (bounded: closed windows are forgotten). */
  get rememberedWindows(): number {
    return this.lastInbound.size;
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
