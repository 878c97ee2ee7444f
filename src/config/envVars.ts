/**
 * Every environment variable the server reads, defined once with its help text, the flag with the
 * same effect and its MCP bundle setting. env.ts reads exactly these names (lint checks), and the
 * help, the README table and manifest.json's user_config are generated from this list.
 */
import type { EnvDef } from './options.js';
import { DEFAULTS } from './types.js';

export const ENV_VARS: readonly EnvDef[] = [
  {
    name: 'HUBSPOT_ACCESS_TOKEN',
    help: 'private-app token or service key (required unless --sandbox or OAuth)',
    manifest: {
      key: 'hubspot_access_token',
      type: 'string',
      title: 'HubSpot access token',
      description:
        'Service key or private app access token (starts with pat-). Leave empty with Sandbox on, or when you fill in the OAuth fields.',
      sensitive: true,
    },
  },
  {
    name: 'PRIVATE_APP_ACCESS_TOKEN',
    help: "alias of HUBSPOT_ACCESS_TOKEN (HubSpot's official MCP server's name); used when HUBSPOT_ACCESS_TOKEN is unset",
  },
  {
    name: 'HUBSPOT_SERVICE_KEY',
    help: 'alias of HUBSPOT_ACCESS_TOKEN, used when neither it nor PRIVATE_APP_ACCESS_TOKEN is set',
  },
  {
    name: 'HUBSPOT_CLIENT_ID',
    help: 'OAuth refresh flow instead of a static token: all three of HUBSPOT_CLIENT_ID, _SECRET and HUBSPOT_REFRESH_TOKEN',
    manifest: {
      key: 'oauth_client_id',
      type: 'string',
      title: 'OAuth client id',
      description: "Your HubSpot app's client id (OAuth instead of a token: fill in all three OAuth fields).",
    },
  },
  {
    name: 'HUBSPOT_CLIENT_SECRET',
    help: "the OAuth app's client secret",
    manifest: {
      key: 'oauth_client_secret',
      type: 'string',
      title: 'OAuth client secret',
      description: "Your HubSpot app's client secret.",
      sensitive: true,
    },
  },
  {
    name: 'HUBSPOT_REFRESH_TOKEN',
    help: 'the OAuth refresh token; access tokens are refreshed before they expire',
    manifest: {
      key: 'oauth_refresh_token',
      type: 'string',
      title: 'OAuth refresh token',
      description: 'The refresh token HubSpot issued to your app for this account.',
      sensitive: true,
    },
  },
  {
    name: 'HUBSPOT_API_BASE_URL',
    help: `HubSpot API root (default ${DEFAULTS.baseUrl})`,
    manifest: {
      key: 'api_base_url',
      type: 'string',
      title: 'API base URL',
      description: 'HubSpot API root. Change only for a proxy or a test portal.',
      default: DEFAULTS.baseUrl,
    },
  },
  {
    name: 'HUBSPOT_RATE_LIMIT',
    help: `requests per 10 s (default ${DEFAULTS.rateLimit}), or auto to follow X-HubSpot-RateLimit-Max`,
    manifest: {
      key: 'rate_limit',
      type: 'string',
      title: 'Rate limit (requests per 10 s)',
      description:
        "Your portal's API limit: 100 (Free, Starter), 190 (Professional, Enterprise), 250 (with the limit increase), or auto to follow HubSpot's rate-limit headers.",
      default: String(DEFAULTS.rateLimit),
    },
  },
  {
    name: 'HUBSPOT_API_VERSION',
    help: `${DEFAULTS.apiVersion} (default), 2026-09, or v4 (legacy paths; unsupported from 2027-03-30)`,
  },
  {
    name: 'HUBSPOT_SANDBOX',
    flag: 'sandbox',
    help: 'true: use the embedded sandbox portal',
    manifest: {
      key: 'sandbox',
      type: 'boolean',
      title: 'Sandbox',
      description:
        'Use the embedded demo portal instead of HubSpot: try the tools without an account or a token.',
      default: false,
    },
  },
  {
    name: 'HUBSPOT_READ_ONLY',
    flag: 'read-only',
    help: 'true: register read-only tools only',
    manifest: {
      key: 'read_only',
      type: 'boolean',
      title: 'Read-only',
      description: 'Register only tools that never change CRM data.',
      default: false,
    },
  },
  {
    name: 'HUBSPOT_TOOLSETS',
    flag: 'toolsets',
    help: 'tool groups to register, e.g. labels,records',
    manifest: {
      key: 'toolsets',
      type: 'string',
      title: 'Tool groups',
      description:
        'Comma-separated groups to register: labels, limits, records, import, journal, export, repair. Empty: all tools.',
    },
  },
  {
    name: 'HUBSPOT_TOOLS',
    flag: 'tools',
    help: 'tools to register (added to the groups)',
    manifest: {
      key: 'tools',
      type: 'string',
      title: 'Tools',
      description: 'Comma-separated tool names to register (added to the groups). Empty: all tools.',
    },
  },
  {
    name: 'HUBSPOT_EXPORT_DIR',
    flag: 'out',
    help: `where export_crm_data (and export without --out) writes (default ${DEFAULTS.exportOut}; from the home directory when started in /)`,
    manifest: {
      key: 'export_dir',
      type: 'directory',
      title: 'Export folder',
      description:
        'Folder where export_crm_data writes its CSV files. Without it files go to ./export under the working directory (your home folder when the app starts the server in /).',
    },
  },
  {
    name: 'HUBSPOT_IMPORT_DIR',
    help: `the only directory the import tools read files from (default ${DEFAULTS.importDir}, resolved like the export directory)`,
    manifest: {
      key: 'import_dir',
      type: 'directory',
      title: 'Import folder',
      description: 'The only folder the import tools read CSV files from.',
    },
  },
  {
    name: 'HUBSPOT_STATE_DIR',
    help: 'where the change journal lives (default $XDG_STATE_HOME/hubspot-associations-mcp, else ~/.local/state/…)',
  },
  { name: 'XDG_STATE_HOME', help: 'the per-user state directory the journal defaults to' },
  {
    name: 'HUBSPOT_CONFIRM_THRESHOLD',
    help: `destructive work on more items asks first (default ${DEFAULTS.confirmThreshold})`,
  },
  {
    name: 'HUBSPOT_LABEL_CACHE_MS',
    help: `how long a pair's label list is used before it is read again, ms (default ${DEFAULTS.labelCacheMs}; an unknown label re-reads at once)`,
  },
  {
    name: 'HUBSPOT_JOB_DETACH_S',
    help: `a long call (import, export, undo, big associate/remove) still running after this many seconds answers with a job to follow with get_job (default ${DEFAULTS.jobDetachS}); hosts with MCP tasks get a task instead`,
    manifest: {
      key: 'job_detach_s',
      type: 'string',
      title: 'Long calls detach after (seconds)',
      description:
        "A long import or export still running after this answers at once with a job the agent follows with get_job. Keep it below your host's tool-call timeout.",
      default: String(DEFAULTS.jobDetachS),
    },
  },
  {
    name: 'HUBSPOT_SANDBOX_SEARCH_LAG_MS',
    help: "the embedded sandbox's search lag in ms (default 0; the sandbox command uses 2000)",
  },
  { name: 'MCP_HTTP_TOKEN', help: 'bearer token HTTP clients must send (required off loopback)' },
  {
    name: 'MCP_HTTP_AUTH',
    help: 'token (default: MCP_HTTP_TOKEN) or oauth: each person signs in with their own HubSpot account',
  },
  {
    name: 'MCP_PUBLIC_URL',
    help: 'oauth: the public URL of the MCP endpoint (e.g. https://mcp.example.com/mcp), resource and issuer',
  },
  {
    name: 'MCP_OAUTH_KEY',
    help: 'oauth: 32 random bytes in base64 encrypting HubSpot tokens at rest (required)',
  },
  {
    name: 'HUBSPOT_OAUTH_SCOPES',
    help: "oauth: scopes asked of HubSpot, space-separated (default: the registered tools' scopes)",
  },
  {
    name: 'HUBSPOT_AUTHORIZE_URL',
    help: "oauth: where people sign in (default HubSpot's, or <HUBSPOT_API_BASE_URL>/oauth/authorize)",
  },
  {
    name: 'MCP_ALLOWED_ORIGINS',
    flag: 'allowed-origins',
    help: 'extra browser origins the HTTP server accepts',
  },
  { name: 'MCP_ALLOWED_HOSTS', flag: 'allowed-hosts', help: 'extra Host names the HTTP server accepts' },
  {
    name: 'MCP_HTTP_MAX_SESSIONS',
    help: `HTTP sessions open at once; more get 503 + Retry-After (default ${DEFAULTS.httpMaxSessions})`,
  },
  {
    name: 'MCP_HTTP_SESSION_IDLE_S',
    help: `close an HTTP session idle this many seconds (default ${DEFAULTS.httpSessionIdleS})`,
  },
  { name: 'REDIS_URL', help: 'replicas share one HubSpot budget (and change journal) through Redis' },
  {
    name: 'REDIS_CLUSTER',
    help: 'true: REDIS_URL is one node of a Redis Cluster (the others are discovered)',
  },
  {
    name: 'REDIS_FAILURE',
    help: 'exit (default): Redis unreachable at start is exit 2; degrade: keep to a local share (limit ÷ HUBSPOT_REPLICAS)',
  },
  {
    name: 'HUBSPOT_REPLICAS',
    help: 'how many replicas share the budget (REDIS_FAILURE=degrade splits it by this)',
  },
  {
    name: 'HUBSPOT_RATE_WINDOW_MS',
    help: `the rolling window the rate limit counts in, ms (default ${DEFAULTS.rateWindowMs}; shorter only for tests and gateways)`,
  },
  {
    name: 'LOG_LEVEL',
    flag: 'log-level',
    help: `debug, info (default), warning, error; logs go to stderr and MCP logging`,
    manifest: {
      key: 'log_level',
      type: 'string',
      title: 'Log level',
      description: 'debug, info, warning or error (the host shows the server log).',
      default: DEFAULTS.logLevel,
    },
  },
];
