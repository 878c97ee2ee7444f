import { DEFAULTS, PROGRAM } from './config.js';

export function helpText(version: string): string {
  return `${PROGRAM} ${version} — MCP server for HubSpot CRM associations

Usage:
  ${PROGRAM} [options]                 serve MCP over stdio (default)
  ${PROGRAM} --http [http options]     serve MCP over Streamable HTTP at /mcp
  ${PROGRAM} sandbox [options]         run the sandbox HubSpot portal alone
  ${PROGRAM} changes [--limit N]        the change journal, newest first (JSON lines)
  ${PROGRAM} undo CHANGE_ID [--dry-run] [--confirm]   revert one change
  ${PROGRAM} export --objects LIST [options]   export records and associations to CSV
  ${PROGRAM} import pairs FILE.csv [options]   find or create contacts + companies and link them
  ${PROGRAM} import associations FILE.csv --from T --to T [options]   restore links from an edge list

Serve options:
  --http                 Streamable HTTP instead of stdio
  --host HOST            bind address (default ${DEFAULTS.httpHost}; non-loopback needs MCP_HTTP_TOKEN)
  --port N               port (default ${DEFAULTS.httpPort}; 0 = any free port)
  --stateless            no sessions: a fresh server per request (for load balancers)
  --allowed-origins A,B  browser origins allowed besides localhost
  --allowed-hosts A,B    Host header names allowed besides the bind address
  --sandbox              use the embedded sandbox portal instead of HubSpot
  --read-only            register read-only tools only
  --tools A,B            register only these tools

Sandbox options:
  --port N               port (default ${DEFAULTS.sandboxPort})
  --token T              bearer token clients must send (default ${DEFAULTS.sandboxToken})
  --rate-limit N         requests per 10 s (default ${DEFAULTS.rateLimit})
  --search-lag-ms N      search sees writes N ms late, as HubSpot's (default ${DEFAULTS.sandboxSearchLagMs})

Export options:
  --objects A,B          object types to export, e.g. contacts,companies (required)
  --associations F:T,..  association pairs, e.g. contacts:companies
  --out DIR              output directory (default ${DEFAULTS.exportOut})
  --properties A,B       properties to export
  --max N                at most N records per object type
  --sandbox              export from the embedded sandbox portal

Import options (progress on stderr, a JSON summary on stdout, exit 1 if a row failed):
  --label L              pairs: label for rows without one (e.g. Primary)
  --from T, --to T       associations: the object types of the edge list
  --dry-run              look up and plan; write nothing
  --sandbox              import into the embedded sandbox portal
  A report of every row is written beside FILE (FILE.report.csv); re-running FILE resumes.

Common options:
  --log-level LEVEL      debug | info | warning | error (default ${DEFAULTS.logLevel})
  -h, --help             show this help
  -v, --version          show the version

Environment:
  HUBSPOT_ACCESS_TOKEN   private-app token or service key
  HUBSPOT_CLIENT_ID, HUBSPOT_CLIENT_SECRET, HUBSPOT_REFRESH_TOKEN   OAuth refresh flow instead
  HUBSPOT_API_BASE_URL   default ${DEFAULTS.baseUrl}
  HUBSPOT_RATE_LIMIT     requests per 10 s (default ${DEFAULTS.rateLimit}) or 'auto'
  HUBSPOT_API_VERSION    ${DEFAULTS.apiVersion} (default), 2026-09, or v4 (legacy paths; unsupported from 2027-03-30)
  HUBSPOT_SANDBOX, HUBSPOT_READ_ONLY   true = --sandbox, --read-only
  HUBSPOT_TOOLS          same as --tools
  HUBSPOT_EXPORT_DIR     where export_crm_data (and export without --out) writes (default ./export)
  HUBSPOT_IMPORT_DIR     the only directory the import tools read files from (default ./import)
  HUBSPOT_STATE_DIR      where the change journal lives (default ~/.local/state/hubspot-associations-mcp)
  HUBSPOT_CONFIRM_THRESHOLD   destructive work on more items asks first (default 100)
  HUBSPOT_SANDBOX_SEARCH_LAG_MS   the embedded sandbox's search lag in ms (default 0)
  MCP_HTTP_TOKEN         bearer token HTTP clients must send
  MCP_ALLOWED_ORIGINS, MCP_ALLOWED_HOSTS   same as --allowed-origins, --allowed-hosts
  MCP_HTTP_MAX_SESSIONS  HTTP sessions open at once; more get 503 + Retry-After (default ${DEFAULTS.httpMaxSessions})
  MCP_HTTP_SESSION_IDLE_S   close an HTTP session idle this many seconds (default ${DEFAULTS.httpSessionIdleS})
  REDIS_URL              share the HubSpot rate budget across replicas
  LOG_LEVEL              same as --log-level

Logs are JSON lines on stderr; in stdio mode stdout carries MCP messages only.
`;
}
