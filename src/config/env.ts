/** The variables read (each documented in envVars.ts; lint checks the two lists agree). */
export const ENV_NAMES = [
  'HUBSPOT_ACCESS_TOKEN',
  'PRIVATE_APP_ACCESS_TOKEN',
  'HUBSPOT_SERVICE_KEY',
  'HUBSPOT_CLIENT_ID',
  'MCP_HTTP_AUTH',
  'MCP_PUBLIC_URL',
  'MCP_OAUTH_KEY',
  'HUBSPOT_OAUTH_SCOPES',
  'HUBSPOT_AUTHORIZE_URL',
  'HUBSPOT_CLIENT_SECRET',
  'HUBSPOT_REFRESH_TOKEN',
  'HUBSPOT_API_BASE_URL',
  'HUBSPOT_RATE_LIMIT',
  'HUBSPOT_API_VERSION',
  'HUBSPOT_SANDBOX',
  'HUBSPOT_READ_ONLY',
  'HUBSPOT_TOOLS',
  'HUBSPOT_TOOLSETS',
  'HUBSPOT_EXPORT_DIR',
  'HUBSPOT_IMPORT_DIR',
  'HUBSPOT_STATE_DIR',
  'HUBSPOT_CONFIRM_THRESHOLD',
  'HUBSPOT_LABEL_CACHE_MS',
  'HUBSPOT_JOB_DETACH_S',
  'XDG_STATE_HOME',
  'HUBSPOT_SANDBOX_SEARCH_LAG_MS',
  'MCP_HTTP_TOKEN',
  'MCP_ALLOWED_ORIGINS',
  'MCP_ALLOWED_HOSTS',
  'MCP_HTTP_MAX_SESSIONS',
  'MCP_HTTP_SESSION_IDLE_S',
  'REDIS_URL',
  'REDIS_CLUSTER',
  'REDIS_FAILURE',
  'HUBSPOT_REPLICAS',
  'HUBSPOT_RATE_WINDOW_MS',
  'LOG_LEVEL',
] as const;
type EnvName = (typeof ENV_NAMES)[number];
export type Vars = Partial<Record<EnvName, string>>;

/**
 * Blank values count as unset, and so do unexpanded `${user_config.x}` placeholders: an MCP bundle
 * host may pass those through verbatim when the user left an optional field empty.
 */
export function readEnv(env: NodeJS.ProcessEnv): Vars {
  const vars: Vars = {};
  for (const name of ENV_NAMES) {
    const value = env[name]?.trim();
    if (value && !/^\$\{[^}]*\}$/.test(value)) vars[name] = value;
  }
  return vars;
}
