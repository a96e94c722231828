import { isInsightEvent } from './events.js';
import { countLines, type StoredDay } from './insights-store.js';
import { parseCheckedLine } from '../checked-lines.js';

/** The raw counts of a range of days, before suppression. */
export interface InsightCounts {
  /** The funnel (with screeningsStarted and followedUp below): visits, each step a subset of the one before. */
  conversations: number;
  consented: number;
  screeningsCompleted: number;
  outcomes: Record<string, number>;
  rules: Record<string, number>;
  dropOff: Record<string, number>;
  unrecognised: Record<string, { asked: number; unreadable: number }>;
  redFlags: { emergency: number; urgent: number };
  handoffs: number;
  bookingClicks: number;
  /** Per UTC day, the outcomes decided that day (for the chart of outcomes over time). */
  outcomesByDay: Record<string, Record<string, number>>;
  screeningsStarted: number;
  /** Visits that, after their result, opened the booking link or asked for the team. */
  followedUp: number;
  /** Per catalogue question, answers the bot had noted that a later message corrected. */
  corrected: Record<string, number>;
}

function add(map: Record<string, number>, key: string, by = 1): void {
  map[key] = (map[key] ?? 0) + by;
}

/**
 * Adds up the stored days (their lines and roll-ups). Identical lines are counted first
 * and each distinct line parsed once: events carry only a day, a kind and ids, so a day of
 * thousands of conversations has a few hundred distinct lines. Unreadable lines (torn, damaged,
 * not an event) are skipped and counted through `onSkipped`.
 *
 * Drop-off: every question asked before the screening ended makes it the conversation's
 * pending question, and the next question (or the screening's end) records `question.left`
 * for it; what was asked and never left is where conversations stopped.
 */
export function aggregateInsights(storedDays: StoredDay[], onSkipped: (lines: number) => void = () => undefined): InsightCounts {
  const counts: InsightCounts = {
    conversations: 0,
    consented: 0,
    screeningsCompleted: 0,
    outcomes: {},
    rules: {},
    dropOff: {},
    unrecognised: {},
    redFlags: { emergency: 0, urgent: 0 },
    handoffs: 0,
    bookingClicks: 0,
    outcomesByDay: {},
    screeningsStarted: 0,
    followedUp: 0,
    corrected: {},
  };
  const asked: Record<string, number> = {};
  const left: Record<string, number> = {};
  for (const stored of storedDays) {
    const lines = countLines(stored.lines, { ...stored.rolledUp });
    for (const [line, times] of Object.entries(lines)) {
      // A torn or damaged line fails its checksum; lines from before checksums are plain JSON.
      const event = parseCheckedLine(line)?.value;
      if (!isInsightEvent(event)) {
        onSkipped(times);
        continue;
      }
      const question = event.questionId;
      switch (event.kind) {
        case 'conversation.started':
          counts.conversations += times;
          break;
        case 'consent.given':
          counts.consented += times;
          break;
        case 'funnel.screening-started':
          counts.screeningsStarted += times;
          break;
        case 'funnel.screening-completed':
          counts.screeningsCompleted += times;
          break;
        case 'funnel.followed-up':
          counts.followedUp += times;
          break;
        case 'answer.corrected':
          if (question) add(counts.corrected, question, times);
          break;
        case 'outcome':
          if (!event.outcome) break;
          add(counts.outcomes, event.outcome, times);
          add((counts.outcomesByDay[event.day] ??= {}), event.outcome, times);
          for (const rule of event.rules ?? []) add(counts.rules, rule, times);
          break;
        case 'red.flag':
          if (event.outcome === 'emergency' || event.outcome === 'urgent') counts.redFlags[event.outcome] += times;
          break;
        case 'handoff.requested':
          counts.handoffs += times;
          break;
        case 'booking.opened':
          counts.bookingClicks += times;
          break;
        case 'question.asked':
          if (!question) break;
          add(asked, question, times);
          (counts.unrecognised[question] ??= { asked: 0, unreadable: 0 }).asked += times;
          break;
        case 'question.unreadable':
          if (question) (counts.unrecognised[question] ??= { asked: 0, unreadable: 0 }).unreadable += times;
          break;
        case 'question.left':
          if (question) add(left, question, times);
          break;
        case 'question.answered':
        case 'screening.completed':
          break;
      }
    }
  }
  for (const [question, times] of Object.entries(asked)) {
    // A range can start after a question was asked and include its leaving: never below zero.
    const stayed = times - (left[question] ?? 0);
    if (stayed > 0) counts.dropOff[question] = stayed;
  }
  return counts;
}
