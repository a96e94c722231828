import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_VARIABLES, loadConfig } from '../../src/config/config.js';
import { projectRoot } from '../../src/paths.js';

const read = (file: string) => readFileSync(join(projectRoot, file), 'utf8');

/** The variables the README's configuration table lists (its first column, every `NAME` in it). */
function readmeVariables(): string[] {
  const table = read('README.md').split('## Configuration')[1]!.split('\n## ')[0]!;
  const names = table
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .flatMap((line) => [...line.split('|')[1]!.matchAll(/`([A-Za-z_][A-Za-z0-9_]*)`/g)].map((match) => match[1]!));
  return [...new Set(names)];
}

/** The app settings main.bicep writes (`NAME: value` lines inside its settings objects). */
function bicepSettings(): string[] {
  const bicep = read('infra/main.bicep');
  const block = bicep.slice(bicep.indexOf('var platformSettings'), bicep.indexOf('var appSettings'));
  return [...block.matchAll(/^\s+([A-Za-z_][A-Za-z0-9_]*): /gm)].map((match) => match[1]!);
}

/** The image's environment, from the Dockerfile's runtime stage. */
function imageEnvironment(): Record<string, string> {
  const runtime = read('Dockerfile').split(' AS runtime')[1]!;
  const env = /^ENV ((?:.*\\\n)*.*)$/m.exec(runtime)![1]!;
  return Object.fromEntries([...env.matchAll(/([A-Za-z_]+)=(\S+)/g)].map((match) => [match[1]!, match[2]!]));
}

describe('The deployment keeps every setting, and the image can be tried', () => {
  it('the README lists the settings the configuration reads, and .env.example has each', () => {
    const example = new Set([...read('.env.example').matchAll(/^([A-Za-z_][A-Za-z0-9_]*)=/gm)].map((match) => match[1]!));
    const listed = readmeVariables();
    expect([...listed].sort()).to.deep.equal([...CONFIG_VARIABLES].sort());
    expect(listed.filter((name) => !example.has(name))).to.deep.equal([]);
    expect([...example].filter((name) => !listed.includes(name))).to.deep.equal([]);
  });

  it('.env.example says SingleTenant, as the configuration defaults', () => {
    expect(read('.env.example')).to.match(/^MicrosoftAppType=SingleTenant$/m);
    expect(loadConfig({}).MicrosoftAppType).to.equal('SingleTenant');
  });

  it('main.bicep writes every setting of the README from a parameter, so a redeployment keeps them', () => {
    const written = bicepSettings();
    expect(readmeVariables().filter((name) => !written.includes(name))).to.deep.equal([]);
    // And nothing the bot does not read, but the platform's own two.
    expect(written.filter((name) => !readmeVariables().includes(name))).to.deep.equal(['WEBSITES_PORT', 'SCM_DO_BUILD_DURING_DEPLOYMENT']);
  });

  it('main.bicep takes every secret as a secure parameter', () => {
    const bicep = read('infra/main.bicep');
    for (const parameter of [
      'msaAppPassword',
      'auditSecret',
      'directLineSecret',
      'handoffWebhookSecret',
      'adminToken',
      'whatsappVerifyToken',
      'whatsappAppSecret',
      'whatsappAccessToken',
    ]) {
      expect(bicep, parameter).to.match(new RegExp(`@secure\\(\\)\\n(@[^\\n]*\\n)*param ${parameter} string`));
    }
  });

  it('the image refuses to run in production without the Azure Bot credentials', () => {
    expect(() => loadConfig(imageEnvironment())).to.throw('Invalid configuration: MicrosoftAppId: required when NODE_ENV is production');
  });

  it("the README's one command tries the image on a laptop: local mode and Direct Line, on every interface", () => {
    const command = /^docker run --rm -p 3978:3978 -e NODE_ENV=development skin-guide$/m;
    expect(read('README.md')).to.match(command);
    expect(read('Dockerfile')).to.match(/^#\s+docker run --rm -p 3978:3978 -e NODE_ENV=development skin-guide$/m);
    const config = loadConfig({ ...imageEnvironment(), NODE_ENV: 'development' });
    expect(config).to.include({ localMode: true, localDirectLine: true, host: '0.0.0.0', PORT: 3978, DATA_DIR: '/data' });
  });
});
