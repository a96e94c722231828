import { nodeVersionProblem } from './node-version.js';

// Imported first by src/index.ts, so the check runs before any library is loaded.
const problem = nodeVersionProblem(process.version);
if (problem) {
  process.stderr.write(`${problem}\n`);
  process.exit(1);
}
