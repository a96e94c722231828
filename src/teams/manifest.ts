import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ManifestUtil, type TeamsAppManifest } from '@microsoft/app-manifest';
import { zipSync } from 'fflate';
import { encodePng, readPngHeader, type RgbaImage } from './png.js';
import { colorIcon, outlineIcon } from './icons.js';

export interface PackageSettings {
  botId: string;
  teamsAppId: string;
  websiteUrl: string;
  privacyUrl: string;
  termsUrl: string;
  /** CLINIC_NAME: the developer shown in Teams. */
  clinicName: string;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isGuid(value: string): boolean {
  return GUID.test(value);
}

/** A stable Teams app id for a bot id, so repackaging keeps the same app in Teams. */
export function teamsAppIdFor(botId: string): string {
  const hex = createHash('sha256').update(`teams-app:${botId}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The template with its {{PLACEHOLDERS}} filled; JSON-escaped, so a value cannot break out. */
export function fillManifest(template: string, settings: PackageSettings): unknown {
  const values: Record<string, string> = {
    MicrosoftAppId: settings.botId,
    TEAMS_APP_ID: settings.teamsAppId,
    WEBSITE_URL: settings.websiteUrl,
    PRIVACY_URL: settings.privacyUrl,
    TERMS_URL: settings.termsUrl,
    CLINIC_NAME: settings.clinicName,
  };
  const filled = template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) =>
    name in values ? JSON.stringify(values[name]).slice(1, -1) : whole,
  );
  return JSON.parse(filled);
}

/** The manifest version this app is written for: the newest schema bundled in @microsoft/app-manifest. */
export const MANIFEST_VERSION = '1.30';

/** The schema bundled in @microsoft/app-manifest: validation never needs the network. */
function bundledSchema(version: string): object {
  const require = createRequire(import.meta.url);
  const packageDir = join(require.resolve('@microsoft/app-manifest'), '..');
  const text = readFileSync(join(packageDir, 'json-schemas', 'teams', `v${version}`, 'MicrosoftTeams.schema.json'), 'utf8');
  // The published schema has a "\a" in a pattern that JavaScript regexes reject (the package
  // applies the same fix when it downloads the schema).
  return JSON.parse(text.replace(/\\a/g, '\\x07')) as object;
}

/** Every problem with a filled manifest: the Teams schema first, then what this bot needs. */
export async function validateManifest(manifest: unknown): Promise<string[]> {
  const candidate = manifest as Partial<TeamsAppManifest> & { manifestVersion?: string };
  if (candidate.manifestVersion !== MANIFEST_VERSION) {
    return [`manifestVersion: expected "${MANIFEST_VERSION}", found ${JSON.stringify(candidate.manifestVersion)}`];
  }
  const problems = await ManifestUtil.validateManifestAgainstSchema(
    candidate as TeamsAppManifest,
    bundledSchema(MANIFEST_VERSION) as never,
  );
  const bot = candidate.bots?.[0];
  if (!bot) problems.push('bots: the manifest must declare the bot');
  else {
    if (!isGuid(bot.botId ?? ''))
      problems.push(`bots[0].botId: expected the bot's Microsoft App ID (a GUID), found ${JSON.stringify(bot.botId)}`);
    if (!bot.scopes?.includes('personal')) problems.push('bots[0].scopes: the guide must be installable in personal scope');
  }
  if (candidate.icons?.color !== 'color.png' || candidate.icons?.outline !== 'outline.png') {
    problems.push('icons: expected color.png and outline.png, which the package builds');
  }
  return problems;
}

/** Teams' icon rules: colour 192 x 192, outline 32 x 32 in white on transparent. */
export function iconProblems(color: RgbaImage, outline: RgbaImage): string[] {
  const problems: string[] = [];
  if (color.width !== 192 || color.height !== 192) problems.push(`color.png: expected 192x192, found ${color.width}x${color.height}`);
  if (outline.width !== 32 || outline.height !== 32) problems.push(`outline.png: expected 32x32, found ${outline.width}x${outline.height}`);
  let opaque = 0;
  for (let i = 0; i < outline.pixels.length; i += 4) {
    const [r, g, b, a] = [outline.pixels[i], outline.pixels[i + 1], outline.pixels[i + 2], outline.pixels[i + 3]];
    if (a === 0) continue;
    opaque += 1;
    if (r !== 255 || g !== 255 || b !== 255 || a !== 255) {
      problems.push('outline.png: every pixel must be white or fully transparent');
      break;
    }
  }
  if (opaque === 0) problems.push('outline.png: the outline is empty');
  return problems;
}

export interface BuiltPackage {
  manifest: unknown;
  files: Record<string, Buffer>;
  zip: Uint8Array;
  problems: string[];
}

/** Fills, validates and zips the app package (manifest.json, color.png, outline.png). */
export async function buildTeamsPackage(template: string, settings: PackageSettings): Promise<BuiltPackage> {
  let manifest: unknown;
  try {
    manifest = fillManifest(template, settings);
  } catch (error) {
    return {
      manifest: undefined,
      files: {},
      zip: new Uint8Array(),
      problems: [`manifest template is not JSON: ${(error as Error).message}`],
    };
  }
  const color = colorIcon();
  const outline = outlineIcon();
  const files = {
    'manifest.json': Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`),
    'color.png': encodePng(color),
    'outline.png': encodePng(outline),
  };
  const problems = [...(await validateManifest(manifest)), ...iconProblems(color, outline)];
  for (const name of ['color.png', 'outline.png'] as const) {
    if (readPngHeader(files[name])?.colourType !== 6) problems.push(`${name}: expected an RGBA PNG`);
  }
  const zip = zipSync(Object.fromEntries(Object.entries(files).map(([name, data]) => [name, new Uint8Array(data)])));
  return { manifest, files, zip, problems };
}
