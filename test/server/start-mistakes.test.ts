import { expect } from 'chai';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { projectRoot } from '../../src/paths.js';
import { messageActivity } from '../support/app.js';
import { makeTempDir } from '../support/temp-dir.js';
import { runStartExpectingExit, startServerProcess } from '../support/server-process.js';

/** The start's output without Node's own deprecation notices (none are expected on Node 24 with restify 12; the filter stays for whatever a library adds). */
function ownLines(stderr: string): string[] {
  return stderr.split('\n').filter((line) => line.trim() !== '' && !/DeprecationWarning|--trace-deprecation/.test(line));
}

function listenOnFreePort(): Promise<{ server: Server; port: number }> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve({ server, port: typeof address === 'object' && address ? address.port : 0 });
    });
  });
}

const productionCredentials = {
  NODE_ENV: 'production',
  HOST: '127.0.0.1',
  MicrosoftAppId: '6f1c0a52-1234-4abc-8def-0123456789ab',
  MicrosoftAppPassword: 'app-password',
  MicrosoftAppTenantId: '0b6e0a52-1234-4abc-8def-0123456789ab',
};

describe('Start-up mistakes an operator makes: one line naming the variable', function () {
  this.timeout(40_000);

  const refusals: Array<{ mistake: string; env: Record<string, string>; line: RegExp }> = [
    {
      mistake: 'a storage connection string that is not one',
      env: { STORAGE: 'blob', AZURE_STORAGE_CONNECTION_STRING: 'garbage' },
      line: /^Invalid configuration: AZURE_STORAGE_CONNECTION_STRING: expected an Azure Storage connection string/,
    },
    {
      mistake: 'a HOST that is no address',
      env: { HOST: '999.1.1.1' },
      line: /^Invalid configuration: HOST: expected an IP address or host name/,
    },
    {
      mistake: 'a HOST that is not an address of this machine',
      env: { HOST: '192.0.2.1' },
      line: /^Invalid configuration: HOST: cannot listen on 192\.0\.2\.1 \(EADDRNOTAVAIL\); expected an address of this machine/,
    },
    {
      mistake: 'half the WhatsApp variables',
      env: { WHATSAPP_VERIFY_TOKEN: 'v', WHATSAPP_APP_SECRET: 's' },
      line: /^Invalid configuration: WHATSAPP_ACCESS_TOKEN, WHATSAPP_PHONE_NUMBER_ID: required when WhatsApp is configured/,
    },
    {
      mistake: 'production with a single-tenant bot and no tenant',
      env: { ...productionCredentials, MicrosoftAppTenantId: '' },
      line: /^Invalid configuration: MicrosoftAppTenantId: required when MicrosoftAppType is SingleTenant/,
    },
  ];
  for (const { mistake, env, line } of refusals) {
    it(`stops on ${mistake}`, async () => {
      const temp = await makeTempDir('mistake-');
      try {
        const { code, stderr } = await runStartExpectingExit({ PORT: '0', DATA_DIR: temp.dir, ...env });
        expect(code).to.equal(1);
        expect(ownLines(stderr)).to.have.length(1);
        expect(ownLines(stderr)[0]).to.match(line);
      } finally {
        await temp.remove();
      }
    });
  }

  it('stops when DATA_DIR is a file', async () => {
    const temp = await makeTempDir('mistake-');
    try {
      const file = join(temp.dir, 'not-a-folder');
      writeFileSync(file, 'x');
      const { code, stderr } = await runStartExpectingExit({ PORT: '0', DATA_DIR: file });
      expect(code).to.equal(1);
      expect(ownLines(stderr)).to.deep.equal([
        `Invalid configuration: DATA_DIR: ${file} is a file; expected a folder the bot can write to`,
      ]);
    } finally {
      await temp.remove();
    }
  });

  it('stops when DATA_DIR is under a file (it cannot be made)', async () => {
    const temp = await makeTempDir('mistake-');
    try {
      const file = join(temp.dir, 'file');
      writeFileSync(file, 'x');
      const { code, stderr } = await runStartExpectingExit({ PORT: '0', DATA_DIR: join(file, 'data') });
      expect(code).to.equal(1);
      expect(ownLines(stderr)).to.have.length(1);
      expect(ownLines(stderr)[0]).to.match(/^Invalid configuration: DATA_DIR: cannot write to .*\(ENOTDIR\)/);
    } finally {
      await temp.remove();
    }
  });

  it('stops when the port is in use', async () => {
    const temp = await makeTempDir('mistake-');
    const taken = await listenOnFreePort();
    try {
      const { code, stderr } = await runStartExpectingExit({ PORT: String(taken.port), DATA_DIR: temp.dir });
      expect(code).to.equal(1);
      expect(ownLines(stderr)).to.deep.equal([
        `Invalid configuration: PORT: ${taken.port} is already in use on 127.0.0.1; set PORT to a free port`,
      ]);
    } finally {
      taken.server.close();
      await temp.remove();
    }
  });

  it('starts from a copied .env.example, healthy, and prints the chat page', async () => {
    const temp = await makeTempDir('example-env-');
    const example = readFileSync(join(projectRoot, '.env.example'), 'utf8');
    const env = Object.fromEntries([...example.matchAll(/^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/gm)].map((match) => [match[1]!, match[2]!]));
    const server = await startServerProcess({ ...env, PORT: '0', DATA_DIR: temp.dir });
    try {
      const health = await fetch(`${server.baseUrl}/healthz`);
      expect(health.status).to.equal(200);
      const port = new URL(server.baseUrl).port;
      expect(server.stdout().split('\n')).to.include(`Chat page: http://localhost:${port}/`);
    } finally {
      await server.stop();
      await temp.remove();
    }
  });

  describe('in production', () => {
    it('warns once without a Direct Line secret, serves, and refuses an unauthenticated activity without a stack trace', async () => {
      const temp = await makeTempDir('production-');
      const server = await startServerProcess({ ...productionCredentials, PORT: '0', DATA_DIR: temp.dir });
      try {
        const refused = await fetch(`${server.baseUrl}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(messageActivity('hello')),
        });
        expect(refused.status).to.equal(401);
        expect(await refused.json()).to.deep.include({ error: 'unauthorized' });
        const forged = await fetch(`${server.baseUrl}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: 'Bearer not.a.token' },
          body: JSON.stringify(messageActivity('hello')),
        });
        expect(forged.status).to.equal(401);
        expect((await fetch(`${server.baseUrl}/healthz`)).status).to.equal(200);
      } finally {
        await server.stop();
        await temp.remove();
      }
      expect(ownLines(server.stderr())).to.deep.equal([
        'Configuration warning: DIRECT_LINE_SECRET: not set, so the website chat cannot connect (Teams and WhatsApp still work)',
      ]);
    });
  });
});
