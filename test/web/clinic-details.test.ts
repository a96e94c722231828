import { expect } from 'chai';
import { loadConfig } from '../../src/config/config.js';
import { clinicDetails } from '../../src/config/clinic.js';
import { loadStrings } from '../../src/strings/index.js';
import { fillManifest } from '../../src/teams/manifest.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../src/paths.js';
import { startTestApp } from '../support/app.js';

const clinic = {
  CLINIC_NAME: 'Rose & Thorn <Skin>',
  CLINIC_PHONE: '+44 20 7946 0000',
  CLINIC_EMAIL: 'hello@rose.example',
  EMERGENCY_NUMBER: '999',
};

describe('The clinic as the person sees it (CLINIC_NAME, CLINIC_PHONE, CLINIC_EMAIL, EMERGENCY_NUMBER)', () => {
  it('names the emergency number and the clinic contact in replies, and says the general words without them', () => {
    const configured = loadStrings('en', undefined, clinicDetails(loadConfig(clinic)));
    expect(configured('outcome.emergency')).to.equal('This could be a serious reaction. Call 999 now.');
    expect(configured('humanUnavailable')).to.contain(
      'reach Rose & Thorn <Skin> directly (phone +44 20 7946 0000 or e-mail hello@rose.example)',
    );
    expect(configured('rateLimited')).to.contain('call 999.');
    const plain = loadStrings('en', undefined, clinicDetails(loadConfig({})));
    expect(plain('outcome.emergency')).to.equal('This could be a serious reaction. Call your local emergency number now.');
    expect(plain('humanUnavailable')).to.contain('reach Your Skin Clinic directly.');
    const phoneOnly = loadStrings('en', undefined, clinicDetails(loadConfig({ CLINIC_PHONE: '020 7946 0000' })));
    expect(phoneOnly('humanUnavailable')).to.contain('directly (phone 020 7946 0000).');
  });

  it('shows the name, tap-to-call and mail links on the page, escaped', async () => {
    const app = await startTestApp(clinic);
    try {
      const html = await (await fetch(`${app.baseUrl}/`)).text();
      expect(html).to.contain('<p class="brand">Rose &amp; Thorn &lt;Skin&gt;</p>');
      expect(html).to.contain('<a class="emergency-call" href="tel:999">999</a>');
      expect(html).to.contain('<a href="tel:+442079460000">+44 20 7946 0000</a>');
      expect(html).to.contain('<a href="mailto:hello@rose.example">hello@rose.example</a>');
      expect(html).to.not.match(/\{\{\w+\}\}/);
    } finally {
      await app.close();
    }
  });

  it('shows the default name and "your local emergency number" without them', async () => {
    const app = await startTestApp();
    try {
      const html = await (await fetch(`${app.baseUrl}/`)).text();
      expect(html).to.contain('<p class="brand">Your Skin Clinic</p>');
      expect(html).to.contain('In an emergency, call your local emergency number.');
      expect(html).to.not.contain('tel:');
    } finally {
      await app.close();
    }
  });

  it('puts the clinic name in the Teams manifest as its developer', () => {
    const template = readFileSync(join(projectRoot, 'teams', 'manifest.template.json'), 'utf8');
    const manifest = fillManifest(template, {
      botId: '6f1c0a52-1234-4abc-8def-0123456789ab',
      teamsAppId: '0b6e0a52-1234-4abc-8def-0123456789ab',
      websiteUrl: 'https://rose.example/',
      privacyUrl: 'https://rose.example/privacy',
      termsUrl: 'https://rose.example/terms',
      clinicName: 'Rose & Thorn "Skin"',
    }) as { developer: { name: string } };
    expect(manifest.developer.name).to.equal('Rose & Thorn "Skin"');
  });

  const mistakes: Array<[Record<string, string>, string]> = [
    [{ CLINIC_PHONE: 'call us' }, 'CLINIC_PHONE'],
    [{ CLINIC_EMAIL: 'not-an-email' }, 'CLINIC_EMAIL'],
    [{ EMERGENCY_NUMBER: 'nine nine nine' }, 'EMERGENCY_NUMBER'],
    [{ CLINIC_NAME: 'x'.repeat(81) }, 'CLINIC_NAME'],
  ];
  for (const [env, variable] of mistakes) {
    it(`stops with one line naming ${variable} for ${JSON.stringify(env).slice(0, 60)}`, () => {
      expect(() => loadConfig(env)).to.throw(new RegExp(`^Invalid configuration: ${variable}: expected`));
    });
  }
});
