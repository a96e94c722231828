import {
  assess,
  auditRecord,
  conversationKey,
  type AuditSink,
  type Decision,
  type RuleTable,
  type ScreeningAnswers,
} from '../safety/index.js';
import type { TurnContext } from 'botbuilder';

/**
 * The one way a decision is made in the bot: the pure engine with the injected clock, and
 * every decision appended to the audit trail (rule ids and a pseudonymous key, no free text).
 */
export class AssessmentRecorder {
  constructor(
    private readonly rules: RuleTable,
    private readonly audit: AuditSink,
    private readonly auditSecret: string,
    private readonly clock: () => Date,
    private readonly retentionDays: number,
    /** Told of every decision once it is audited (the clinic's insights count them, anonymously). */
    private readonly onDecision: (decision: Decision, context: TurnContext) => void = () => undefined,
  ) {}

  get rulesVersion(): string {
    return this.rules.version;
  }

  async decide(answers: ScreeningAnswers, context: TurnContext): Promise<Decision> {
    const now = this.clock();
    const decision = assess(answers, now, this.rules);
    await this.audit.append(auditRecord(decision, context.activity.conversation.id, now, this.auditSecret));
    this.onDecision(decision, context);
    return decision;
  }

  /**
   * "Forget me": this conversation's audit records keep their decisions, not the link to it.
   * Records older than the retention period were unlinked by the sweep, so only the days since
   * then are searched (one extra day: the sweep cuts at a time, not at midnight).
   */
  async forget(conversationId: string): Promise<void> {
    const to = this.clock();
    const from = new Date(to.getTime() - (this.retentionDays + 1) * 86_400_000);
    await this.audit.unlink(conversationKey(conversationId, this.auditSecret), { from, to });
  }
}
