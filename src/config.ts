import { parseArgs } from 'node:util';
import { z } from 'zod';

/** The one configuration object. Built only here: no other module reads process.env. */
export interface Config {
  command: 'serve' | 'sandbox' | 'export';
  transport: 'stdio' | 'http';
  http: {
    host: string;
    port: number;
    stateless: boolean;
    /** MCP_HTTP_TOKEN: the bearer HTTP clients must send. */
    token?: string;
    /** Extra browser origins allowed besides loopback ones (--allowed-origins, MCP_ALLOWED_ORIGINS). */
    allowedOrigins: string[];
    /** Extra Host header names accepted (--allowed-hosts, MCP_ALLOWED_HOSTS), e.g. a proxy's public name. */
    allowedHosts: string[];
  };
  sandbox: boolean;
  readOnly: boolean;
  tools?: string[];
  hubspot: {
    baseUrl: string;
    accessToken?: string;
    oauth?: { clientId: string; clientSecret: string; refreshToken: string };
    /** Requests per 10 s, or 'auto' to follow HubSpot's X-HubSpot-RateLimit-* headers. */
    rateLimit: number | 'auto';
    redisUrl?: string;
  };
  sandboxServer: { port: number; token: string; rateLimit: number };
  export: {
    /** Export command only; empty when serving. */
    objects: string[];
    associations: Array<{ from: string; to: string }>;
    /** --out, else HUBSPOT_EXPORT_DIR, else ./export; serving, where export_crm_data writes. */
    out: string;
    properties?: string[];
    max?: number;
  };
  logLevel: LogLevel;
}

export type LogLevel = 'debug' | 'info' | 'warning' | 'error';

/** A user mistake in flags or environment; `message` is one actionable line. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export const PROGRAM = 'hubspot-associations-mcp';

export const DEFAULTS = {
  httpHost: '127.0.0.1',
  httpPort: 3000,
  sandboxPort: 4010,
  sandboxToken: 'sandbox-token',
  rateLimit: 100,
  baseUrl: 'https://api.hubapi.com',
  exportOut: './export',
  logLevel: 'info',
} as const;

const COMMANDS = ['serve', 'sandbox', 'export'] as const;
type Command = (typeof COMMANDS)[number];

const LOG_OPTION = { 'log-level': { type: 'string' } } as const;
const SERVE_OPTIONS = {
  http: { type: 'boolean' },
  host: { type: 'string' },
  port: { type: 'string' },
  stateless: { type: 'boolean' },
  'allowed-origins': { type: 'string' },
  'allowed-hosts': { type: 'string' },
  sandbox: { type: 'boolean' },
  'read-only': { type: 'boolean' },
  tools: { type: 'string' },
  ...LOG_OPTION,
} as const;
const SANDBOX_OPTIONS = {
  port: { type: 'string' },
  token: { type: 'string' },
  'rate-limit': { type: 'string' },
  ...LOG_OPTION,
} as const;
const EXPORT_OPTIONS = {
  objects: { type: 'string' },
  associations: { type: 'string' },
  out: { type: 'string' },
  properties: { type: 'string' },
  max: { type: 'string' },
  sandbox: { type: 'boolean' },
  ...LOG_OPTION,
} as const;

type Flags = Partial<Record<string, string | boolean>>;

/** `--help` / `--version` short-circuit everything else (no credentials needed to read the help). */
export function metaRequest(argv: readonly string[]): 'help' | 'version' | undefined {
  const flags = argv.slice(0, endOfFlags(argv));
  if (flags.some((a) => a === '--help' || a === '-h')) return 'help';
  if (flags.some((a) => a === '--version' || a === '-v')) return 'version';
  return undefined;
}

export function loadConfig(argv: string[], env: NodeJS.ProcessEnv): Config {
  const { command, flags } = parseCommandLine(argv);
  const vars = readEnv(env);
  const sandbox = flag(flags, 'sandbox') || parseBool(vars.HUBSPOT_SANDBOX, 'HUBSPOT_SANDBOX');
  const logLevel = parseLogLevel(str(flags, 'log-level') ?? vars.LOG_LEVEL);

  const http = buildHttp(command, flags, vars);
  const hubspot = buildHubSpot(vars);
  if ((command === 'serve' || command === 'export') && !sandbox) requireCredentials(hubspot);

  return {
    command,
    transport: flag(flags, 'http') ? 'http' : 'stdio',
    http,
    sandbox,
    readOnly: flag(flags, 'read-only') || parseBool(vars.HUBSPOT_READ_ONLY, 'HUBSPOT_READ_ONLY'),
    tools: optionalList(str(flags, 'tools') ?? vars.HUBSPOT_TOOLS, '--tools'),
    hubspot,
    sandboxServer: {
      port:
        command === 'sandbox' ? parsePort(str(flags, 'port'), DEFAULTS.sandboxPort) : DEFAULTS.sandboxPort,
      token: parseSandboxToken(str(flags, 'token')),
      rateLimit: parsePositiveInt(str(flags, 'rate-limit'), '--rate-limit') ?? DEFAULTS.rateLimit,
    },
    export: buildExport(command, flags, vars),
    logLevel,
  };
}

