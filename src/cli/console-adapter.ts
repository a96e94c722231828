import { randomUUID } from 'node:crypto';
import { ActivityTypes, TurnContext, type Activity, type ConversationReference, type ResourceResponse } from 'botbuilder';
import { SendOnlyAdapter } from '../bot/send-only-adapter.js';
import { cardAsText } from '../../dialogs/renderers/card-text.js';
import { withoutMarkdown } from '../../dialogs/renderers/plain-text.js';

/**
 * A channel for the terminal: lines in, replies printed. Buttons become numbered options and
 * a typed number picks one, so the same dialogs work without a chat window.
 */
export class ConsoleAdapter extends SendOnlyAdapter {
  protected readonly channelName = 'Terminal';
  private lastChoices: string[] = [];
  private sequence = 0;

  constructor(
    private readonly reference: ConversationReference,
    private readonly write: (line: string) => void,
  ) {
    super();
  }

  /** Runs one turn for a line the person typed. */
  async receiveText(text: string, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const picked = /^\d+$/.test(text.trim()) ? this.lastChoices[Number(text.trim()) - 1] : undefined;
    await this.receive({ type: ActivityTypes.Message, text: picked ?? text }, logic);
  }

  async receive(partial: Partial<Activity>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    this.sequence += 1;
    const activity = TurnContext.applyConversationReference(
      // Unique across runs: the conversation is the same after a restart and skips ids it processed.
      { ...partial, id: `console-${randomUUID()}`, timestamp: new Date(), locale: 'en-GB' },
      this.reference,
      true,
    ) as Activity;
    await this.runMiddleware(new TurnContext(this, activity), logic);
  }

  async sendActivities(_context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    for (const activity of activities) {
      if (activity.type === ActivityTypes.Message) this.printMessage(activity);
    }
    return activities.map(() => ({ id: `reply-${(this.sequence += 1)}` }));
  }

  private printMessage(activity: Partial<Activity>): void {
    if (activity.text) this.write(`bot> ${withoutMarkdown(activity.text)}`);
    // Cards (the consultation summary) as readable lines.
    for (const attachment of activity.attachments ?? []) {
      const text = cardAsText(attachment);
      if (text)
        this.write(
          text
            .split('\n')
            .map((line) => `     ${withoutMarkdown(line)}`)
            .join('\n'),
        );
    }
    const actions = activity.suggestedActions?.actions ?? [];
    this.lastChoices = actions.map((action) => String(action.value ?? action.title));
    // Questions rendered for text channels already carry their numbered options.
    const numberedInText = Boolean((activity.channelData as { question?: string } | undefined)?.question);
    if (actions.length > 0 && !numberedInText) this.write(actions.map((action, i) => `  [${i + 1}] ${action.title}`).join('\n'));
  }
}
