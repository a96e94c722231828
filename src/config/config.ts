import { z } from 'zod';

/** Thrown for a bad environment value; its message is the one line the start prints. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const portNumber = z.coerce.number().int().min(0).max(65535);

const emptyIsUnset = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

/** A host name made of letters, digits and hyphens; an all-numeric name must be a real IPv4 address. */
const hostName = z.string().regex(/^(?=.*[a-z-])[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i);
const bindAddress = z
  .string()
  .trim()
  .pipe(
    z.union([z.ipv4(), z.ipv6(), hostName], { error: 'expected an IP address or host name of this machine (e.g. 127.0.0.1 or 0.0.0.0)' }),
  )
  .optional();

const connectionStringHint =
  'expected an Azure Storage connection string (DefaultEndpointsProtocol=https;AccountName=...;AccountKey=...;EndpointSuffix=core.windows.net, or UseDevelopmentStorage=true)';

/** The shape the Azure SDK needs: key=value pairs with an account and a key or SAS, or the emulator shortcut. */
export function isStorageConnectionString(value: string): boolean {
  const pairs = new Map<string, string>();
  for (const part of value.split(';')) {
    if (part.trim() === '') continue;
    const equals = part.indexOf('=');
    if (equals <= 0) return false;
    pairs.set(part.slice(0, equals).trim().toLowerCase(), part.slice(equals + 1).trim());
  }
  if (pairs.get('usedevelopmentstorage') === 'true') return true;
  const endpoint = pairs.get('blobendpoint');
  if (endpoint !== undefined && !URL.canParse(endpoint)) return false;
  const account = pairs.get('accountname');
  const credential = pairs.get('accountkey') ?? pairs.get('sharedaccesssignature');
  if (!credential) return false;
  return Boolean(account) || endpoint !== undefined;
}

const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: portNumber.default(3978),
  HOST: bindAddress,
  DATA_DIR: z.string().trim().min(1).default('./data'),
  STORAGE: z.enum(['lowdb', 'memory', 'blob']).default('lowdb'),
  AZURE_STORAGE_CONNECTION_STRING: z.string().trim().refine(isStorageConnectionString, { error: connectionStringHint }).optional(),
  AZURE_STORAGE_CONTAINER: z
    .string()
    .trim()
    .min(3)
    .max(50)
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)
    .default('bot-state'),
  MicrosoftAppId: optionalText,
  MicrosoftAppPassword: optionalText,
  MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('SingleTenant'),
  MicrosoftAppTenantId: optionalText,
  DIRECT_LINE_SECRET: optionalText,
  DIRECT_LINE_BASE: z
    .url({ protocol: /^https?$/, error: 'expected an http or https URL' })
    .default('https://directline.botframework.com')
    .transform((url) => url.replace(/\/+$/, '')),
  WHATSAPP_VERIFY_TOKEN: optionalText,
  WHATSAPP_APP_SECRET: optionalText,
  WHATSAPP_ACCESS_TOKEN: optionalText,
  WHATSAPP_PHONE_NUMBER_ID: optionalText,
  // Meta batches at most 1,000 updates in one webhook; more is not Meta's, and is not read.
  WHATSAPP_MAX_MESSAGES_PER_WEBHOOK: z.preprocess(emptyIsUnset, z.coerce.number().int().min(1).max(100_000).default(1000)),
  WHATSAPP_GRAPH_API_BASE: z
    .url({ protocol: /^https?$/, error: 'expected an http or https URL with the API version' })
    .default('https://graph.facebook.com/v27.0'),
  BOOKING_URL: z
    .url({ protocol: /^https?$/, error: 'expected an http or https URL' })
    .optional()
    .or(z.literal('').transform(() => undefined)),
  WEBSITE_URL: z
    .url({ protocol: /^https$/, error: 'expected an https URL' })
    .optional()
    .or(z.literal('').transform(() => undefined)),
  PRIVACY_URL: z
    .url({ protocol: /^https$/, error: 'expected an https URL' })
    .optional()
    .or(z.literal('').transform(() => undefined)),
  TERMS_URL: z
    .url({ protocol: /^https$/, error: 'expected an https URL' })
    .optional()
    .or(z.literal('').transform(() => undefined)),
  TEAMS_APP_ID: z
    .uuid({ error: 'expected a GUID' })
    .optional()
    .or(z.literal('').transform(() => undefined)),
  // The clinic as the person sees it: on the page, in the Teams manifest and in replies.
  CLINIC_NAME: z.string().trim().min(1).max(80, { error: 'expected the clinic name, at most 80 characters' }).default('Your Skin Clinic'),
  CLINIC_PHONE: z
    .string()
    .trim()
    .regex(/^\+?[0-9][0-9 ()-]{4,24}$/, { error: 'expected a phone number people can dial, e.g. +44 20 7946 0000' })
    .optional(),
  CLINIC_EMAIL: z.email({ error: 'expected an e-mail address, e.g. hello@clinic.example' }).optional(),
  EMERGENCY_NUMBER: z
    .string()
    .trim()
    .regex(/^[0-9]{2,6}$/, { error: 'expected the local emergency number, e.g. 999, 911 or 112' })
    .optional(),
  // Handoff to a person (docs/contracts.md): both or neither; without them the bot never promises a person.
  HANDOFF_WEBHOOK_URL: z.url({ protocol: /^https?$/, error: "expected the http or https URL of the clinic's handoff receiver" }).optional(),
  HANDOFF_WEBHOOK_SECRET: z.string().min(16, { error: 'expected a shared secret of at least 16 characters' }).optional(),
  RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  AUDIT_SECRET: optionalText,
  // Open connections at once; with the usual 1,024 open-file limit, room is left for files and the store.
  MAX_CONNECTIONS: z.coerce.number().int().min(8).max(100_000).default(512),
  // Of those, how many one client address may hold while it sends a request (src/server/slow-clients.ts).
  MAX_CONNECTIONS_PER_CLIENT: z.preprocess(emptyIsUnset, z.coerce.number().int().min(1).max(100_000).default(64)),
  MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(10 * 1024 * 1024)
    .default(256 * 1024),
  // Rate limits (src/server/client-rate-limit.ts, conversation-rate-limit.ts); 0 turns one off
  // (load tests). An empty value means the default, never "off" by accident.
  RATE_LIMIT_PER_CLIENT_PER_MINUTE: z.preprocess(emptyIsUnset, z.coerce.number().int().min(0).max(1_000_000).default(600)),
  RATE_LIMIT_PER_CONVERSATION: z.preprocess(emptyIsUnset, z.coerce.number().int().min(0).max(10_000).default(20)),
  // The clinic's insights (src/insights/): off without a token; a short one is guessable.
  ADMIN_TOKEN: z.string().trim().min(32, { error: 'expected at least 32 characters (e.g. openssl rand -hex 32)' }).optional(),
  INSIGHTS_MIN_COUNT: z.preprocess(emptyIsUnset, z.coerce.number().int().min(1).max(1_000_000).default(5)),
  // How many proxies in front add themselves to X-Forwarded-For: true = 1 (Azure App Service).
  TRUST_PROXY: z.preprocess(
    emptyIsUnset,
    z
      .enum(['true', 'false', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9'], {
        error: 'expected true, false or the number of proxies in front (0-9)',
      })
      .default('false')
      .transform((value) => (value === 'true' ? 1 : value === 'false' ? 0 : Number(value))),
  ),
});