/** Every secret the configuration holds, for the logger's redaction list. */
export function configSecrets(config: Config): string[] {
  const { hubspot, http } = config;
  const redisPassword = hubspot.redisUrl ? decodeURIComponent(new URL(hubspot.redisUrl).password) : undefined;
  return [
    hubspot.accessToken,
    hubspot.oauth?.clientSecret,
    hubspot.oauth?.refreshToken,
    http.token,
    redisPassword,
  ].filter((s): s is string => typeof s === 'string' && s.length > 0);
}

export function isLoopbackHost(host: string): boolean {
  const h = stripBrackets(host).toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

// ---------------------------------------------------------------- command line

function parseCommandLine(argv: string[]): { command: Command; flags: Flags } {
  const first = argv[0];
  const named = first !== undefined && !first.startsWith('-');
  if (named && !(COMMANDS as readonly string[]).includes(first)) {
    throw new ConfigError(
      `unknown command '${first}': expected sandbox, export or flags; run ${PROGRAM} --help`,
    );
  }
  const command: Command = named ? (first as Command) : 'serve';
  const options =
    command === 'sandbox' ? SANDBOX_OPTIONS : command === 'export' ? EXPORT_OPTIONS : SERVE_OPTIONS;
  try {
    const { values } = parseArgs({
      args: named ? argv.slice(1) : argv,
      options,
      strict: true,
      allowPositionals: false,
    });
    return { command, flags: values as Flags };
  } catch (err) {
    throw new ConfigError(describeArgError(err, command));
  }
}

function describeArgError(err: unknown, command: Command): string {
  const code = (err as { code?: string }).code;
  const message = err instanceof Error ? err.message : String(err);
  const quoted = /'([^']+)'/.exec(message)?.[1] ?? '';
  const where = command === 'serve' ? PROGRAM : `${PROGRAM} ${command}`;
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${quoted} for ${where}: run ${where} --help`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument '${quoted}' for ${where}: run ${where} --help`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      // "Option '--port <value>' argument missing" or "... is ambiguous" (the next word is a flag)
      return `${quoted.split(' ')[0]} needs a value: run ${where} --help`;
    default:
      return `${message.split('\n')[0]}: run ${where} --help`;
  }
}

function endOfFlags(argv: readonly string[]): number {
  const i = argv.indexOf('--');
  return i === -1 ? argv.length : i;
}

function flag(flags: Flags, name: string): boolean {
  return flags[name] === true;
}

function str(flags: Flags, name: string): string | undefined {
  const v = flags[name];
  return typeof v === 'string' ? v : undefined;
}

// ---------------------------------------------------------------- environment

const ENV_NAMES = [
  'HUBSPOT_ACCESS_TOKEN',
  'HUBSPOT_CLIENT_ID',
  'HUBSPOT_CLIENT_SECRET',
  'HUBSPOT_REFRESH_TOKEN',
  'HUBSPOT_API_BASE_URL',
  'HUBSPOT_RATE_LIMIT',
  'HUBSPOT_SANDBOX',
  'HUBSPOT_READ_ONLY',
  'HUBSPOT_TOOLS',
  'HUBSPOT_EXPORT_DIR',
  'MCP_HTTP_TOKEN',
  'MCP_ALLOWED_ORIGINS',
  'MCP_ALLOWED_HOSTS',
  'REDIS_URL',
  'LOG_LEVEL',
] as const;
type EnvName = (typeof ENV_NAMES)[number];
type Vars = Partial<Record<EnvName, string>>;

/**
 * Blank values count as unset, and so do unexpanded `${user_config.x}` placeholders: an MCP bundle
 * host may pass those through verbatim when the user left an optional field empty.
 */
function readEnv(env: NodeJS.ProcessEnv): Vars {
  const vars: Vars = {};
  for (const name of ENV_NAMES) {
    const value = env[name]?.trim();
    if (value && !/^\$\{[^}]*\}$/.test(value)) vars[name] = value;
  }
  return vars;
}

