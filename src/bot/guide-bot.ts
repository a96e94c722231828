import { TeamsActivityHandler, TurnContext, type InvokeResponse, type Storage } from 'botbuilder';
import { DialogSet, DialogTurnStatus, type Dialog } from 'botbuilder-dialogs';
import type { StateAccessors } from '../../dialogs/state-accessors.js';
import { FORGET_OTHER_CONVERSATIONS, FORGET_THIS_TURN as FORGOTTEN, KEEP_NO_TRANSCRIPT } from '../turn/flags.js';
import { releaseHeldReplies, replaceHeldReplies } from './reply-after-save.js';
import { saveStates } from './save-states.js';
import type { OptimisticConversationState, ProfileState } from './optimistic-state.js';
import { sendEventIfSupported } from '../../dialogs/renderers/channel-capabilities.js';
import type { DialogDeps } from '../../dialogs/dialog-deps.js';
import type { AssessmentRecorder } from './assessment-recorder.js';

/** The dialogs' dependencies, with the recorder the bot also audits and forgets through. */
export type BotDeps = DialogDeps & { recorder: AssessmentRecorder };
import { handleInterruptions } from '../../dialogs/interruptions.js';
import { describeChecklistSubmit } from '../../dialogs/checklist-submit.js';
import { ConversationFunnel, type FunnelState } from '../insights/conversation-funnel.js';
import { observePrompts } from '../insights/observe-prompts.js';
import { noteFact, turnFacts, withdrawFactsSince } from '../turn/insight-facts.js';
import { announcedRequestId, handoffResultActivity, withoutRequestId } from '../../dialogs/handoff-dialog.js';
import type { Logger } from '../logging/logger.js';
import { describeErrorForLog } from '../logging/describe-error.js';
import { QuestionTiming } from './question-timing.js';
import { unreadableAtArrival } from '../turn/question-facts.js';
import { UNREADABLE_STATE } from '../turn/state-properties.js';
import { readField } from '../safety/index.js';

/**
 * How many processed activity ids a conversation remembers. Channels redeliver within seconds
 * to minutes, a few activities back at most; the list is saved with every turn's state.
 */
const REMEMBERED_ACTIVITY_IDS = 50;
/** Conversations a person's profile lists for "forget me" (a widget keeps one per browser). */
const REMEMBERED_CONVERSATIONS = 50;

/**
 * Where botbuilder-dialogs keeps, for the rest of a turn, the memory scopes and path resolvers
 * it builds for the turn's first dialog context. Built afresh each turn they were about 4 % of a
 * turn's time; they hold no state of their own (DialogManager shares one set across turns in its
 * `stateConfiguration` the same way), so the bot builds them once and hands them to every turn.
 */
export const DIALOG_STATE_CONFIGURATION_KEY = 'DialogStateManagerConfiguration';

/** Web Chat hosts send this event when the widget opens, so the welcome comes first. */
const JOIN_EVENT_NAMES = new Set(['webchat/join', 'join']);

/**
 * The bot: routes every activity that starts or continues the conversation into the main
 * dialog, after the interruption check, and saves state once per turn. A Teams handler, so
 * Teams events work as they come.
 */
export class GuideBot extends TeamsActivityHandler {
  /** The clinic's insights: anonymous funnel facts from this bot's turns (src/insights/). */
  private readonly funnel: ConversationFunnel;
  /** Which question each message can answer (src/bot/question-timing.ts). */
  private readonly timing: QuestionTiming;
  /** The dialog memory configuration of the first turn, given to every later one. */
  private dialogStateConfiguration: unknown;

