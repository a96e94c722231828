import {
  assess,
  auditRecord,
  conversationKey,
  type AuditRecord,
  type AuditSink,
  type Decision,
  type RuleTable,
  type ScreeningAnswers,
} from '../safety/index.js';
import type { TurnContext } from 'botbuilder';
import type { Logger } from '../logging/logger.js';
import { describeErrorForLog } from '../logging/describe-error.js';

const PENDING_AUDIT = Symbol('pendingAudit');

/**
 * The one way a decision is made in the bot: the pure engine with the injected clock, and
 * every decision appended to the audit trail (rule ids and a pseudonymous key, no free text).
 * The record is appended only once the turn's state is saved (`appendAudited`, called by the
 * bot after its save): a turn that is not kept (a conflict with another instance, a failed
 * save; the person is told to send it again) leaves no decision in the trail.
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
    private readonly logger?: Logger,
  ) {}

  get rulesVersion(): string {
    return this.rules.version;
  }

  async decide(answers: ScreeningAnswers, context: TurnContext): Promise<Decision> {
    const now = this.clock();
    const decision = assess(answers, now, this.rules);
    const pending = (context.turnState.get(PENDING_AUDIT) as AuditRecord[] | undefined) ?? [];
    context.turnState.set(PENDING_AUDIT, [...pending, auditRecord(decision, context.activity.conversation.id, now, this.auditSecret)]);
    this.onDecision(decision, context);
    return decision;
  }

  /**
   * Appends the decisions of a turn whose state is saved, in the order they were made. A
   * failure is logged for the operator and does not fail the turn: the decision is saved with
   * the conversation and the person is told it, truthfully.
   */
  async appendAudited(context: TurnContext): Promise<void> {
    const pending = (context.turnState.get(PENDING_AUDIT) as AuditRecord[] | undefined) ?? [];
    context.turnState.delete(PENDING_AUDIT);
    for (const record of pending) {
      await this.audit.append(record).catch((error: unknown) => {
        this.logger?.error(
          { event: 'audit.append-failed', rules: record.ruleIds, error: describeErrorForLog(error) },
          'decision not audited',
        );
      });
    }
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
