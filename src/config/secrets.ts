import type { Config } from './types.js';

/** Every secret the configuration holds, for the logger's redaction list. */
export function configSecrets(config: Config): string[] {
  const { hubspot, http } = config;
  const redisPassword = hubspot.redisUrl ? decodeURIComponent(new URL(hubspot.redisUrl).password) : undefined;
  return [
    hubspot.accessToken,
    hubspot.oauth?.clientSecret,
    hubspot.oauth?.refreshToken,
    http.token,
    http.oauth?.clientSecret,
    http.oauth?.key.toString('base64'),
    redisPassword,
  ].filter((s): s is string => typeof s === 'string' && s.length > 0);
}
