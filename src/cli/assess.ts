/**
 * For clinicians reviewing the rule table: prints the decision for a JSON answers file.
 *
 *   npm run assess -- knowledge/safety/examples/consultation.json [--date YYYY-MM-DD] [--json]
 *
 * Exit codes: 0 decision printed, 2 bad arguments or answers file, 1 broken rule table.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { assess, isIsoDate, KnowledgeFileError, loadRuleTable, parseAnswers, safetyKnowledgeDir, type Decision } from '../safety/index.js';

export interface AssessIo {
  out(line: string): void;
  err(line: string): void;
  /** Today's date (YYYY-MM-DD) when --date is not given. */
  today(): string;
  rulesDir?: string;
}

const usage = 'usage: npm run assess -- FILE.json [--date YYYY-MM-DD] [--json]';

function localToday(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function render(decision: Decision, referenceDate: string): string[] {
  const lines = [
    `outcome:          ${decision.outcome}`,
    `reference date:   ${referenceDate}`,
    `rules version:    ${decision.rulesVersion}`,
  ];
  if (decision.reconsiderFrom) lines.push(`reconsider from:  ${decision.reconsiderFrom}`);
  lines.push('reasons:');
  for (const reason of decision.reasons) lines.push(`  ${reason.ruleId}: ${reason.sentence}`);
  lines.push('notes:');
  if (decision.notes.length === 0) lines.push('  (none)');
  for (const note of decision.notes) lines.push(`  ${note.noteId}: ${note.sentence}`);
  return lines;
}

export function runAssess(argv: readonly string[], io: AssessIo): number {
  let file: string | undefined;
  let date: string | undefined;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--date') {
      date = argv[++i];
      if (date === undefined || !isIsoDate(date)) {
        io.err(`assess: --date expects a calendar date written YYYY-MM-DD, got ${JSON.stringify(date ?? '')}`);
        return 2;
      }
    } else if (arg === '--json') {
      json = true;
    } else if (arg.startsWith('-')) {
      io.err(`assess: unknown option ${arg}; ${usage}`);
      return 2;
    } else if (file === undefined) {
      file = arg;
    } else {
      io.err(`assess: one answers file only; ${usage}`);
      return 2;
    }
  }
  if (file === undefined) {
    io.err(`assess: no answers file given; ${usage}`);
    return 2;
  }

  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch (error) {
    const reason = error instanceof SyntaxError ? `not valid JSON: ${error.message}` : `cannot read: ${(error as Error).message}`;
    io.err(`assess: ${file}: ${reason}`);
    return 2;
  }
  let table;
  try {
    table = loadRuleTable(io.rulesDir ?? safetyKnowledgeDir);
  } catch (error) {
    io.err(`assess: ${error instanceof KnowledgeFileError ? error.message : (error as Error).message}`);
    return 1;
  }
  const parsed = parseAnswers(raw, table.fields);
  if (!parsed.ok) {
    io.err(`assess: ${file}: invalid answers: ${parsed.error}`);
    return 2;
  }

  const referenceDate = date ?? io.today();
  const decision = assess(parsed.answers, referenceDate, table);
  if (json) io.out(JSON.stringify(decision, null, 2));
  else for (const line of render(decision, referenceDate)) io.out(line);
  return 0;
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  process.exitCode = runAssess(process.argv.slice(2), {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    today: localToday,
  });
}
