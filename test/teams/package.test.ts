import { expect } from 'chai';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { runTeamsPackage } from '../../src/cli/teams-package.js';
import { readPngHeader } from '../../src/teams/png.js';
import { projectRoot } from '../../src/paths.js';
import { makeTempDir } from '../support/temp-dir.js';

const APP_ID = '6f1c0a52-1234-4abc-8def-0123456789ab';
const env = {
  MicrosoftAppId: APP_ID,
  MicrosoftAppPassword: 'secret',
  MicrosoftAppTenantId: '0b6e0a52-1234-4abc-8def-0123456789ab',
  WEBSITE_URL: 'https://clinic.example/',
  PRIVACY_URL: 'https://clinic.example/privacy',
  TERMS_URL: 'https://clinic.example/terms',
};
const template = readFileSync(join(projectRoot, 'teams', 'manifest.template.json'), 'utf8');

async function packageWith(templateText: string, environment: NodeJS.ProcessEnv = env) {
  const temp = await makeTempDir('teams-');
  const templateFile = join(temp.dir, 'manifest.template.json');
  writeFileSync(templateFile, templateText);
  const lines: string[] = [];
  const code = await runTeamsPackage(['--template', templateFile, '--out', join(temp.dir, 'out')], environment, (line) => lines.push(line));
  return { code, output: lines.join('\n'), outDir: join(temp.dir, 'out'), remove: temp.remove };
}

/** The template with one change made to its JSON. */
function broken(change: (manifest: any) => void): string {
  const manifest = JSON.parse(template);
  change(manifest);
  return JSON.stringify(manifest);
}

describe('Teams app package', () => {
  it('fills in the bot id and URLs, draws valid icons, validates offline and zips', async () => {
    const result = await packageWith(template);
    try {
      expect(result.code, result.output).to.equal(0);
      const files = unzipSync(new Uint8Array(readFileSync(join(result.outDir, 'appPackage.zip'))));
      expect(Object.keys(files).sort()).to.deep.equal(['color.png', 'manifest.json', 'outline.png']);
      const manifest = JSON.parse(strFromU8(files['manifest.json']!));
      expect(manifest.manifestVersion).to.equal('1.30');
      expect(manifest.bots[0].botId).to.equal(APP_ID);
      expect(manifest.developer.privacyUrl).to.equal(env.PRIVACY_URL);
      expect(manifest.bots[0].commandLists[0].commands.map((c: { title: string }) => c.title)).to.deep.equal([
        'help',
        'start over',
        'what do you know about me',
        'forget me',
      ]);
      expect(readPngHeader(Buffer.from(files['color.png']!))).to.deep.include({ width: 192, height: 192, colourType: 6 });
      expect(readPngHeader(Buffer.from(files['outline.png']!))).to.deep.include({ width: 32, height: 32, colourType: 6 });
    } finally {
      await result.remove();
    }
  });

  const brokenCases: Array<[string, string, RegExp]> = [
    ['a missing privacy URL', broken((m) => delete m.developer.privacyUrl), /privacyUrl/],
    ['an unknown scope', broken((m) => (m.bots[0].scopes = ['everywhere'])), /scopes/],
    ['a field the schema does not know', broken((m) => (m.colour = 'teal')), /additional|colour/i],
    ['an older manifest version', broken((m) => (m.manifestVersion = '1.5')), /manifestVersion/],
    ['a bot id that is not a GUID', broken((m) => (m.bots[0].botId = 'my-bot')), /botId/],
    ['text that is not JSON', '{ "manifestVersion": "1.30", ', /not JSON/],
  ];
  for (const [name, text, reason] of brokenCases) {
    it(`fails on ${name}, naming the reason`, async () => {
      const result = await packageWith(text);
      try {
        expect(result.code).to.equal(1);
        expect(result.output).to.match(/not a valid Teams app package/);
        expect(result.output).to.match(reason);
      } finally {
        await result.remove();
      }
    });
  }

  it('refuses a MicrosoftAppId that is not a GUID in one line', async () => {
    const result = await packageWith(template, { ...env, MicrosoftAppId: 'not-a-guid' });
    try {
      expect(result.code).to.equal(2);
      expect(result.output).to.equal('Invalid configuration: MicrosoftAppId: expected a GUID, found "not-a-guid"');
    } finally {
      await result.remove();
    }
  });
});
