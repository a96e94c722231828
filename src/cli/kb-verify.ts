/**
 * `npm run kb:verify -- --source FILE [--kb DIR]`: checks every article quote in the knowledge
 * base against the source text. Exit 0 when all are found, 1 when any is not (or the knowledge
 * base does not load), 2 for a usage or file error. Only wiring: the logic is verifyCitations.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

import { KnowledgeBaseError, loadKnowledgeBase, verifyCitations, type KnowledgeBase } from '../knowledge/index.js';

const USAGE = 'usage: npm run kb:verify -- --source FILE [--kb DIR]';

function main(argv: readonly string[]): number {
  let source: string | undefined;
  let kbDir: string | undefined;
  try {
    const { values } = parseArgs({
      args: [...argv],
      options: { source: { type: 'string' }, kb: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    });
    source = values.source;
    kbDir = values.kb;
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (!source) {
    console.error(`--source is required\n${USAGE}`);
    return 2;
  }

  let sourceText: string;
  try {
    sourceText = readFileSync(source, 'utf8');
  } catch (error) {
    console.error(`cannot read source file ${source}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n${USAGE}`);
    return 2;
  }

  let kb: KnowledgeBase;
  try {
    kb = loadKnowledgeBase(...(kbDir !== undefined ? [kbDir] : []));
  } catch (error) {
    if (error instanceof KnowledgeBaseError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }

  const report = verifyCitations(kb, sourceText);
  for (const failure of report.failures) {
    console.log(`FAIL ${failure.entryId}: ${failure.reason}: "${failure.quote}" (heading "${failure.heading}")`);
  }
  console.log(
    `kb:verify: ${report.checked - report.failures.length}/${report.checked} article quotes found in ${source}` +
      `; ${report.failures.length} failure(s); ${report.skipped} citation(s) to SAFETY-SPEC.md sources not checked against the article`,
  );
  return report.ok ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
