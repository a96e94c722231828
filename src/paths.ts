import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project root, found by walking up from this file, so the same code works from
 * `src/` (tsx, tests) and from `dist/src/` (compiled, `npm start`).
 */
function findProjectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'knowledge'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('project root not found (no package.json beside knowledge/)');
    dir = parent;
  }
}

export const projectRoot = findProjectRoot();
export const knowledgeDir = join(projectRoot, 'knowledge');
