import { ComponentDialog, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { readConsent, type Reader } from '../src/understanding/reader/index.js';
import { AnswerPrompt, type Answered, type PromptInput } from './prompts/answer-prompt.js';
import { askQuestion } from './prompts/ask.js';
import type { DialogDeps } from './dialog-deps.js';
import { ERASE_TRANSCRIPT } from '../src/bot/turn-flags.js';

const CONSENT_PROMPT = 'consent';
const CONSENT_FLOW = 'consentFlow';

/**
 * Agreement in words, read by the reader: only a clear yes consents; "I do not want to
 * continue" refuses; "not sure" or "yes but no" is no agreement, so the question is asked again.
 */
export function parseConsent(input: PromptInput, reader: Reader): boolean | undefined {
  if (input.choice) return input.choice === 'yes';
  const consent = readConsent(input.text, reader);
  return consent === 'given' ? true : consent === 'refused' ? false : undefined;
}

/**
 * Welcome, consent notice and the consent question, before any health question.
 * Ends with `true` when the person agreed (now or in an earlier conversation). An answer
 * that cannot be read twice counts as no agreement: nothing is asked without consent.
 *
 * A person who declines keeps only that: their "no" and its time. What the transcript held of
 * the conversation is erased and nothing they type afterwards is kept (the bot marks each of
 * their turns, src/bot/turn-flags.ts); they may still ask general questions, answered from the
 * guide with its sources, and the red-flag watch still reads every message.
 */
export class ConsentDialog extends ComponentDialog {
  static readonly id = 'consentDialog';

  constructor(private readonly deps: DialogDeps) {
    super(ConsentDialog.id);
    this.addDialog(new AnswerPrompt<boolean>(CONSENT_PROMPT, (input) => parseConsent(input, deps.safety.reader)));
    this.addDialog(new WaterfallDialog(CONSENT_FLOW, [this.askStep.bind(this), this.recordStep.bind(this)]));
    this.initialDialogId = CONSENT_FLOW;
  }

  private async askStep(step: WaterfallStepContext) {
    const { strings, accessors } = this.deps;
    const profile = await accessors.userProfile.get(step.context, {});
    if (profile.consent?.given) {
      await step.context.sendActivity(strings('welcomeBack'));
      return step.endDialog(true);
    }
    await step.context.sendActivity(strings('welcome'));
    await step.context.sendActivity(strings('consentNotice', { retentionDays: this.deps.retentionDays }));
    return askQuestion(step, CONSENT_PROMPT, strings('consentQuestion'), strings('consentRetry'), [
      { title: strings('consentYes'), value: 'yes' },
      { title: strings('consentNo'), value: 'no' },
    ]);
  }

  private async recordStep(step: WaterfallStepContext) {
    const { strings, accessors, clock } = this.deps;
    const result = step.result as Answered<boolean>;
    const agreed = result.kind === 'answer' && result.value;
    const profile = await accessors.userProfile.get(step.context, {});
    profile.consent = { given: agreed, at: clock().toISOString() };
    await accessors.userProfile.set(step.context, profile);
    if (!agreed) step.context.turnState.set(ERASE_TRANSCRIPT, true);
    await step.context.sendActivity(strings(agreed ? 'consentThanks' : 'consentDeclined'));
    return step.endDialog(agreed);
  }
}
