/** The one configuration object. Built only under src/config/, from argv and an `env` passed in. */
export interface Config {
  command: 'serve' | 'sandbox' | 'export' | 'import' | 'changes' | 'undo' | 'audit' | 'repair';
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
    /** MCP_HTTP_MAX_SESSIONS: stateful sessions open at once; beyond it initialize gets 503. */
    maxSessions: number;
    /** MCP_HTTP_SESSION_IDLE_S, in ms: a session with no request in flight this long is closed. */
    sessionIdleTimeoutMs: number;
    /** MCP_HTTP_AUTH=oauth: each person signs in with HubSpot through this server (src/auth/). */
    oauth?: {
      publicUrl: string;
      /** MCP_OAUTH_KEY decoded: 32 bytes. */
      key: Buffer;
      clientId: string;
      clientSecret: string;
      authorizeUrl: string;
      /** HUBSPOT_OAUTH_SCOPES; unset: the registered tools' scopes. */
      scopes?: string[];
    };
  };
  sandbox: boolean;
  readOnly: boolean;
  tools?: string[];
  /** --toolsets / HUBSPOT_TOOLSETS: tool groups (names checked where the tools are selected). */
  toolsets?: string[];
  hubspot: {
    baseUrl: string;
    accessToken?: string;
    oauth?: { clientId: string; clientSecret: string; refreshToken: string };
    /** Requests per 10 s, or 'auto' to follow HubSpot's X-HubSpot-RateLimit-* headers. */
    rateLimit: number | 'auto';
    /** HUBSPOT_API_VERSION: the date-versioned API (2026-03 default, 2026-09) or the legacy v4. */
    apiVersion: ApiVersionSetting;
    redisUrl?: string;
    /** REDIS_CLUSTER: REDIS_URL names one node of a Redis Cluster. */
    redisCluster: boolean;
    /** REDIS_FAILURE: Redis unreachable at start ends the process (exit) or degrades to a local share. */
    redisFailure: 'exit' | 'degrade';
    /** HUBSPOT_REPLICAS: replicas sharing the budget; a degraded replica keeps to limit ÷ this. */
    replicas?: number;
    /** HUBSPOT_RATE_WINDOW_MS: the rolling window the rate limit counts in (HubSpot: 10 s). */
    rateWindowMs: number;
  };
  sandboxServer: {
    port: number;
    token: string;
    rateLimit: number;
    /** How long CRM search lags writes, as HubSpot's does (`sandbox --search-lag-ms`). */
    searchLagMs: number;
    /** `sandbox --scopes`: the only scopes the token has (unset: every scope). */
    scopes?: string[];
    /** `sandbox --users`: e-mails of the users who can sign in with OAuth. */
    users?: string[];
    /** `sandbox --client-id/--client-secret/--redirect-uris/--token-ttl-s`: the one OAuth app. */
    app?: { clientId?: string; clientSecret?: string; redirectUris?: string[]; tokenTtlS?: number };
  };
  /** HUBSPOT_STATE_DIR: where the change journal lives (unset: a per-user default; memory with --sandbox). */
  stateDir?: string;
  /** HUBSPOT_CONFIRM_THRESHOLD: destructive work on more items than this asks the user first. */
  confirmThreshold: number;
  /** HUBSPOT_LABEL_CACHE_MS: a pair's label list older than this is read again (a miss re-reads at once). */
  labelCacheMs: number;
  /** HUBSPOT_JOB_DETACH_S: a long call still running after this many seconds answers with a job. */
  jobDetachS: number;
  /** The embedded portal's search lag (HUBSPOT_SANDBOX_SEARCH_LAG_MS, default 0 for quick demos). */
  sandboxSearchLagMs: number;
  export: {
    /** Export command only; empty when serving. */
    objects: string[];
    associations: Array<{ from: string; to: string }>;
    /** --out, else HUBSPOT_EXPORT_DIR, else ./export; serving, where export_crm_data writes. */
    out: string;
    properties?: string[];
    max?: number;
  };
  /** HUBSPOT_IMPORT_DIR (where the import tools read files) and the `import` command's job. */
  import: ImportConfig;
  /** `changes [--limit N]` and `undo CHANGE_ID [--dry-run] [--confirm]`: the journal from a shell. */
  journal: { changeId?: string; limit?: number; dryRun: boolean; confirm: boolean };
  /** The `audit` and `repair` commands' jobs (repair.ts). */
  repair: RepairConfig;
  logLevel: LogLevel;
}

export interface ImportConfig {
  /** HUBSPOT_IMPORT_DIR, else ./import: the import tools read files only from inside it. */
  dir: string;
  /** The `import` command only. */
  job?: {
    kind: 'pairs' | 'associations';
    /** As given on the command line (the shell user's own path, not confined to `dir`). */
    file: string;
    label?: string;
    from?: string;
    to?: string;
    dryRun: boolean;
  };
}

export interface RepairConfig {
  /** Where their CSV files go: --out, else <HUBSPOT_EXPORT_DIR or ./export>/repair. */
  out: string;
  audit?: { from: string; to: string; checks?: string[]; max?: number; sample?: number };
  job?: {
    fix: 'link_by_domain' | 'set_primary' | 'move_associations';
    label?: string;
    type?: string;
    fromRecord?: string;
    toRecord?: string;
    types?: string[];
    max?: number;
    dryRun: boolean;
    confirm: boolean;
  };
}

export type LogLevel = 'debug' | 'info' | 'warning' | 'error';

/** A user mistake in flags or environment; `message` is one actionable line. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export const PROGRAM = 'hubspot-associations-mcp';

/** The HubSpot API versions the client speaks (the same list as the client's API_VERSIONS; a test checks). */
export const API_VERSION_SETTINGS = ['2026-03', '2026-09', 'v4'] as const;
export type ApiVersionSetting = (typeof API_VERSION_SETTINGS)[number];

export const DEFAULTS = {
  httpHost: '127.0.0.1',
  httpPort: 3000,
  sandboxPort: 4010,
  sandboxToken: 'sandbox-token',
  rateLimit: 100,
  rateWindowMs: 10_000,
  baseUrl: 'https://api.hubapi.com',
  exportOut: './export',
  importDir: './import',
  logLevel: 'info',
  apiVersion: '2026-03',
  httpMaxSessions: 100,
  confirmThreshold: 100,
  /** Labels change in HubSpot's UI too: a minute's old list at most. */
  labelCacheMs: 60_000,
  jobDetachS: 20,
  httpSessionIdleS: 1800,
  /** HubSpot: "a few moments" before a write shows in search; third parties measure seconds. */
  sandboxSearchLagMs: 2000,
} as const;
