import { readEnv } from './env.js';
import { withEnvFile } from './envFile.js';
import { buildExport } from './export.js';
import { type Flags, flag, parseCommandLine, str } from './flags.js';
import { buildHttp } from './http.js';
import { httpAuthMode } from './httpAuth.js';
import { buildHubSpot, requireCredentials } from './hubspot.js';
import { buildImport } from './import.js';
import { buildJournalCommand } from './journal.js';
import { optionalList } from './lists.js';
import { buildRepair } from './repair.js';
import { type Config, DEFAULTS } from './types.js';
import {
  parseBool,
  parseLogLevel,
  parseNonNegativeInt,
  parsePort,
  parsePositiveInt,
  parseSandboxToken,
} from './values.js';

/** `sandbox --client-id/--client-secret/--redirect-uris/--token-ttl-s`, when any is given. */
function sandboxApp(flags: Flags): { app?: Config['sandboxServer']['app'] } {
  const ttl = str(flags, 'token-ttl-s');
  const redirects = optionalList(str(flags, 'redirect-uris'), '--redirect-uris');
  const app = {
    ...(str(flags, 'client-id') ? { clientId: str(flags, 'client-id') } : {}),
    ...(str(flags, 'client-secret') ? { clientSecret: str(flags, 'client-secret') } : {}),
    ...(redirects ? { redirectUris: redirects } : {}),
    ...(ttl ? { tokenTtlS: parsePositiveInt(ttl, '--token-ttl-s') } : {}),
  };
  return Object.keys(app).length > 0 ? { app } : {};
}

/** Flags win over environment variables; `env` is passed in so nothing here reads process.env. */
export function loadConfig(argv: string[], env: NodeJS.ProcessEnv): Config {
  const { command, flags, positionals } = parseCommandLine(argv);
  const vars = readEnv(withEnvFile(str(flags, 'env-file'), env));
  const sandbox = flag(flags, 'sandbox') || parseBool(vars.HUBSPOT_SANDBOX, 'HUBSPOT_SANDBOX');
  const logLevel = parseLogLevel(str(flags, 'log-level') ?? vars.LOG_LEVEL);

  // The journal's home: HUBSPOT_STATE_DIR, else XDG's state directory (else a per-user default in app.ts).
  const stateDir =
    vars.HUBSPOT_STATE_DIR ??
    (vars.XDG_STATE_HOME ? `${vars.XDG_STATE_HOME}/hubspot-associations-mcp` : undefined);
  const oauthMode = flag(flags, 'http') && httpAuthMode(vars) === 'oauth';
  const hubspot = buildHubSpot(vars, oauthMode);
  const http = buildHttp(command, flags, vars, hubspot.baseUrl);
  const imports = buildImport(command, flags, positionals, vars);
  const journal = buildJournalCommand(command, flags, positionals);
  // `changes` reads the journal file only; every other command but `sandbox` talks to HubSpot.
  if (command !== 'sandbox' && command !== 'changes' && !sandbox && !http.oauth) requireCredentials(hubspot);

  return {
    command,
    transport: flag(flags, 'http') ? 'http' : 'stdio',
    http,
    sandbox,
    readOnly: flag(flags, 'read-only') || parseBool(vars.HUBSPOT_READ_ONLY, 'HUBSPOT_READ_ONLY'),
    tools: optionalList(str(flags, 'tools') ?? vars.HUBSPOT_TOOLS, '--tools'),
    toolsets: optionalList(str(flags, 'toolsets') ?? vars.HUBSPOT_TOOLSETS, '--toolsets'),
    hubspot,
    sandboxServer: {
      port:
        command === 'sandbox' ? parsePort(str(flags, 'port'), DEFAULTS.sandboxPort) : DEFAULTS.sandboxPort,
      token: parseSandboxToken(str(flags, 'token')),
      rateLimit: parsePositiveInt(str(flags, 'rate-limit'), '--rate-limit') ?? DEFAULTS.rateLimit,
      searchLagMs:
        parseNonNegativeInt(str(flags, 'search-lag-ms'), '--search-lag-ms') ?? DEFAULTS.sandboxSearchLagMs,
      scopes: optionalList(str(flags, 'scopes'), '--scopes'),
      users: optionalList(str(flags, 'users'), '--users'),
      ...sandboxApp(flags),
    },
    ...(stateDir ? { stateDir } : {}),
    confirmThreshold:
      parsePositiveInt(vars.HUBSPOT_CONFIRM_THRESHOLD, 'HUBSPOT_CONFIRM_THRESHOLD') ??
      DEFAULTS.confirmThreshold,
    labelCacheMs:
      parseNonNegativeInt(vars.HUBSPOT_LABEL_CACHE_MS, 'HUBSPOT_LABEL_CACHE_MS') ?? DEFAULTS.labelCacheMs,
    jobDetachS: parsePositiveInt(vars.HUBSPOT_JOB_DETACH_S, 'HUBSPOT_JOB_DETACH_S') ?? DEFAULTS.jobDetachS,
    sandboxSearchLagMs:
      parseNonNegativeInt(vars.HUBSPOT_SANDBOX_SEARCH_LAG_MS, 'HUBSPOT_SANDBOX_SEARCH_LAG_MS') ?? 0,
    export: buildExport(command, flags, vars),
    import: imports,
    journal,
    repair: buildRepair(command, flags, positionals, vars),
    logLevel,
  };
}
