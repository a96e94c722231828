// `npm start` builds only when a source changed since the last build: a stat of each source
// file (a few milliseconds) instead of a full `tsc` run (8-19 s) on every start.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const stamp = join(root, 'dist', '.build-stamp');
const sourceFolders = ['src', 'dialogs', 'bench'];
const sourceFiles = ['tsconfig.json', 'tsconfig.build.json', 'package-lock.json'];

function newestChange(path) {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs; // a deleted or renamed file changes its folder
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestChange(join(path, entry)));
  return newest;
}

const sources = Math.max(
  ...sourceFolders.map((folder) => newestChange(join(root, folder))),
  ...sourceFiles.map((file) => newestChange(join(root, file))),
);
const built = existsSync(stamp) ? statSync(stamp).mtimeMs : -1;
if (built >= sources) process.exit(0);

let tsc;
try {
  tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
} catch {
  // A production install (npm ci --omit=dev) has no compiler: run what was built, if anything was.
  if (existsSync(join(root, 'dist', 'src', 'index.js'))) process.exit(0);
  process.stderr.write('Cannot build: TypeScript is not installed (run npm ci) and dist/ is missing\n');
  process.exit(1);
}
const started = Date.now();
const result = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
if (result.status !== 0) process.exit(result.status ?? 1);
writeFileSync(stamp, `${new Date().toISOString()}\n`);
process.stdout.write(`Built in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
