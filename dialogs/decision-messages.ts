import { ActivityTypes, type Activity } from 'botbuilder';
import type { CheckId, Decision, Outcome } from '../src/safety/index.js';
import type { Strings } from '../src/strings/index.js';
import type { AssessmentRecord, StoredDecision } from './assessment-record.js';

// Built once: a DateTimeFormat costs far more to make than to use, and every read-back formats dates.
const dayFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** "2027-05-24" -> "24 May 2027", the way the person reads dates. */
export function formatDay(isoDate: string): string {
  return dayFormat.format(new Date(`${isoDate}T00:00:00Z`));
}

export function storedDecision(decision: Decision, at: Date): StoredDecision {
  return {
    outcome: decision.outcome,
    rules: decision.reasons.map((reason) => reason.ruleId),
    notes: decision.notes.map((note) => note.noteId),
    rulesVersion: decision.rulesVersion,
    ...(decision.reconsiderFrom ? { reconsiderFrom: decision.reconsiderFrom } : {}),
    ...(decision.endedBy ? { endedBy: decision.endedBy } : {}),
    at: at.toISOString(),
  };
}

/** The after-treatment check has its own words for its outcomes (a normal reaction is called that). */
export function outcomeKey(prefix: 'outcome' | 'outcomeLabel', outcome: Outcome, check: CheckId): string {
  const ownWords = check === 'after-treatment' && outcome !== 'emergency' && outcome !== 'urgent';
  return ownWords ? `${prefix}.after-treatment.${outcome}` : `${prefix}.${outcome}`;
}

export function outcomeLabel(strings: Strings, outcome: Outcome, check: CheckId): string {
  return strings(outcomeKey('outcomeLabel', outcome, check));
}

/** The `assessment.completed` event of CONTRACTS.md. */
export function completedEvent(record: AssessmentRecord, decision: StoredDecision): Partial<Activity> {
  return {
    type: ActivityTypes.Event,
    name: 'assessment.completed',
    value: {
      outcome: decision.outcome,
      rules: decision.rules,
      notes: decision.notes,
      rulesVersion: decision.rulesVersion,
      ...(decision.reconsiderFrom ? { reconsiderFrom: decision.reconsiderFrom } : {}),
      // A rule ended the check (a minor): the host offers no booking.
      ...(decision.endedBy ? { endedBy: decision.endedBy } : {}),
      concerns: [...record.concerns],
    },
  };
}
