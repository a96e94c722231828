/**
 * The Node.js line the bot runs on: 24 LTS (package.json `engines`). restify 12 needs 22 or
 * later, and 24 is the line with security fixes; an older Node stops the start with one line
 * rather than failing later in a library.
 */
export const REQUIRED_NODE_MAJOR = 24;

/** The one line a start on an unsupported Node prints, or undefined when the version is supported. */
export function nodeVersionProblem(version: string): string | undefined {
  const major = Number(/^v?(\d+)\./.exec(version)?.[1]);
  if (Number.isInteger(major) && major >= REQUIRED_NODE_MAJOR) return undefined;
  return (
    `Unsupported Node.js ${version}: the bot needs Node.js ${REQUIRED_NODE_MAJOR} LTS or later; install it, ` +
    `or use npm start after a full npm ci (it brings Node.js ${REQUIRED_NODE_MAJOR} for the npm scripts)`
  );
}
