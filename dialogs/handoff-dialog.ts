import { ComponentDialog, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { CountryCode } from 'libphonenumber-js';
import { capabilitiesOf } from '../src/channels/capabilities.js';
import { phoneFromWhatsAppId, readContact, type Contact } from '../src/handoff/contact.js';
import { deliverHandoff, handoffRequest, type HandoffRequest } from '../src/handoff/webhook.js';
import { readYesNo } from '../src/understanding/reader/index.js';
import { AnswerPrompt, type Answered } from './prompts/answer-prompt.js';
import { askQuestion } from './prompts/ask.js';
import type { DialogDeps } from './dialog-deps.js';

const KNOWN_PHONE = 'handoffKnownPhone';
const CONTACT = 'handoffContact';
const CONSENT = 'handoffConsent';
const FLOW = 'handoffFlow';

/** Where a request for a person goes (HANDOFF_WEBHOOK_URL and its secret). */
export interface HandoffTarget {
  url: string;
  secret: string;
  /** For numbers typed without +country: the clinic's own country. */
  defaultCountry?: CountryCode;
  retryDelaysMs?: number[];
}

/** What the dialog keeps while it runs (in the conversation's dialog state, gone with "forget me"). */
interface HandoffValues {
  contact?: Contact;
}

/**
 * Handoff to a person (CONTRACTS.md): how the clinic may contact the person (validated; on
 * WhatsApp the number they write from, confirmed), explicit consent to pass it on, then the
 * signed request with the structured summary only, never typed text; the person hears whether
 * it was delivered.
 */
export class HandoffDialog extends ComponentDialog {
  static readonly id = 'handoffDialog';

  constructor(
    private readonly deps: DialogDeps,
    private readonly target: HandoffTarget,
  ) {
    super(HandoffDialog.id);
    const yesNo = (input: { text: string; choice?: string }) => {
      if (input.choice) return input.choice === 'yes';
      const answer = readYesNo(input.text, deps.safety.reader);
      return answer === 'yes' ? true : answer === 'no' ? false : undefined;
    };
    this.addDialog(new AnswerPrompt<boolean>(KNOWN_PHONE, yesNo));
    this.addDialog(new AnswerPrompt<boolean>(CONSENT, yesNo));
    this.addDialog(new AnswerPrompt<Contact>(CONTACT, (input) => readContact(input.text, target.defaultCountry)));
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

  private async knownPhoneStep(step: WaterfallStepContext) {
    const known = this.knownPhone(step);
    if (!known) return step.next();
    const { strings } = this.deps;
    return askQuestion(step, KNOWN_PHONE, strings('handoffKnownPhone', { phone: known.value }), strings('triRetry'), [
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
    return askQuestion(step, CONTACT, strings('handoffContactQuestion'), strings('handoffContactRetry'));
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
    return askQuestion(step, CONSENT, strings('handoffConsent', { contact: values.contact.value }), strings('triRetry'), [
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
    const delivered = await deliverHandoff(request, {
      url: this.target.url,
      secret: this.target.secret,
      // Within the channels' 15 s for a turn: three tries of at most 3 s.
      retryDelaysMs: this.target.retryDelaysMs ?? [500, 2_000],
      timeoutMs: 3_000,
    });
    await step.context.sendActivity(delivered ? strings('handoffSent', { contact: values.contact.value }) : strings('handoffNotSent'));
    return step.endDialog({ delivered });
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
