import type { InsightsReport } from './insights-report.js';

/** A hidden count reads "<N" (fewer than the minimum, and not 0 where zeros are shown), never a number that is not there. */
function cell(value: number | null | undefined, minCount: number): string {
  return value === null || value === undefined ? `<${minCount}` : String(value);
}

function table(title: string, rows: Array<[string, string]>): string[] {
  if (rows.length === 0) return [title, '  (none)', ''];
  const width = Math.max(...rows.map(([label]) => label.length));
  return [title, ...rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value.padStart(6)}`), ''];
}

/** How hidden counts read, in the title line. */
function hiding({ minCount, zeroShown }: InsightsReport): string {
  if (minCount <= 1) return 'every count shown';
  if (!zeroShown) return `counts below ${minCount} hidden as <${minCount}`;
  return `counts from 1 to ${minCount - 1} hidden as <${minCount}, 0 shown`;
}

/** The figures as plain text tables for a terminal (the CLI), rules and questions by name. */
export function renderInsightsTable(report: InsightsReport): string[] {
  const n = (value: number | null | undefined) => cell(value, report.minCount);
  const named = (values: Record<string, number | null>, names: Record<string, string>) =>
    Object.entries(values).map(([id, value]): [string, string] => [names[id] ?? id, n(value)]);
  const { questions, rules, outcomes } = report.names;
  const lines = [`Clinic insights ${report.from} to ${report.to} (${hiding(report)})`, ''];
  lines.push(
    ...table('Funnel (each step counts only conversations in the step before)', [
      ['Conversations', n(report.conversations)],
      ['Agreed to the terms', n(report.consented)],
      ['Started the health questions', n(report.screeningsStarted)],
      ['Got a result', n(report.screeningsCompleted)],
      ['Then opened booking or asked for the team', n(report.followedUp)],
    ]),
    ...table('Red flags, handoffs and bookings (every time)', [
      ['Emergency', n(report.redFlags.emergency)],
      ['Urgent', n(report.redFlags.urgent)],
      ['Handoffs', n(report.handoffs)],
      ['Booking link opened', n(report.bookingClicks)],
    ]),
    ...table('Outcomes', named(report.outcomes, outcomes)),
    ...table('Rules that decided', named(report.rules, rules)),
    ...table('Where people stopped (last question, screening not completed)', named(report.dropOff, questions)),
    ...table('Answers corrected after noting, by question', named(report.corrected, questions)),
  );
  const unread = Object.entries(report.unrecognised).map(([id, counts]) => [questions[id] ?? id, counts] as const);
  const width = Math.max(8, ...unread.map(([name]) => name.length));
  lines.push('Answers not read, by question');
  if (unread.length === 0) lines.push('  (none)');
  else {
    lines.push(`  ${'question'.padEnd(width)}   asked  unreadable`);
    for (const [name, counts] of unread) {
      lines.push(`  ${name.padEnd(width)}  ${n(counts.asked).padStart(6)}  ${n(counts.unreadable).padStart(10)}`);
    }
  }
  return lines;
}
