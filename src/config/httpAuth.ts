import type { Vars } from './env.js';
import { type Config, ConfigError, DEFAULTS } from './types.js';
import { parseUrl } from './values.js';

/**
 * MCP_HTTP_AUTH=oauth (../shared/DESIGN.md "Hosted for a team"): MCP_PUBLIC_URL (the MCP endpoint
 * itself: resource and, by its origin, issuer), MCP_OAUTH_KEY (32 bytes, base64), the HubSpot app
 * (HUBSPOT_CLIENT_ID/SECRET), HUBSPOT_OAUTH_SCOPES and HUBSPOT_AUTHORIZE_URL. Unset or `token`: none.
 */
export function httpAuthMode(vars: Vars): 'token' | 'oauth' {
  const mode = (vars.MCP_HTTP_AUTH ?? 'token').toLowerCase();
  if (mode !== 'token' && mode !== 'oauth')
    throw new ConfigError(`MCP_HTTP_AUTH must be token or oauth, got '${vars.MCP_HTTP_AUTH}'`);
  return mode;
}

export function buildHttpAuth(vars: Vars, baseUrl: string): Config['http']['oauth'] {
  if (httpAuthMode(vars) === 'token') return undefined;
  if (!vars.MCP_PUBLIC_URL)
    throw new ConfigError(
      'MCP_HTTP_AUTH=oauth needs MCP_PUBLIC_URL: the public URL of the MCP endpoint, e.g. https://mcp.example.com/mcp',
    );
  const publicUrl = parseUrl(vars.MCP_PUBLIC_URL, 'MCP_PUBLIC_URL', ['https:', 'http:']);
  const url = new URL(publicUrl);
  if (url.protocol === 'http:' && !['localhost', '127.0.0.1', '[::1]'].includes(url.hostname))
    throw new ConfigError('MCP_PUBLIC_URL must be https (http only on loopback): serve behind TLS');
  if (url.search || url.hash) throw new ConfigError('MCP_PUBLIC_URL must have no query or fragment');
  const key = Buffer.from(vars.MCP_OAUTH_KEY ?? '', 'base64');
  if (key.length !== 32)
    throw new ConfigError(
      'MCP_OAUTH_KEY must be 32 random bytes in base64 (e.g. openssl rand -base64 32); it is required with MCP_HTTP_AUTH=oauth',
    );
  if (!vars.HUBSPOT_CLIENT_ID || !vars.HUBSPOT_CLIENT_SECRET)
    throw new ConfigError(
      "MCP_HTTP_AUTH=oauth needs HUBSPOT_CLIENT_ID and HUBSPOT_CLIENT_SECRET: your HubSpot app's credentials",
    );
  const authorizeUrl =
    vars.HUBSPOT_AUTHORIZE_URL ??
    (baseUrl === DEFAULTS.baseUrl ? 'https://app.hubspot.com/oauth/authorize' : `${baseUrl}/oauth/authorize`);
  const scopes = vars.HUBSPOT_OAUTH_SCOPES?.split(/\s+/).filter(Boolean);
  return {
    publicUrl,
    key,
    clientId: vars.HUBSPOT_CLIENT_ID,
    clientSecret: vars.HUBSPOT_CLIENT_SECRET,
    authorizeUrl: parseUrl(authorizeUrl, 'HUBSPOT_AUTHORIZE_URL', ['https:', 'http:']),
    ...(scopes && scopes.length > 0 ? { scopes } : {}),
  };
}
