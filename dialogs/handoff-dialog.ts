import { ComponentDialog, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { Activity } from 'botbuilder';
import { capabilitiesOf } from '../src/channels/capabilities.js';
import { displayContact, phoneFromWhatsAppId, readContact, type Contact } from '../src/handoff/contact.js';
import { handoffRequest, type HandoffRequest } from '../src/handoff/webhook.js';
import type { HandoffDelivery } from '../src/handoff/outbox.js';
import type { Strings } from '../src/strings/index.js';
import { readYesNo } from '../src/understanding/reader/index.js';
import { AnswerPrompt, type Answered } from './prompts/answer-prompt.js';
import { askQuestion } from './prompts/ask.js';
import type { DialogDeps, HandoffDeps } from './dialog-deps.js';

const KNOWN_PHONE = 'handoffKnownPhone';
const CONTACT = 'handoffContact';
const CONSENT = 'handoffConsent';
const FLOW = 'handoffFlow';

/** How the dialog begins: after the offer at the consultation step, the offer is not made again. */
export interface HandoffOptions {
  offered?: boolean;
}

/** What the dialog keeps while it runs (in the conversation's dialog state, gone with "forget me"). */
interface HandoffValues {
  contact?: Contact;
}

/**
 * Where the reply that says a request is on its way carries the request's id, until the bot
 * puts what became of the request in its place (`handoffResultActivity`).
 */
interface OnItsWayData {
  handoffRequestId?: string;
}

/** The id of the request a held reply announces, if it is the "on its way" line. */
export function announcedRequestId(activity: Partial<Activity>): string | undefined {
  return (activity.channelData as OnItsWayData | undefined)?.handoffRequestId;
}

/** The "on its way" line without the request's id: what is said when what became of it could not be saved. */
export function withoutRequestId(activity: Partial<Activity>): Partial<Activity> {
  const { handoffRequestId: _id, ...channelData } = (activity.channelData ?? {}) as OnItsWayData & Record<string, unknown>;
  const { channelData: _channelData, ...rest } = activity;
  return Object.keys(channelData).length > 0 ? { ...rest, channelData } : rest;
}

/** What the person hears once the request was sent, or could not be: the truth, with the clinic's contacts when it failed. */
export function handoffResultActivity(strings: Strings, delivery: HandoffDelivery): Partial<Activity> {
  const contact = displayContact(delivery.request.contact);
  return { type: 'message', text: delivery.delivered ? strings('handoffSent', { contact }) : strings('handoffNotSent') };
}

/**
 * Asking the clinic's team to contact the person (docs/contracts.md "Handoff to a person"):
 * how the clinic may reach them (validated; on WhatsApp the number they write from, confirmed),
 * explicit consent to pass it on, then the request with the structured summary only, never
 * typed text, into the outbox. It is sent after this turn is saved (src/handoff/outbox.ts); the
 * line saying it is on its way is then replaced by what became of it.
 */
export class HandoffDialog extends ComponentDialog {
  static readonly id = 'handoffDialog';
  private readonly handoff: HandoffDeps;

  constructor(private readonly deps: DialogDeps) {
    super(HandoffDialog.id);
    if (!deps.handoff) throw new Error('HandoffDialog needs a handoff target');
    this.handoff = deps.handoff;
    const yesNo = (input: { text: string; choice?: string }) => {
      if (input.choice) return input.choice === 'yes';
      const answer = readYesNo(input.text, deps.safety.reader);
      return answer === 'yes' ? true : answer === 'no' ? false : undefined;
    };
    const defaultCountry = this.handoff.defaultCountry;
    this.addDialog(new AnswerPrompt<boolean>(KNOWN_PHONE, yesNo));
    this.addDialog(new AnswerPrompt<boolean>(CONSENT, yesNo));
    this.addDialog(new AnswerPrompt<Contact>(CONTACT, (input) => readContact(input.text, defaultCountry)));
    this.addDialog(
      new WaterfallDialog(FLOW, [
        this.knownPhoneStep.bind(this),
        this.contactStep.bind(this),
        this.consentStep.bind(this),
        this.sendStep.bind(this),
      ]),
    );
    this.initialDialogId = FLOW;
  }

  private knownPhone(step: WaterfallStepContext): Contact | undefined {
    if (!capabilitiesOf(step.context.activity.channelId).knowsPhoneNumber) return undefined;
    return phoneFromWhatsAppId(step.context.activity.from?.id ?? '');
  }

  private offered(step: WaterfallStepContext): boolean {
    return ((step.options ?? {}) as HandoffOptions).offered === true;
  }

  private async knownPhoneStep(step: WaterfallStepContext) {
    const known = this.knownPhone(step);
    if (!known) return step.next();
    const { strings } = this.deps;
    const question = strings(this.offered(step) ? 'handoffKnownPhone' : 'handoffOfferKnownPhone', { phone: displayContact(known) });
    return askQuestion(step, KNOWN_PHONE, question, strings('triRetry'), [
      { title: strings('choiceYes'), value: 'yes' },
      { title: strings('choiceAnotherWay'), value: 'no' },
    ]);
  }

  private async contactStep(step: WaterfallStepContext) {
    const values = step.values as HandoffValues;
    const known = this.knownPhone(step);
    const result = step.result as Answered<boolean> | undefined;
    if (known && result?.kind === 'answer' && result.value) {
      values.contact = known;
      return step.next();
    }
    const { strings } = this.deps;
    // Said once: at the consultation step, or with the number the person writes from.
    const question = strings(known || this.offered(step) ? 'handoffContactQuestion' : 'handoffOfferContactQuestion');
    return askQuestion(step, CONTACT, question, strings('handoffContactRetry'));
  }

  private async consentStep(step: WaterfallStepContext) {
    const values = step.values as HandoffValues;
    const { strings } = this.deps;
    if (!values.contact) {
      const result = step.result as Answered<Contact>;
      if (result.kind !== 'answer') {
        await step.context.sendActivity(strings('handoffNoContact'));
        return step.endDialog();
      }
      values.contact = result.value;
    }
    return askQuestion(step, CONSENT, strings('handoffConsent', { contact: displayContact(values.contact) }), strings('triRetry'), [
      { title: strings('choicePassItOn'), value: 'yes' },
      { title: strings('choiceNoThanks'), value: 'no' },
    ]);
  }

  private async sendStep(step: WaterfallStepContext) {
    const values = step.values as HandoffValues;
    const { strings } = this.deps;
    const consent = step.result as Answered<boolean>;
    if (consent.kind !== 'answer' || !consent.value || !values.contact) {
      await step.context.sendActivity(strings('handoffDeclined'));
      return step.endDialog();
    }
    const request = handoffRequest(step.context.activity.channelId, values.contact, await this.summary(step), this.deps.clock());
    await this.handoff.outbox.add(step.context, request);
    const onItsWay: OnItsWayData = { handoffRequestId: request.id };
    await step.context.sendActivity({ type: 'message', text: strings('handoffOnItsWay'), channelData: onItsWay });
    return step.endDialog();
  }

  /** The structured summary only: outcome, rule and note ids, concerns. Never anything typed. */
  private async summary(step: WaterfallStepContext): Promise<HandoffRequest['summary']> {
    const record = await this.deps.accessors.assessment.get(step.context, { concerns: [], answers: {} });
    const decision = record.decision;
    return {
      outcome: decision?.outcome ?? 'not-assessed',
      rules: decision ? [...decision.rules] : [],
      notes: decision ? [...decision.notes] : [],
      rulesVersion: decision?.rulesVersion ?? this.deps.safety.rules.version,
      ...(decision?.reconsiderFrom ? { reconsiderFrom: decision.reconsiderFrom } : {}),
      concerns: [...record.concerns],
    };
  }
}
