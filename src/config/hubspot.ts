import type { Vars } from './env.js';
import { type Config, ConfigError, DEFAULTS } from './types.js';
import { parseApiVersion, parseRateLimit, parseUrl } from './values.js';

/** HubSpot API settings; OAuth needs all three of its variables or none. */
export function buildHubSpot(vars: Vars): Config['hubspot'] {
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
    apiVersion: parseApiVersion(vars.HUBSPOT_API_VERSION),
    ...(vars.REDIS_URL
      ? { redisUrl: parseUrl(vars.REDIS_URL, 'REDIS_URL', ['redis:', 'rediss:'], true) }
      : {}),
  };
}

export function requireCredentials(hubspot: Config['hubspot']): void {
  if (hubspot.accessToken || hubspot.oauth) return;
  throw new ConfigError(
    'HUBSPOT_ACCESS_TOKEN is not set: create a private app or service key token, or run with --sandbox to try the embedded sandbox portal',
  );
}