/** Every variable the configuration reads (the README, .env.example and infra/main.bicep list each). */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(environmentSchema.shape);

export type Config = z.infer<typeof environmentSchema> & {
  /** Bind address: loopback in local development unless HOST says otherwise. */
  host: string;
  /** No Microsoft App ID: the bot accepts unauthenticated activities (Emulator, tests, local Web Chat). */
  localMode: boolean;
  /** The in-process Direct Line: local mode, no Direct Line secret, never in production. */
  localDirectLine: boolean;
  /** All four WhatsApp variables are set. */
  whatsappEnabled: boolean;
  /** Problems that leave some channels working: printed once at start, one line each. */
  warnings: string[];
};

/** One line per problem, naming the variable and what it expects. */
function describeIssue(issue: z.core.$ZodIssue): string {
  const variable = issue.path.join('.') || '(environment)';
  return `${variable}: ${issue.message}`;
}

/**
 * Production never runs open: without an App ID and password anyone could post activities as
 * any user (local mode). A managed identity (UserAssignedMSI) has no password to give.
 */
function refuseUnauthenticatedProduction(values: z.infer<typeof environmentSchema>): void {
  if (!values.MicrosoftAppId) {
    throw new ConfigError('Invalid configuration: MicrosoftAppId: required when NODE_ENV is production');
  }
  if (!values.MicrosoftAppPassword && values.MicrosoftAppType !== 'UserAssignedMSI') {
    throw new ConfigError('Invalid configuration: MicrosoftAppPassword: required when NODE_ENV is production');
  }
}

