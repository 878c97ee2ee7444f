import type { Vars } from './env.js';
import { type Config, ConfigError, DEFAULTS } from './types.js';
import { parseApiVersion, parsePositiveInt, parseRateLimit, parseUrl } from './values.js';

/** HubSpot API settings; OAuth needs all three of its variables or none. */
export function buildHubSpot(vars: Vars, perUser = false): Config['hubspot'] {
  // MCP_HTTP_AUTH=oauth: HUBSPOT_CLIENT_ID/SECRET name the app people sign in to (no refresh token).
  const oauthVars = ['HUBSPOT_CLIENT_ID', 'HUBSPOT_CLIENT_SECRET', 'HUBSPOT_REFRESH_TOKEN'] as const;
  const present = perUser ? [] : oauthVars.filter((name) => vars[name]);
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
  // HubSpot's own MCP server reads PRIVATE_APP_ACCESS_TOKEN; service keys are often kept as
  // HUBSPOT_SERVICE_KEY. Our name wins, then theirs, in this order.
  const accessToken = vars.HUBSPOT_ACCESS_TOKEN ?? vars.PRIVATE_APP_ACCESS_TOKEN ?? vars.HUBSPOT_SERVICE_KEY;
  return {
    baseUrl: parseUrl(vars.HUBSPOT_API_BASE_URL ?? DEFAULTS.baseUrl, 'HUBSPOT_API_BASE_URL', [
      'http:',
      'https:',
    ]),
    ...(accessToken ? { accessToken } : {}),
    ...(oauth ? { oauth } : {}),
    rateLimit: parseRateLimit(vars.HUBSPOT_RATE_LIMIT),
    apiVersion: parseApiVersion(vars.HUBSPOT_API_VERSION),
    ...(vars.REDIS_URL
      ? { redisUrl: parseUrl(vars.REDIS_URL, 'REDIS_URL', ['redis:', 'rediss:'], true) }
      : {}),
    ...buildReplicas(vars),
  };
}

/** REDIS_CLUSTER, REDIS_FAILURE, HUBSPOT_REPLICAS, HUBSPOT_RATE_WINDOW_MS: how replicas share the budget. */
function buildReplicas(vars: Vars) {
  const failure = (vars.REDIS_FAILURE ?? 'exit').toLowerCase();
  if (failure !== 'exit' && failure !== 'degrade')
    throw new ConfigError(`REDIS_FAILURE must be exit or degrade, got '${vars.REDIS_FAILURE}'`);
  const replicas = parsePositiveInt(vars.HUBSPOT_REPLICAS, 'HUBSPOT_REPLICAS');
  if (failure === 'degrade' && replicas === undefined)
    throw new ConfigError(
      'REDIS_FAILURE=degrade needs HUBSPOT_REPLICAS (how many replicas share the budget), to split the budget when Redis is unreachable',
    );
  const cluster = (vars.REDIS_CLUSTER ?? 'false').toLowerCase();
  if (!['true', 'false', '1', '0'].includes(cluster))
    throw new ConfigError(`REDIS_CLUSTER must be true or false, got '${vars.REDIS_CLUSTER}'`);
  return {
    redisCluster: cluster === 'true' || cluster === '1',
    redisFailure: failure as 'exit' | 'degrade',
    ...(replicas ? { replicas } : {}),
    rateWindowMs:
      parsePositiveInt(vars.HUBSPOT_RATE_WINDOW_MS, 'HUBSPOT_RATE_WINDOW_MS') ?? DEFAULTS.rateWindowMs,
  };
}

export function requireCredentials(hubspot: Config['hubspot']): void {
  if (hubspot.accessToken || hubspot.oauth) return;
  throw new ConfigError(
    'HUBSPOT_ACCESS_TOKEN is not set (nor PRIVATE_APP_ACCESS_TOKEN or HUBSPOT_SERVICE_KEY): create a service key or private app token, or run with --sandbox to try the embedded sandbox portal',
  );
}
