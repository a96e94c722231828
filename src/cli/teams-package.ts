import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConfigError, loadConfig } from '../config/config.js';
import { projectRoot } from '../paths.js';
import { buildTeamsPackage, isGuid, MANIFEST_VERSION, teamsAppIdFor, type PackageSettings } from '../teams/manifest.js';

/** Used when a value is not configured: the package validates, but is not for upload. */
const PLACEHOLDERS = {
  botId: '00000000-0000-0000-0000-000000000000',
  websiteUrl: 'https://clinic.example/',
  privacyUrl: 'https://clinic.example/privacy',
  termsUrl: 'https://clinic.example/terms',
};

function argument(args: string[], name: string): string | undefined {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? args[index + 1] : undefined;
}

/**
 * `npm run teams:package [-- --template FILE --out DIR]`: fills in MicrosoftAppId and the
 * privacy, terms and website URLs, draws the icons, validates offline against the Teams
 * schema (MANIFEST_VERSION) and writes DIR/appPackage.zip. Exit 1 with every problem named when it is invalid.
 */
export async function runTeamsPackage(args: string[], env: NodeJS.ProcessEnv, print: (line: string) => void): Promise<number> {
  const templateFile = resolve(argument(args, 'template') ?? join(projectRoot, 'teams', 'manifest.template.json'));
  const outDir = resolve(argument(args, 'out') ?? join(projectRoot, 'teams', 'build'));
  let config;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      print(error.message);
      return 2;
    }
    throw error;
  }
  if (config.MicrosoftAppId && !isGuid(config.MicrosoftAppId)) {
    print(`Invalid configuration: MicrosoftAppId: expected a GUID, found "${config.MicrosoftAppId}"`);
    return 2;
  }
  const botId = config.MicrosoftAppId ?? PLACEHOLDERS.botId;
  const settings: PackageSettings = {
    botId,
    teamsAppId: config.TEAMS_APP_ID ?? teamsAppIdFor(botId),
    websiteUrl: config.WEBSITE_URL ?? PLACEHOLDERS.websiteUrl,
    privacyUrl: config.PRIVACY_URL ?? PLACEHOLDERS.privacyUrl,
    termsUrl: config.TERMS_URL ?? PLACEHOLDERS.termsUrl,
    clinicName: config.CLINIC_NAME,
  };
  const missing = [
    !config.MicrosoftAppId && 'MicrosoftAppId',
    !config.WEBSITE_URL && 'WEBSITE_URL',
    !config.PRIVACY_URL && 'PRIVACY_URL',
    !config.TERMS_URL && 'TERMS_URL',
  ].filter(Boolean);
  if (missing.length > 0)
    print(`teams:package: placeholders used for ${missing.join(', ')}: the package validates but is not ready to upload`);

  const built = await buildTeamsPackage(readFileSync(templateFile, 'utf8'), settings);
  if (built.problems.length > 0) {
    print(`teams:package: ${templateFile} is not a valid Teams app package:`);
    for (const problem of built.problems) print(`  - ${problem}`);
    return 1;
  }
  mkdirSync(outDir, { recursive: true });
  for (const [name, data] of Object.entries(built.files)) writeFileSync(join(outDir, name), data);
  writeFileSync(join(outDir, 'appPackage.zip'), built.zip);
  print(`teams:package: ${join(outDir, 'appPackage.zip')} (manifest ${MANIFEST_VERSION}, bot ${settings.botId}) is valid`);
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (existsSync('.env')) process.loadEnvFile('.env');
  runTeamsPackage(process.argv.slice(2), process.env, (line) => process.stdout.write(`${line}\n`)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`teams:package failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