/** `NAME=` (as in a copied .env.example) means the default, for every variable. */
function withoutEmptyValues(env: NodeJS.ProcessEnv): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && value.trim() !== '') kept[name] = value;
  }
  return kept;
}

export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const parsed = environmentSchema.safeParse(withoutEmptyValues(env));
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new ConfigError(`Invalid configuration: ${first ? describeIssue(first) : 'unknown problem'}`);
  }
  const values = parsed.data;
  if (values.MicrosoftAppPassword && !values.MicrosoftAppId) {
    throw new ConfigError('Invalid configuration: MicrosoftAppId: required when MicrosoftAppPassword is set');
  }
  // botbuilder asserts the tenant for both at the first turn; here it is one line at start.
  if (values.MicrosoftAppType !== 'MultiTenant' && values.MicrosoftAppId && !values.MicrosoftAppTenantId) {
    throw new ConfigError(`Invalid configuration: MicrosoftAppTenantId: required when MicrosoftAppType is ${values.MicrosoftAppType}`);
  }
  const whatsappVariables = ['WHATSAPP_VERIFY_TOKEN', 'WHATSAPP_APP_SECRET', 'WHATSAPP_ACCESS_TOKEN', 'WHATSAPP_PHONE_NUMBER_ID'] as const;
  const whatsappSet = whatsappVariables.filter((name) => values[name] !== undefined);
  const whatsappMissing = whatsappVariables.filter((name) => values[name] === undefined);
  if (whatsappSet.length > 0 && whatsappMissing.length > 0) {
    throw new ConfigError(
      `Invalid configuration: ${whatsappMissing.join(', ')}: required when WhatsApp is configured (${whatsappSet.join(', ')} set; all four or none)`,
    );
  }
  if (Boolean(values.HANDOFF_WEBHOOK_URL) !== Boolean(values.HANDOFF_WEBHOOK_SECRET)) {
    const missing = values.HANDOFF_WEBHOOK_URL ? 'HANDOFF_WEBHOOK_SECRET' : 'HANDOFF_WEBHOOK_URL';
    throw new ConfigError(
      `Invalid configuration: ${missing}: required when ${missing === 'HANDOFF_WEBHOOK_URL' ? 'HANDOFF_WEBHOOK_SECRET' : 'HANDOFF_WEBHOOK_URL'} is set (both or neither)`,
    );
  }
  if (values.STORAGE === 'blob' && !values.AZURE_STORAGE_CONNECTION_STRING) {
    throw new ConfigError('Invalid configuration: AZURE_STORAGE_CONNECTION_STRING: required when STORAGE is blob');
  }
  const production = values.NODE_ENV === 'production';
  if (production) refuseUnauthenticatedProduction(values);
  const warnings: string[] = [];
  if (production && !values.DIRECT_LINE_SECRET) {
    // Teams and WhatsApp still work; only the website widget has no way to connect.
    warnings.push('Configuration warning: DIRECT_LINE_SECRET: not set, so the website chat cannot connect (Teams and WhatsApp still work)');
  }
  return {
    warnings,
    ...values,
    host: values.HOST ?? (production ? '0.0.0.0' : '127.0.0.1'),
    localMode: !values.MicrosoftAppId,
    localDirectLine: !values.MicrosoftAppId && !values.DIRECT_LINE_SECRET && !production,
    whatsappEnabled: whatsappSet.length === whatsappVariables.length,
  };
}