// ---------------------------------------------------------------- sections

function buildHttp(command: Command, flags: Flags, vars: Vars): Config['http'] {
  const useHttp = flag(flags, 'http');
  if (command === 'serve' && !useHttp) {
    const stray = ['host', 'port', 'stateless', 'allowed-origins', 'allowed-hosts'].find(
      (name) => flags[name] !== undefined,
    );
    if (stray) throw new ConfigError(`--${stray} applies only with --http`);
  }
  const host = stripBrackets(str(flags, 'host') ?? DEFAULTS.httpHost);
  if (host === '')
    throw new ConfigError('--host must not be empty: use 127.0.0.1 (default) or an interface address');
  const token = vars.MCP_HTTP_TOKEN;
  if (useHttp && !token && !isLoopbackHost(host)) {
    throw new ConfigError(
      `refusing to serve HTTP on non-loopback host ${host} without MCP_HTTP_TOKEN: set MCP_HTTP_TOKEN to a long random secret, or use --host 127.0.0.1`,
    );
  }
  return {
    host,
    port: command === 'serve' ? parsePort(str(flags, 'port'), DEFAULTS.httpPort) : DEFAULTS.httpPort,
    stateless: flag(flags, 'stateless'),
    ...(token ? { token } : {}),
    allowedOrigins: parseOrigins(str(flags, 'allowed-origins') ?? vars.MCP_ALLOWED_ORIGINS),
    allowedHosts: (
      optionalList(str(flags, 'allowed-hosts') ?? vars.MCP_ALLOWED_HOSTS, '--allowed-hosts') ?? []
    ).map((h) => h.toLowerCase()),
  };
}

function buildHubSpot(vars: Vars): Config['hubspot'] {
  const oauthVars = ['HUBSPOT_CLIENT_ID', 'HUBSPOT_CLIENT_SECRET', 'HUBSPOT_REFRESH_TOKEN'] as const;
  const present = oauthVars.filter((name) => vars[name]);
  if (present.length > 0 && present.length < oauthVars.length) {
    const missing = oauthVars.filter((name) => !vars[name]);
    throw new ConfigError(
      `incomplete OAuth configuration: ${missing.join(' and ')} not set (the refresh flow needs ${oauthVars.join(', ')}); or use HUBSPOT_ACCESS_TOKEN instead`,
    );
  }
  const oauth =
    present.length === oauthVars.length
      ? {
          clientId: vars.HUBSPOT_CLIENT_ID!,
          clientSecret: vars.HUBSPOT_CLIENT_SECRET!,
          refreshToken: vars.HUBSPOT_REFRESH_TOKEN!,
        }
      : undefined;
  return {
    baseUrl: parseUrl(vars.HUBSPOT_API_BASE_URL ?? DEFAULTS.baseUrl, 'HUBSPOT_API_BASE_URL', [
      'http:',
      'https:',
    ]),
    ...(vars.HUBSPOT_ACCESS_TOKEN ? { accessToken: vars.HUBSPOT_ACCESS_TOKEN } : {}),
    ...(oauth ? { oauth } : {}),
    rateLimit: parseRateLimit(vars.HUBSPOT_RATE_LIMIT),
    ...(vars.REDIS_URL
      ? { redisUrl: parseUrl(vars.REDIS_URL, 'REDIS_URL', ['redis:', 'rediss:'], true) }
      : {}),
  };
}

function requireCredentials(hubspot: Config['hubspot']): void {
  if (hubspot.accessToken || hubspot.oauth) return;
  throw new ConfigError(
    'HUBSPOT_ACCESS_TOKEN is not set: create a private app or service key token, or run with --sandbox to try the embedded sandbox portal',
  );
}

/** `out` is also where the export_crm_data tool writes when serving (HUBSPOT_EXPORT_DIR). */
function buildExport(command: Command, flags: Flags, vars: Vars): Config['export'] {
  const defaultOut = vars.HUBSPOT_EXPORT_DIR ?? DEFAULTS.exportOut;
  if (command !== 'export') return { objects: [], associations: [], out: defaultOut };
  const objects = optionalList(str(flags, 'objects'), '--objects');
  if (!objects) {
    throw new ConfigError(
      `--objects is required for ${PROGRAM} export: e.g. --objects contacts,companies --associations contacts:companies`,
    );
  }
  const properties = optionalList(str(flags, 'properties'), '--properties');
  const max = parsePositiveInt(str(flags, 'max'), '--max');
  const out = str(flags, 'out') ?? defaultOut;
  if (out.trim() === '') throw new ConfigError('--out must name a directory, e.g. --out ./export');
  return {
    objects,
    associations: parseAssociationPairs(str(flags, 'associations')),
    out,
    ...(properties ? { properties } : {}),
    ...(max !== undefined ? { max } : {}),
  };
}

