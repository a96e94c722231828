import type { InsightsReport } from './insights-report.js';

/** A hidden count reads "<N" (fewer than the minimum), never a number that is not there. */
function cell(value: number | null | undefined, minCount: number): string {
  return value === null || value === undefined ? `<${minCount}` : String(value);
}

function table(title: string, rows: Array<[string, string]>): string[] {
  if (rows.length === 0) return [title, '  (none)', ''];
  const width = Math.max(...rows.map(([label]) => label.length));
  return [title, ...rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value.padStart(6)}`), ''];
}

/** The figures as plain text tables for a terminal (the CLI). */
export function renderInsightsTable(report: InsightsReport): string[] {
  const n = (value: number | null | undefined) => cell(value, report.minCount);
  const map = (values: Record<string, number | null>) => Object.entries(values).map(([key, value]): [string, string] => [key, n(value)]);
  const lines = [`Clinic insights ${report.from} to ${report.to} (counts below ${report.minCount} hidden as <${report.minCount})`, ''];
  lines.push(
    ...table('Funnel', [
      ['conversations', n(report.conversations)],
      ['consented', n(report.consented)],
      ['screenings completed', n(report.screeningsCompleted)],
      ['handoffs', n(report.handoffs)],
      ['booking clicks', n(report.bookingClicks)],
    ]),
    ...table('Red flags', [
      ['emergency', n(report.redFlags.emergency)],
      ['urgent', n(report.redFlags.urgent)],
    ]),
    ...table('Outcomes', map(report.outcomes)),
    ...table('Rules', map(report.rules)),
    ...table('Drop-off (last question, screening not completed)', map(report.dropOff)),
  );
  const questions = Object.entries(report.unrecognised);
  const width = Math.max(8, ...questions.map(([question]) => question.length));
  lines.push('Answers not read, by question');
  if (questions.length === 0) lines.push('  (none)');
  else {
    lines.push(`  ${'question'.padEnd(width)}   asked  unreadable`);
    for (const [question, counts] of questions) {
      lines.push(`  ${question.padEnd(width)}  ${n(counts.asked).padStart(6)}  ${n(counts.unreadable).padStart(10)}`);
    }
  }
  return lines;
}
