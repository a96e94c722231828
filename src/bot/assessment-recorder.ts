import { assess, auditRecord, conversationKey, type AuditSink, type Decision, type RuleTable, type ScreeningAnswers } from '../safety/index.js';

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
  ) {}

  get rulesVersion(): string {
    return this.rules.version;
  }

  async decide(answers: ScreeningAnswers, conversationId: string): Promise<Decision> {
    const now = this.clock();
    const decision = assess(answers, now, this.rules);
    await this.audit.append(auditRecord(decision, conversationId, now, this.auditSecret));
    return decision;
  }

  /** "Forget me": this conversation's audit records keep their decisions, not the link to it. */
  async forget(conversationId: string): Promise<void> {
    await this.audit.unlink(conversationKey(conversationId, this.auditSecret));
  }
}