  constructor(
    private readonly conversationState: OptimisticConversationState,
    private readonly userState: ProfileState,
    private readonly dialog: Dialog,
    private readonly accessors: StateAccessors,
    private readonly deps: BotDeps,
    private readonly storage: Storage,
    private readonly handoffDialog?: Dialog,
    private readonly logger?: Logger,
  ) {
    super();
    // Health answers are the catalogue's fields (not the context a goal sets, such as home use).
    const healthFields = Object.values(deps.safety.rules.questions).flatMap((questions) => questions.map((question) => question.field));
    this.funnel = new ConversationFunnel({
      state: conversationState.createProperty<FunnelState>('insightsFunnel'),
      consented: async (context) => (await accessors.userProfile.get(context, {})).consent?.given === true,
      healthAnswersNoted: async (context) => {
        const answers = (await accessors.assessment.get(context))?.answers;
        return answers !== undefined && healthFields.some((field) => readField(answers, field) !== undefined);
      },
      clock: deps.clock,
    });
    observePrompts(dialog, this.funnel);
    this.timing = new QuestionTiming({
      pending: accessors.pendingQuestion,
      storage,
      storageKey: (context) => conversationState.getStorageKey(context),
      unreadableProperty: UNREADABLE_STATE,
    });

    this.onMessage(async (context, next) => {
      // In Teams chats the text starts with "<at>Skin Guide</at>": answers are read without it.
      // A card submit has no text (botbuilder would throw on it when it mentions the bot).
      if (typeof context.activity.text === 'string') TurnContext.removeRecipientMention(context.activity);
      // A checklist card's ticks are read as the names of what was ticked.
      describeChecklistSubmit(context.activity, this.deps);
      await this.runMainDialog(context, true);
      await next();
    });

    // Teams: installing the app in personal scope is the start of the conversation.
    this.onInstallationUpdateAdd(async (context, next) => {
      await this.runMainDialog(context, false);
      await next();
    });

    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient?.id;
      const someoneElseJoined = (context.activity.membersAdded ?? []).some((member) => member.id !== botId);
      if (someoneElseJoined) await this.runMainDialog(context, false);
      await next();
    });

    this.onEvent(async (context, next) => {
      if (JOIN_EVENT_NAMES.has(context.activity.name ?? '')) await this.runMainDialog(context, false);
      await next();
    });
  }

  /**
   * Called by the route or adapter as an activity arrives, before it waits for the turn before
   * it in its conversation: which question it can answer is decided by that moment.
   */
  noteArrival(context: TurnContext, tick?: number): void {
    this.timing.noteArrival(context, tick);
  }

  /**
   * Idempotent delivery: Bot Connector, Direct Line and Meta redeliver an activity they are
   * not sure arrived. An id this conversation already processed is answered with nothing new.
   * The id is saved in the same write as the turn's state, so it holds across restarts and
   * instances, and a turn that failed to save is processed again when redelivered.
   */
  override async run(context: TurnContext): Promise<void> {
    await this.timing.arrivalRead(context);
    const id = context.activity.id;
    if (id && context.activity.type !== 'invoke') {
      const processed = await this.accessors.processedActivityIds.get(context, []);
      if (processed.includes(id)) return;
      await this.accessors.processedActivityIds.set(context, [...processed, id].slice(-REMEMBERED_ACTIVITY_IDS));
    }
    await this.tellIfStateWasLost(context);
    await this.rememberConversation(context);
    await this.timing.startTurn(context);
    await super.run(context);
    await this.endTurn(context);
  }

  /**
   * Saves once at the end of every turn, then lets the held replies go; an error before this
   * point keeps the last saved step. Called from `run`, never as an `onDialog` handler:
   * botbuilder's invoke handling emits the dialog event from a `finally` without awaiting it, so
   * a save there outlived its turn and touched the revoked TurnContext (an unhandled rejection
   * that ended the process). The person's record first: if the dialog position then fails to
   * save, the step is simply asked again, which is harmless; the other order could skip it.
   */
  private async endTurn(context: TurnContext): Promise<void> {
    if (!context.turnState.get(FORGOTTEN)) {
      await this.timing.beforeSave(context);
      await this.funnel.endTurn(context);
      // One write where the store keeps the order (one disk flush). A failure (a conflict with
      // another instance included) fails the turn: ReplyAfterSave then drops this turn's
      // replies and says so.
      await saveStates(context, [this.userState, this.conversationState], this.storage);
      // Only a kept turn's decisions go into the audit trail.
      await this.deps.recorder.appendAudited(context);
      await this.deliverHandoffs(context);
      // A person who declined the terms: nothing they type is kept, not even in the transcript.
      if ((await this.accessors.userProfile.get(context))?.consent?.given === false) context.turnState.set(KEEP_NO_TRANSCRIPT, true);
    }
    await releaseHeldReplies(context);
    this.timing.afterRelease(context);
  }

  /**
   * The handoff outbox, after the turn's save and before its replies leave: the requests this
   * turn (or a turn cut short by a stop) saved are sent, retried with backoff, then what became
   * of them is saved, and only then said, in the place of the line that said they were on their
   * way. If that second save fails, the requests stay in the saved outbox (the next turn sends
   * them again, with the same id) and the person hears only that they are on their way, which is
   * still true. A request counts in the insights once delivered and kept so.
   */
  private async deliverHandoffs(context: TurnContext): Promise<void> {
    const outbox = this.deps.handoff?.outbox;
    if (!outbox) return;
    const deliveries = await outbox.deliverPending(context);
    if (deliveries.length === 0) return;
    const factsBefore = turnFacts(context).length;
    for (const delivery of deliveries) if (delivery.delivered) noteFact(context, { kind: 'handoff.requested' });
    await this.funnel.endTurn(context);
    try {
      await saveStates(context, [this.conversationState], this.storage);
    } catch (error) {
      withdrawFactsSince(context, factsBefore);
      this.logger?.warn({ event: 'handoff.outcome-not-saved', error: describeErrorForLog(error) }, 'handoff outcome not saved');
      replaceHeldReplies(context, (reply) => (announcedRequestId(reply) ? withoutRequestId(reply) : undefined));
      return;
    }
    for (const delivery of deliveries) {
      const result = handoffResultActivity(this.deps.strings, delivery);
      const replaced = replaceHeldReplies(context, (reply) => (announcedRequestId(reply) === delivery.request.id ? result : undefined));
      // A request an earlier turn saved (and a stop kept from being sent), or a bot that holds no replies: said now.
      if (replaced === 0) await context.sendActivity(result);
    }
  }

  /** The person's conversations, so that "forget me" in one of them erases them all. */
  private async rememberConversation(context: TurnContext): Promise<void> {
    const id = context.activity.conversation?.id;
    if (!id || !context.activity.from?.id) return;
    const profile = await this.accessors.userProfile.get(context, {});
    const known = profile.conversations ?? [];
    if (known.at(-1) === id) return;
    profile.conversations = [...known.filter((other) => other !== id), id].slice(-REMEMBERED_CONVERSATIONS);
    await this.accessors.userProfile.set(context, profile);
  }

  /**
   * A stored document the store could not read was moved aside: the person is told plainly
   * and starts again (the dialog state is gone with it); nobody else is affected.
   */
  private async tellIfStateWasLost(context: TurnContext): Promise<void> {
    const lostConversation = await this.accessors.conversationUnreadable.get(context);
    const lostProfile = await this.accessors.profileUnreadable.get(context);
    if (!lostConversation && !lostProfile && !unreadableAtArrival(context)) return;
    await this.accessors.conversationUnreadable.delete(context);
    await this.accessors.profileUnreadable.delete(context);
    await context.sendActivity(this.deps.strings('stateUnreadable'));
  }

  /**
   * An invoke no handler answers is botbuilder's 501 ("not implemented"). The bot answers
   * 400 with a reason instead: the request is one this bot does not take, not a server fault.
   */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    const response = await super.onInvokeActivity(context);
    if (response.status !== 501) return response;
    return { status: 400, body: { error: 'unsupported invoke', reason: 'this bot does not handle invoke activities of this name' } };
  }

  /**
   * Deletes this person's profile and this conversation's state and unlinks its audit
   * records; the turn then saves nothing, and the transcript recorder deletes the
   * conversation's transcript after the turn.
   */
  async forget(context: TurnContext): Promise<void> {
    context.turnState.set(FORGOTTEN, true);
    const current = context.activity.conversation.id;
    const profile = await this.accessors.userProfile.get(context, {});
    const others = (profile.conversations ?? []).filter((id) => id !== current);
    context.turnState.set(FORGET_OTHER_CONVERSATIONS, others);
    await this.conversationState.delete(context);
    await this.userState.delete(context);
    // The same keys ConversationState uses: channel/conversations/id/.
    await this.storage.delete(others.map((id) => `${context.activity.channelId}/conversations/${id}/`));
    for (const id of [current, ...others]) await this.deps.recorder.forget(id);
    // The website widget clears what the browser kept of the conversation.
    await sendEventIfSupported(context, { type: 'event', name: 'conversation.forgotten' });
  }

  /**
   * Continue the active dialog or begin the main one. Not botbuilder's `runDialog`: that one
   * also sends a "Bot State" trace holding the whole state, which would echo a person's
   * answers back in every `expectReplies` response.
   */
  private async runMainDialog(context: TurnContext, fromMessage: boolean): Promise<void> {
    await this.funnel.started(context);
    const dialogs = new DialogSet(this.accessors.dialogState).add(this.dialog);
    if (this.handoffDialog) dialogs.add(this.handoffDialog);
    if (this.dialogStateConfiguration) context.turnState.set(DIALOG_STATE_CONFIGURATION_KEY, this.dialogStateConfiguration);
    const dialogContext = await dialogs.createContext(context);
    this.dialogStateConfiguration ??= context.turnState.get(DIALOG_STATE_CONFIGURATION_KEY);
    if (fromMessage) {
      const interruption = await handleInterruptions(dialogContext, this.deps, { forget: (turn) => this.forget(turn) });
      if (interruption === 'handled') return;
    }
    const result = await dialogContext.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dialogContext.beginDialog(this.dialog.id);
  }
}
