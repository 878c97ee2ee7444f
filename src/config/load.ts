import { readEnv } from './env.js';
import { withEnvFile } from './envFile.js';
import { buildExport } from './export.js';
import { flag, parseCommandLine, str } from './flags.js';
import { buildHttp } from './http.js';
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

/** Flags win over environment variables; `env` is passed in so nothing here reads process.env. */
export function loadConfig(argv: string[], env: NodeJS.ProcessEnv): Config {
  const { command, flags, positionals } = parseCommandLine(argv);
  const vars = readEnv(withEnvFile(str(flags, 'env-file'), env));
  const sandbox = flag(flags, 'sandbox') || parseBool(vars.HUBSPOT_SANDBOX, 'HUBSPOT_SANDBOX');
  const logLevel = parseLogLevel(str(flags, 'log-level') ?? vars.LOG_LEVEL);

  const http = buildHttp(command, flags, vars);
  // The journal's home: HUBSPOT_STATE_DIR, else XDG's state directory (else a per-user default in app.ts).
  const stateDir =
    vars.HUBSPOT_STATE_DIR ??
    (vars.XDG_STATE_HOME ? `${vars.XDG_STATE_HOME}/hubspot-associations-mcp` : undefined);
  const hubspot = buildHubSpot(vars);
  const imports = buildImport(command, flags, positionals, vars);
  const journal = buildJournalCommand(command, flags, positionals);
  // `changes` reads the journal file only; every other command but `sandbox` talks to HubSpot.
  if (command !== 'sandbox' && command !== 'changes' && !sandbox) requireCredentials(hubspot);

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
    },
    ...(stateDir ? { stateDir } : {}),
    confirmThreshold:
      parsePositiveInt(vars.HUBSPOT_CONFIRM_THRESHOLD, 'HUBSPOT_CONFIRM_THRESHOLD') ??
      DEFAULTS.confirmThreshold,
    sandboxSearchLagMs:
      parseNonNegativeInt(vars.HUBSPOT_SANDBOX_SEARCH_LAG_MS, 'HUBSPOT_SANDBOX_SEARCH_LAG_MS') ?? 0,
    export: buildExport(command, flags, vars),
    import: imports,
    journal,
    repair: buildRepair(command, flags, positionals, vars),
    logLevel,
  };
}
