import { renderEmergency } from '../src/channels/render-emergency.js';
import { ActivityTypes, CardFactory, type Activity, type Attachment } from 'botbuilder';
import type { CheckId, Decision, Outcome } from '../src/safety/index.js';
import type { KnowledgeBase } from '../src/knowledge/index.js';
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
function outcomeKey(prefix: 'outcome' | 'outcomeLabel', outcome: Outcome, check: CheckId): string {
  const ownWords = check === 'after-treatment' && outcome !== 'emergency' && outcome !== 'urgent';
  return ownWords ? `${prefix}.after-treatment.${outcome}` : `${prefix}.${outcome}`;
}

export function outcomeLabel(strings: Strings, outcome: Outcome, check: CheckId): string {
  return strings(outcomeKey('outcomeLabel', outcome, check));
}

/** The outcome in one message: what it means, why, and from when it may be looked at again. */
export function outcomeMessage(strings: Strings, decision: Decision, check: CheckId = 'screening'): string {
  if (decision.outcome === 'emergency' || decision.outcome === 'urgent') return strings(`outcome.${decision.outcome}`);
  const reasons = decision.reasons;
  const lines = [strings(outcomeKey('outcome', decision.outcome, check))];
  if (reasons.length > 0) lines.push('', strings('reasonsIntro'), ...reasons.map((reason) => `- ${reason.sentence}`));
  // The time-bound reasons' own sentences carry their dates; the summary card repeats the latest.
  return lines.join('\n');
}

export function notesMessage(strings: Strings, decision: Decision): string | undefined {
  if (decision.notes.length === 0) return undefined;
  return [strings('notesIntro'), ...decision.notes.map((note) => `- ${note.sentence}`)].join('\n');
}

/**
 * The outcome as an activity: an emergency with a configured number becomes a call button
 * where the channel can dial; anything else is the outcome's text.
 */
export function outcomeActivity(
  strings: Strings,
  decision: Decision,
  channelId: string | undefined,
  emergencyNumber: string | undefined,
  check: CheckId = 'screening',
): Partial<Activity> {
  const text = outcomeMessage(strings, decision, check);
  if (decision.outcome !== 'emergency') return { type: ActivityTypes.Message, text };
  return renderEmergency(channelId, text, emergencyNumber, {
    title: strings('emergencyTitle'),
    call: strings('callEmergency', { number: emergencyNumber ?? '' }),
  });
}

/**
 * A warning sign about someone else that is happening now (SAFETY-SPEC v1.2): the instruction
 * for them, with the call button where the channel can dial. Nothing about the person writing.
 */
export function forSomeoneElseActivity(
  strings: Strings,
  outcome: 'emergency' | 'urgent',
  channelId: string | undefined,
  emergencyNumber: string | undefined,
): Partial<Activity> {
  const text = strings(`forSomeoneElse.${outcome}`);
  if (outcome !== 'emergency') return { type: ActivityTypes.Message, text };
  return renderEmergency(channelId, text, emergencyNumber, {
    title: strings('emergencyTitle'),
    call: strings('callEmergency', { number: emergencyNumber ?? '' }),
  });
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

/**
 * The summary a person can show a practitioner, as an Adaptive Card 1.5 (Teams' ceiling).
 * Built only from structured answers and the bot's own sentences: nothing the person typed.
 */
export function summaryCard(
  strings: Strings,
  kb: KnowledgeBase,
  record: AssessmentRecord,
  decision: Decision,
  at: Date,
  check: CheckId = 'screening',
): Attachment {
  const concernLabels = kb.concerns.filter((concern) => record.concerns.includes(concern.id)).map((concern) => concern.label);
  const facts = [
    { title: strings('summaryDate'), value: formatDay(at.toISOString().slice(0, 10)) },
    { title: strings('summaryConcerns'), value: concernLabels.join(', ') || strings('summaryNone') },
    { title: strings('summaryOutcome'), value: outcomeLabel(strings, decision.outcome, check) },
    ...(decision.reconsiderFrom ? [{ title: strings('summaryReconsider'), value: formatDay(decision.reconsiderFrom) }] : []),
  ];
  const bulletBlock = (title: string, sentences: string[]) =>
    sentences.length === 0
      ? []
      : [
          { type: 'TextBlock', text: title, weight: 'Bolder', spacing: 'Medium' },
          ...sentences.map((sentence) => ({ type: 'TextBlock', text: `• ${sentence}`, wrap: true, spacing: 'Small' })),
        ];
  return CardFactory.adaptiveCard({
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: [
      { type: 'TextBlock', text: strings('summaryTitle'), weight: 'Bolder', size: 'Medium', wrap: true },
      { type: 'FactSet', facts },
      ...bulletBlock(
        strings('summaryReasons'),
        decision.reasons.map((reason) => reason.sentence),
      ),
      ...bulletBlock(
        strings('summaryNotes'),
        decision.notes.map((note) => note.sentence),
      ),
      { type: 'TextBlock', text: strings('summaryDisclaimer'), isSubtle: true, wrap: true, size: 'Small', spacing: 'Medium' },
    ],
  });
}

export function bookingCard(strings: Strings, url: string): Attachment {
  return CardFactory.heroCard('', undefined, CardFactory.actions([{ type: 'openUrl', title: strings('bookingButton'), value: url }]));
}
