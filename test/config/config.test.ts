import { expect } from 'chai';
import { ConfigError, loadConfig } from '../../src/config/config.js';

const production = { NODE_ENV: 'production', MicrosoftAppId: 'app-id', MicrosoftAppPassword: 'app-password' };

describe('Configuration', () => {
  it('has working defaults for local development', () => {
    const config = loadConfig({});
    expect(config).to.include({ PORT: 3978, DATA_DIR: './data', STORAGE: 'lowdb', RETENTION_DAYS: 30, host: '127.0.0.1', localMode: true });
  });

  it('binds to every interface in production unless HOST says otherwise', () => {
    expect(loadConfig({ ...production }).host).to.equal('0.0.0.0');
    expect(loadConfig({ ...production, HOST: '10.0.0.5' }).host).to.equal('10.0.0.5');
  });

  it('starts in production with a managed identity, which has no password', () => {
    expect(loadConfig({ NODE_ENV: 'production', MicrosoftAppId: 'id', MicrosoftAppType: 'UserAssignedMSI' }).localMode).to.equal(false);
  });

  it('leaves local mode when a Microsoft App ID is set', () => {
    expect(loadConfig({ MicrosoftAppId: 'id', MicrosoftAppPassword: 'secret' }).localMode).to.equal(false);
  });

  const badValues: Array<[Record<string, string>, string]> = [
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ STORAGE: 'postgres' }, 'STORAGE'],
    [{ RETENTION_DAYS: '0' }, 'RETENTION_DAYS'],
    [{ RETENTION_DAYS: 'a week' }, 'RETENTION_DAYS'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV'],
    [{ BOOKING_URL: 'not a url' }, 'BOOKING_URL'],
    [{ BOOKING_URL: 'ftp://clinic.example/book' }, 'BOOKING_URL'],
    [{ MicrosoftAppType: 'Personal' }, 'MicrosoftAppType'],
    [{ MicrosoftAppPassword: 'secret' }, 'MicrosoftAppId'],
    [{ MicrosoftAppId: 'id', MicrosoftAppType: 'SingleTenant' }, 'MicrosoftAppTenantId'],
    [{ WHATSAPP_GRAPH_API_BASE: 'graph' }, 'WHATSAPP_GRAPH_API_BASE'],
    [{ AZURE_STORAGE_CONTAINER: 'Bad_Name' }, 'AZURE_STORAGE_CONTAINER'],
    [{ WHATSAPP_VERIFY_TOKEN: 'v', WHATSAPP_ACCESS_TOKEN: 'a' }, 'WHATSAPP_APP_SECRET'],
    [{ PRIVACY_URL: 'http://clinic.example/privacy' }, 'PRIVACY_URL'],
    [{ TEAMS_APP_ID: 'not-a-guid' }, 'TEAMS_APP_ID'],
    [{ DIRECT_LINE_BASE: 'ftp://dl' }, 'DIRECT_LINE_BASE'],
    // Production refuses to run open (local mode) or with half the WhatsApp secrets.
    [{ NODE_ENV: 'production' }, 'MicrosoftAppId'],
    [{ NODE_ENV: 'production', MicrosoftAppId: 'app-id' }, 'MicrosoftAppPassword'],
    [{ ...production, WHATSAPP_VERIFY_TOKEN: 'v', WHATSAPP_APP_SECRET: 's', WHATSAPP_PHONE_NUMBER_ID: '1' }, 'WHATSAPP_ACCESS_TOKEN'],
  ];
  for (const [env, variable] of badValues) {
    it(`stops with one line naming ${variable} for ${JSON.stringify(env)}`, () => {
      let error: unknown;
      try {
        loadConfig(env);
      } catch (caught) {
        error = caught;
      }
      expect(error).to.be.instanceOf(ConfigError);
      const message = (error as Error).message;
      expect(message).to.contain(`${variable}:`);
      expect(message.split('\n')).to.have.length(1);
    });
  }

  it('accepts an empty BOOKING_URL as not set', () => {
    expect(loadConfig({ BOOKING_URL: '' }).BOOKING_URL).to.equal(undefined);
  });
});
