import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REQUIRED_NODE_MAJOR, nodeVersionProblem } from '../../src/config/node-version.js';
import { projectRoot } from '../../src/paths.js';
import { SERVER_PROCESS_CWD, TSX_LOADER } from '../support/server-process.js';

describe('The Node.js the bot runs on', () => {
  const cases: Array<{ version: string; supported: boolean }> = [
    { version: 'v24.0.0', supported: true },
    { version: 'v24.21.0', supported: true },
    { version: 'v26.1.0', supported: true },
    { version: 'v22.11.0', supported: false },
    { version: 'v20.20.2', supported: false },
    { version: 'v18.0.0', supported: false },
    { version: 'not a version', supported: false },
  ];
  for (const { version, supported } of cases) {
    it(`${supported ? 'accepts' : 'refuses'} ${version}`, () => {
      const problem = nodeVersionProblem(version);
      if (supported) expect(problem).to.equal(undefined);
      else
        expect(problem).to.match(
          new RegExp(`^Unsupported Node\\.js ${version}: the bot needs Node\\.js ${REQUIRED_NODE_MAJOR} LTS or later`),
        );
    });
  }

  it('is the version package.json asks for (engines) and the one the npm scripts run on (the node dev dependency)', () => {
    const manifest = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as {
      engines: { node: string };
      devDependencies: Record<string, string>;
    };
    expect(manifest.engines.node).to.match(new RegExp(`^>=${REQUIRED_NODE_MAJOR}(\\.|$)`));
    expect(manifest.devDependencies['node']).to.match(new RegExp(`^\\^${REQUIRED_NODE_MAJOR}\\.`));
    expect(Number(process.versions.node.split('.')[0])).to.be.at.least(REQUIRED_NODE_MAJOR);
  });

  it('stops the start on an older Node with one line, before anything else is loaded', async function () {
    this.timeout(30_000);
    // The process reports an older version than it is: what the start sees on a machine with Node 20.
    const olderNode = "data:text/javascript,Object.defineProperty(process,'version',{value:'v20.20.2'})";
    const child = spawn(process.execPath, ['--import', TSX_LOADER, '--import', olderNode, join(projectRoot, 'src', 'index.ts')], {
      cwd: SERVER_PROCESS_CWD,
      env: { PATH: process.env['PATH'] ?? '', PORT: '0', DATA_DIR: join(tmpdir(), 'node-version-never-made') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).to.equal(1);
    expect(stdout).to.equal('');
    expect(stderr.trim().split('\n')).to.deep.equal([nodeVersionProblem('v20.20.2')]);
  });
});
