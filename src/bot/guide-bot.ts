import { TeamsActivityHandler, type ConversationState, type TurnContext, type UserState } from 'botbuilder';
import { DialogSet, DialogTurnStatus, type Dialog } from 'botbuilder-dialogs';
import type { StateAccessors } from './state.js';

/** Web Chat hosts send this event when the widget opens, so the welcome comes first. */
const JOIN_EVENT_NAMES = new Set(['webchat/join', 'join']);

/**
 * The bot: routes every activity that starts or continues the conversation into the main
 * dialog and saves state once per turn. A Teams handler, so Teams events work as they come.
 */
export class GuideBot extends TeamsActivityHandler {
  constructor(
    private readonly conversationState: ConversationState,
    private readonly userState: UserState,
    private readonly dialog: Dialog,
    private readonly accessors: StateAccessors,
  ) {
    super();

    this.onMessage(async (context, next) => {
      await this.runMainDialog(context);
      await next();
    });

    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient?.id;
      const someoneElseJoined = (context.activity.membersAdded ?? []).some((member) => member.id !== botId);
      if (someoneElseJoined) await this.runMainDialog(context);
      await next();
    });

    this.onEvent(async (context, next) => {
      if (JOIN_EVENT_NAMES.has(context.activity.name ?? '')) await this.runMainDialog(context);
      await next();
    });

    // Save once at the end of every turn; an error before this point keeps the last saved step.
    // The person's record first: if the dialog position then fails to save, the step is simply
    // asked again and its answer recorded again, which is harmless; the other order could skip it.
    this.onDialog(async (context, next) => {
      await this.userState.saveChanges(context, false);
      await this.conversationState.saveChanges(context, false);
      await next();
    });
  }

  /**
   * Continue the active dialog or begin the main one. Not botbuilder's `runDialog`: that one
   * also sends a "Bot State" trace holding the whole state, which would echo a person's
   * answers back in every `expectReplies` response.
   */
  private async runMainDialog(context: TurnContext): Promise<void> {
    const dialogs = new DialogSet(this.accessors.dialogState).add(this.dialog);
    const dialogContext = await dialogs.createContext(context);
    const result = await dialogContext.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dialogContext.beginDialog(this.dialog.id);
  }
}
