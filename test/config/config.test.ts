import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../../src/config/config.js';
import { projectRoot } from '../../src/paths.js';

const production = {
  NODE_ENV: 'production',
  MicrosoftAppId: 'app-id',
  MicrosoftAppPassword: 'app-password',
  MicrosoftAppTenantId: 'tenant-id',
};

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
    expect(
      loadConfig({ NODE_ENV: 'production', MicrosoftAppId: 'id', MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: 't' })
        .localMode,
    ).to.equal(false);
  });

  it('leaves local mode when a Microsoft App ID is set', () => {
    expect(loadConfig({ MicrosoftAppId: 'id', MicrosoftAppPassword: 'secret', MicrosoftAppTenantId: 'tenant' }).localMode).to.equal(false);
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
    [{ MicrosoftAppId: 'id', MicrosoftAppType: 'UserAssignedMSI' }, 'MicrosoftAppTenantId'],
    [{ WHATSAPP_GRAPH_API_BASE: 'graph' }, 'WHATSAPP_GRAPH_API_BASE'],
    [{ AZURE_STORAGE_CONTAINER: 'Bad_Name' }, 'AZURE_STORAGE_CONTAINER'],
    [{ WHATSAPP_VERIFY_TOKEN: 'v', WHATSAPP_ACCESS_TOKEN: 'a' }, 'WHATSAPP_APP_SECRET, WHATSAPP_PHONE_NUMBER_ID'],
    [{ AZURE_STORAGE_CONNECTION_STRING: 'garbage' }, 'AZURE_STORAGE_CONNECTION_STRING'],
    [{ STORAGE: 'blob', AZURE_STORAGE_CONNECTION_STRING: 'AccountName=clinic' }, 'AZURE_STORAGE_CONNECTION_STRING'],
    [{ AZURE_STORAGE_CONNECTION_STRING: 'AccountKey=a2V5;BlobEndpoint=not a url' }, 'AZURE_STORAGE_CONNECTION_STRING'],
    [{ HOST: '999.1.1.1' }, 'HOST'],
    [{ HOST: 'local host' }, 'HOST'],
    [{ NODE_ENV: 'production', MicrosoftAppId: 'app-id', MicrosoftAppPassword: 'secret' }, 'MicrosoftAppTenantId'],
    [{ PRIVACY_URL: 'http://clinic.example/privacy' }, 'PRIVACY_URL'],
    [{ TEAMS_APP_ID: 'not-a-guid' }, 'TEAMS_APP_ID'],
    [{ DIRECT_LINE_BASE: 'ftp://dl' }, 'DIRECT_LINE_BASE'],
    [{ ADMIN_TOKEN: 'too-short-for-an-admin-token' }, 'ADMIN_TOKEN'],
    [{ ADMIN_TOKEN: 'x'.repeat(31) }, 'ADMIN_TOKEN'],
    [{ INSIGHTS_MIN_COUNT: '0' }, 'INSIGHTS_MIN_COUNT'],
    [{ INSIGHTS_MIN_COUNT: '2.5' }, 'INSIGHTS_MIN_COUNT'],
    [{ INSIGHTS_MIN_COUNT: 'five' }, 'INSIGHTS_MIN_COUNT'],
    [{ MAX_CONNECTIONS_PER_CLIENT: '0' }, 'MAX_CONNECTIONS_PER_CLIENT'],
    [{ MAX_CONNECTIONS_PER_CLIENT: 'many' }, 'MAX_CONNECTIONS_PER_CLIENT'],
    [{ WHATSAPP_MAX_MESSAGES_PER_WEBHOOK: '0' }, 'WHATSAPP_MAX_MESSAGES_PER_WEBHOOK'],
    // Production refuses to run open (local mode) or with half the WhatsApp secrets.
    [{ NODE_ENV: 'production' }, 'MicrosoftAppId'],
    [{ NODE_ENV: 'production', MicrosoftAppId: 'app-id', MicrosoftAppTenantId: 'tenant' }, 'MicrosoftAppPassword'],
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

  const insightsValues: Array<[Record<string, string>, { ADMIN_TOKEN: string | undefined; INSIGHTS_MIN_COUNT: number }]> = [
    [{}, { ADMIN_TOKEN: undefined, INSIGHTS_MIN_COUNT: 5 }],
    [
      { ADMIN_TOKEN: '', INSIGHTS_MIN_COUNT: '' },
      { ADMIN_TOKEN: undefined, INSIGHTS_MIN_COUNT: 5 },
    ],
    [
      { ADMIN_TOKEN: 'a'.repeat(32), INSIGHTS_MIN_COUNT: '1' },
      { ADMIN_TOKEN: 'a'.repeat(32), INSIGHTS_MIN_COUNT: 1 },
    ],
    [
      { ADMIN_TOKEN: ` ${'b'.repeat(64)} `, INSIGHTS_MIN_COUNT: '20' },
      { ADMIN_TOKEN: 'b'.repeat(64), INSIGHTS_MIN_COUNT: 20 },
    ],
  ];
  for (const [env, expected] of insightsValues) {
    it(`reads the insights settings ${JSON.stringify(env)}`, () => {
      const config = loadConfig(env);
      expect({ ADMIN_TOKEN: config.ADMIN_TOKEN, INSIGHTS_MIN_COUNT: config.INSIGHTS_MIN_COUNT }).to.deep.equal(expected);
    });
  }

  it('accepts an empty BOOKING_URL as not set', () => {
    expect(loadConfig({ BOOKING_URL: '' }).BOOKING_URL).to.equal(undefined);
  });

  it('reads every variable of .env.example left empty as its default', () => {
    const example = readFileSync(join(projectRoot, '.env.example'), 'utf8');
    const names = [...example.matchAll(/^([A-Za-z_][A-Za-z0-9_]*)=/gm)].map((match) => match[1]!);
    expect(names.length).to.be.greaterThan(20);
    for (const name of names) {
      expect(loadConfig({ [name]: '' }), name).to.deep.equal(loadConfig({}));
      expect(loadConfig({ [name]: '   ' }), name).to.deep.equal(loadConfig({}));
    }
  });

  it('starts from a copied .env.example as it is', () => {
    const example = readFileSync(join(projectRoot, '.env.example'), 'utf8');
    const env = Object.fromEntries([...example.matchAll(/^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/gm)].map((match) => [match[1]!, match[2]!]));
    expect(loadConfig(env)).to.include({ PORT: 3978, STORAGE: 'lowdb', localMode: true, whatsappEnabled: false });
  });

  it('defaults the bot registration to SingleTenant (Azure creates no new multi-tenant bots)', () => {
    expect(loadConfig({}).MicrosoftAppType).to.equal('SingleTenant');
    expect(loadConfig({ MicrosoftAppId: 'id', MicrosoftAppPassword: 'pw', MicrosoftAppType: 'MultiTenant' }).localMode).to.equal(false);
  });

  const connectionStrings = [
    'DefaultEndpointsProtocol=https;AccountName=clinic;AccountKey=a2V5;EndpointSuffix=core.windows.net',
    'UseDevelopmentStorage=true',
    'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;',
    'BlobEndpoint=https://clinic.blob.core.windows.net/;SharedAccessSignature=sv=2024&sig=abc',
  ];
  for (const value of connectionStrings) {
    it(`accepts the storage connection string ${value.slice(0, 40)}...`, () => {
      expect(loadConfig({ STORAGE: 'blob', AZURE_STORAGE_CONNECTION_STRING: value }).AZURE_STORAGE_CONNECTION_STRING).to.equal(value);
    });
  }

  for (const host of ['127.0.0.1', '0.0.0.0', '::', '::1', 'localhost', 'bot.internal']) {
    it(`accepts HOST=${host}`, () => expect(loadConfig({ HOST: host }).host).to.equal(host));
  }

  it('warns once, without stopping, when production has no Direct Line secret (the website cannot connect)', () => {
    expect(loadConfig({ ...production }).warnings).to.deep.equal([
      'Configuration warning: DIRECT_LINE_SECRET: not set, so the website chat cannot connect (Teams and WhatsApp still work)',
    ]);
    expect(loadConfig({ ...production, DIRECT_LINE_SECRET: 'secret' }).warnings).to.deep.equal([]);
    expect(loadConfig({}).warnings).to.deep.equal([]);
  });
});
