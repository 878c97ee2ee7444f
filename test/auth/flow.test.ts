/** MCP_HTTP_AUTH=oauth end to end: discovery, sign-in through consent and the sandbox, what /mcp refuses. */
import { type Sandbox, startSandbox } from 'hubspot-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTTP_TOKEN, location, oauthClient, REDIRECT, signIn, startTeam, type Team } from './team.js';

let sandbox: Sandbox;
let team: Team;
beforeAll(async () => {
  sandbox = await startSandbox({ users: ['a@x.example', 'b@y.example'] });
  team = await startTeam(sandbox.url);
});
afterAll(async () => {
  await team?.close();
  await sandbox?.close();
});

const mcpPost = (token: string) =>
  fetch(team.url, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
    },
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'x', version: '0' } },
    }),
  });

/** Registers a client by DCR and returns its id and secret. */
async function register(redirect = REDIRECT) {
  const res = await fetch(`${team.origin}/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      client_name: 'raw',
      redirect_uris: [redirect],
      token_endpoint_auth_method: 'client_secret_post',
    }),
  });
  return { status: res.status, body: (await res.json()) as { client_id: string; client_secret: string } };
}

describe('discovery', () => {
  it('answers 401 with resource_metadata, whose resource is MCP_PUBLIC_URL', async () => {
    const res = await fetch(team.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(401);
    const challenge = res.headers.get('www-authenticate') ?? '';
    const prm = /resource_metadata="([^"]+)"/.exec(challenge)?.[1];
    expect(prm).toBe(`${team.origin}/.well-known/oauth-protected-resource/mcp`);
    const meta = (await (await fetch(prm!)).json()) as { resource: string; authorization_servers: string[] };
    expect(meta.resource).toBe(team.url);
    const as = (await (
      await fetch(`${team.origin}/.well-known/oauth-authorization-server`)
    ).json()) as Record<string, unknown>;
    expect(as).toMatchObject({
      code_challenge_methods_supported: ['S256'],
      registration_endpoint: `${team.origin}/register`,
    });
  });

  it('registers only https or loopback redirect URIs', async () => {
    expect((await register('http://evil.example/cb')).status).toBe(400);
    expect((await register('https://app.example/cb')).status).toBe(201);
  });
});

describe('sign-in', () => {
  it('a real SDK client signs in and calls tools as that person', async () => {
    const a = await signIn(team, 'a@x.example');
    try {
      const result = await a.client.callTool({
        name: 'find_records',
        arguments: { objectType: 'contacts', query: 'a' },
      });
      expect(result.isError).toBeFalsy();
      const crm = sandbox.log.entries.filter((e) => e.path.startsWith('/crm/'));
      expect(crm.length).toBeGreaterThan(0);
      expect(crm.every((e) => e.user === 'a@x.example')).toBe(true);
    } finally {
      await a.close();
    }
  });
});

describe('/mcp accepts only our tokens for this resource', () => {
  it('refuses a raw HubSpot token and MCP_HTTP_TOKEN', async () => {
    expect((await mcpPost(HTTP_TOKEN)).status).toBe(401);
    expect((await mcpPost(sandbox.token)).status).toBe(401);
    const form = new URLSearchParams({
      client_id: 'sandbox-client-id',
      client_secret: 'sandbox-client-secret',
      grant_type: 'authorization_code',
      redirect_uri: REDIRECT,
    });
    const hint = new URL(
      `${sandbox.url}/oauth/authorize?client_id=sandbox-client-id&redirect_uri=${encodeURIComponent(REDIRECT)}&scope=oauth&login_hint=a@x.example`,
    );
    const code = location(await fetch(hint, { redirect: 'manual' })).searchParams.get('code')!;
    form.set('code', code);
    const hubspot = (await (
      await fetch(`${sandbox.url}/oauth/2026-03/token`, { method: 'POST', body: form })
    ).json()) as { access_token: string };
    expect((await mcpPost(hubspot.access_token)).status).toBe(401);
  });

  it('refuses resource=another audience at /authorize (invalid_target)', async () => {
    const { provider, transport, authorizeUrl } = oauthClient(team.url);
    await transport()
      .start()
      .catch(() => {});
    const t = transport();
    const { Client } = await import('@modelcontextprotocol/sdk/client/index.js');
    await new Client({ name: 'x', version: '0' }).connect(t).catch(() => {});
    const url = authorizeUrl()!;
    url.searchParams.set('resource', 'https://other.example/mcp');
    const res = await fetch(url, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(location(res).searchParams.get('error')).toBe('invalid_target');
    expect(provider.tokens()).toBeUndefined();
  });
});