// ---------------------------------------------------------------- value parsers (zod does the checking)

function check<T>(schema: z.ZodType<T>, value: unknown, complaint: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new ConfigError(complaint);
  return result.data;
}

const portSchema = z.coerce.number().int().min(0).max(65_535);
const positiveIntSchema = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const logLevelSchema = z.enum(['debug', 'info', 'warning', 'error']);
const listItemSchema = z.string().regex(/^[^\s,]+$/);

function parsePort(raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  return check(
    portSchema,
    /^\d+$/.test(raw) ? raw : Number.NaN,
    `--port must be an integer 0-65535 (0 = any free port), got '${raw}'`,
  );
}

function parsePositiveInt(raw: string | undefined, source: string): number | undefined {
  if (raw === undefined) return undefined;
  return check(
    positiveIntSchema,
    /^\d+$/.test(raw) ? raw : Number.NaN,
    `${source} must be a positive integer, got '${raw}'`,
  );
}

function parseRateLimit(raw: string | undefined): number | 'auto' {
  if (raw === undefined) return DEFAULTS.rateLimit;
  if (raw.toLowerCase() === 'auto') return 'auto';
  return check(
    positiveIntSchema,
    /^\d+$/.test(raw) ? raw : Number.NaN,
    `HUBSPOT_RATE_LIMIT must be a positive integer (requests per 10 s, e.g. 100, 190 or 250) or 'auto', got '${raw}'`,
  );
}

function parseLogLevel(raw: string | undefined): LogLevel {
  if (raw === undefined) return DEFAULTS.logLevel;
  const normalized = raw.toLowerCase() === 'warn' ? 'warning' : raw.toLowerCase();
  return check(logLevelSchema, normalized, `log level must be debug, info, warning or error, got '${raw}'`);
}

function parseBool(raw: string | undefined, name: string): boolean {
  if (raw === undefined) return false;
  const v = raw.toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off'].includes(v)) return false;
  throw new ConfigError(`${name} must be true or false, got '${raw}'`);
}

function parseSandboxToken(raw: string | undefined): string {
  if (raw === undefined) return DEFAULTS.sandboxToken;
  return check(
    z.string().regex(/^[\x21-\x7e]+$/),
    raw,
    '--token must be non-empty visible ASCII without spaces',
  );
}

/** `secret`: the value may hold a password, so the error must not echo it. */
function parseUrl(raw: string, name: string, protocols: string[], secret = false): string {
  const url = URL.canParse(raw) ? new URL(raw) : undefined;
  if (!url || !protocols.includes(url.protocol)) {
    const got = secret ? '' : `, got '${raw}'`;
    throw new ConfigError(`${name} must be a ${protocols.map((p) => p.slice(0, -1)).join(' or ')} URL${got}`);
  }
  return url.href.replace(/\/+$/, '');
}

/** Comma-separated list; undefined when absent, an error when present but empty or malformed. */
function optionalList(raw: string | undefined, source: string): string[] | undefined {
  if (raw === undefined) return undefined;
  const items = raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  if (items.length === 0) throw new ConfigError(`${source} needs a comma-separated list, e.g. ${source} a,b`);
  for (const item of items) check(listItemSchema, item, `${source}: '${item}' must not contain spaces`);
  return [...new Set(items)];
}

function parseAssociationPairs(raw: string | undefined): Array<{ from: string; to: string }> {
  const items = optionalList(raw, '--associations') ?? [];
  return items.map((item) => {
    const [from, to, ...rest] = item.split(':');
    if (!from || !to || rest.length > 0) {
      throw new ConfigError(
        `--associations: '${item}' must be from:to, e.g. --associations contacts:companies`,
      );
    }
    return { from, to };
  });
}

function parseOrigins(raw: string | undefined): string[] {
  const items = optionalList(raw, '--allowed-origins') ?? [];
  return items.map((item) => {
    const url = URL.canParse(item) ? new URL(item) : undefined;
    if (!url || url.origin === 'null') {
      throw new ConfigError(`--allowed-origins: '${item}' is not an origin, e.g. https://app.example.com`);
    }
    return url.origin;
  });
}

function stripBrackets(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}
