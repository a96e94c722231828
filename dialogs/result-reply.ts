import { isFallback, type CheckId, type Decision } from '../src/safety/index.js';
import type { KbEntry } from '../src/knowledge/index.js';
import type { BookingOffer, ResultReply, Section, SummaryReply } from '../src/channels/replies.js';
import type { AssessmentRecord, StoredDecision } from './assessment-record.js';
import { formatDay, outcomeKey, outcomeLabel } from './decision-messages.js';
import type { DialogDeps } from './dialog-deps.js';

/** What the result is said about: the decision, the record it was made on, and when. */
export interface DecidedResult {
  decision: Decision;
  record: AssessmentRecord;
  check: CheckId;
  at: Date;
}

/**
 * The headline and the reasons that apply. The check's fallback rule (R-NONE: "Nothing in your
 * answers rules out a consultation") only says that no other rule fired: it is the headline
 * itself, in the rule table's words, and never a "Why:" beneath a headline that says the same.
 */
function headlineAndReasons(deps: DialogDeps, result: DecidedResult): { headline: string; reasons: string[] } {
  const { decision, check } = result;
  const fallbacks = new Set(deps.safety.rules.rules.filter(isFallback).map((rule) => rule.id));
  const reasons = decision.reasons.filter((reason) => !fallbacks.has(reason.ruleId)).map((reason) => reason.sentence);
  const fallback = decision.reasons.find((reason) => fallbacks.has(reason.ruleId));
  if (reasons.length === 0 && fallback) return { headline: fallback.sentence, reasons };
  return { headline: deps.strings(outcomeKey('outcome', decision.outcome, check)), reasons };
}

/** The curated advice for each concern, or the general advice when none was named. */
function adviceFor(deps: DialogDeps, record: AssessmentRecord): KbEntry[] {
  const entries = record.concerns.length > 0 ? record.concerns.map((id) => deps.kb.adviceForConcern(id)) : [deps.kb.generalAdvice()];
  return entries.filter((entry): entry is KbEntry => entry !== undefined);
}

function reasonsSection(deps: DialogDeps, lines: string[]): Section {
  return { title: deps.strings('reasonsIntro'), lines };
}

/** The summary a person can show a practitioner: built only from structured answers and the bot's own sentences. */
function summaryOf(deps: DialogDeps, result: DecidedResult, reasons: string[]): SummaryReply {
  const { strings, kb } = deps;
  const { decision, record, check, at } = result;
  const concernLabels = kb.concerns.filter((concern) => record.concerns.includes(concern.id)).map((concern) => concern.label);
  return {
    intro: strings('summaryIntro'),
    title: strings('summaryTitle'),
    facts: [
      { title: strings('summaryDate'), value: formatDay(at.toISOString().slice(0, 10)) },
      { title: strings('summaryConcerns'), value: concernLabels.join(', ') || strings('summaryNone') },
      { title: strings('summaryOutcome'), value: outcomeLabel(strings, decision.outcome, check) },
      ...(decision.reconsiderFrom ? [{ title: strings('summaryReconsider'), value: formatDay(decision.reconsiderFrom) }] : []),
    ],
    reasons: { title: strings('summaryReasons'), lines: reasons },
    disclaimer: strings('summaryDisclaimer'),
  };
}

/** Booking is offered after a screening of an adult that no alarm ended, and only where the chat itself offers it. */
export function mayBook(result: DecidedResult): boolean {
  const { decision, check } = result;
  return check === 'screening' && decision.endedBy === undefined && decision.outcome !== 'emergency' && decision.outcome !== 'urgent';
}

export interface ResultOptions {
  /** The curated advice for each concern (the first announcement; a correction says only what changed). */
  advice: boolean;
  /** The booking offer in the chat: undefined where the chat page's panel offers it, or none may be made. */
  booking?: BookingOffer;
}

/**
 * The result, said once: the outcome, the reasons that apply, the advice for each concern, each
 * note once (none the advice already says), then the summary (screening only) with the booking
 * offer where the chat makes one.
 */
export function resultReply(deps: DialogDeps, result: DecidedResult, options: ResultOptions): ResultReply {
  const { decision, record, check } = result;
  const { headline, reasons } = headlineAndReasons(deps, result);
  const advice = options.advice && check === 'screening' && decision.endedBy === undefined ? adviceFor(deps, record) : [];
  const said = new Set(advice.flatMap((entry) => entry.saysNotes ?? []));
  return {
    before: [],
    headline,
    reasons: reasonsSection(deps, reasons),
    advice,
    notes: {
      title: deps.strings('notesIntro'),
      lines: decision.notes.filter((note) => !said.has(note.noteId)).map((note) => note.sentence),
    },
    ...(check === 'screening' ? { summary: summaryOf(deps, result, reasons) } : {}),
    ...(options.booking ? { booking: options.booking } : {}),
  };
}

/**
 * A correction after the result (SAFETY-SPEC v1.1: decided and said again): what changed, whether
 * the answer changes, the outcome and its reasons, and only the notes that are new. A new
 * summary (and booking offer) only when the outcome changed.
 */
export function correctionReply(
  deps: DialogDeps,
  result: DecidedResult,
  previous: StoredDecision,
  changed: readonly string[],
  booking: BookingOffer | undefined,
): ResultReply {
  const { decision, check } = result;
  const { headline, reasons } = headlineAndReasons(deps, result);
  const outcomeChanged = decision.outcome !== previous.outcome;
  const newNotes = decision.notes.filter((note) => !previous.notes.includes(note.noteId)).map((note) => note.sentence);
  return {
    before: [...changed, deps.strings(outcomeChanged ? 'result.changes' : 'result.same')],
    headline,
    // The reasons as they now stand: a change may have added one, or moved a date in one.
    reasons: reasonsSection(deps, reasons),
    advice: [],
    notes: { title: deps.strings('notesIntro'), lines: newNotes },
    ...(outcomeChanged && check === 'screening' ? { summary: summaryOf(deps, result, reasons) } : {}),
    ...(outcomeChanged && booking ? { booking } : {}),
  };
}
