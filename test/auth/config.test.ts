/** MCP_HTTP_AUTH=oauth configuration: what it needs, what it refuses, what it no longer needs. */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';

const KEY = randomBytes(32).toString('base64');
const BASE = {
  MCP_HTTP_AUTH: 'oauth',
  MCP_PUBLIC_URL: 'https://mcp.example.com/mcp',
  MCP_OAUTH_KEY: KEY,
  HUBSPOT_CLIENT_ID: 'id',
  HUBSPOT_CLIENT_SECRET: 'secret',
};
const load = (env: Record<string, string | undefined>, argv = ['--http', '--host', '0.0.0.0']) =>
  loadConfig(argv, env as NodeJS.ProcessEnv);

describe('MCP_HTTP_AUTH=oauth configuration', () => {
  it('needs no static HubSpot credential nor MCP_HTTP_TOKEN off loopback, and drops MCP_HTTP_TOKEN', () => {
    const config = load({ ...BASE, MCP_HTTP_TOKEN: 'static' });
    expect(config.http.oauth).toMatchObject({
      publicUrl: 'https://mcp.example.com/mcp',
      clientId: 'id',
      authorizeUrl: 'https://app.hubspot.com/oauth/authorize',
    });
    expect(config.http.oauth?.key).toHaveLength(32);
    expect(config.http.token).toBeUndefined();
  });

  it('sends people to <HUBSPOT_API_BASE_URL>/oauth/authorize off HubSpot, or HUBSPOT_AUTHORIZE_URL', () => {
    expect(load({ ...BASE, HUBSPOT_API_BASE_URL: 'http://127.0.0.1:4010' }).http.oauth?.authorizeUrl).toBe(
      'http://127.0.0.1:4010/oauth/authorize',
    );
    const own = load({ ...BASE, HUBSPOT_AUTHORIZE_URL: 'https://app-eu1.hubspot.com/oauth/authorize' });
    expect(own.http.oauth?.authorizeUrl).toBe('https://app-eu1.hubspot.com/oauth/authorize');
    expect(
      load({ ...BASE, HUBSPOT_OAUTH_SCOPES: 'oauth  crm.objects.contacts.read' }).http.oauth?.scopes,
    ).toEqual(['oauth', 'crm.objects.contacts.read']);
  });

  it.each([
    [{ MCP_OAUTH_KEY: undefined }, /MCP_OAUTH_KEY must be 32 random bytes/],
    [{ MCP_OAUTH_KEY: Buffer.alloc(16).toString('base64') }, /MCP_OAUTH_KEY/],
    [{ MCP_PUBLIC_URL: undefined }, /needs MCP_PUBLIC_URL/],
    [{ MCP_PUBLIC_URL: 'http://mcp.example.com/mcp' }, /must be https/],
    [{ HUBSPOT_CLIENT_SECRET: undefined }, /HUBSPOT_CLIENT_ID and HUBSPOT_CLIENT_SECRET/],
    [{ MCP_HTTP_AUTH: 'magic' }, /MCP_HTTP_AUTH must be token or oauth/],
  ])('refuses %o', (change, message) => {
    expect(() => load({ ...BASE, ...change })).toThrow(message);
  });

  it('sandbox --users and the OAuth app flags', () => {
    const config = loadConfig(
      [
        'sandbox',
        '--users',
        'a@x.example,b@y.example',
        '--client-id',
        'c',
        '--token-ttl-s',
        '60',
        '--redirect-uris',
        'http://localhost:1/cb',
      ],
      {},
    );
    expect(config.sandboxServer.users).toEqual(['a@x.example', 'b@y.example']);
    expect(config.sandboxServer.app).toEqual({
      clientId: 'c',
      tokenTtlS: 60,
      redirectUris: ['http://localhost:1/cb'],
    });
  });
});
