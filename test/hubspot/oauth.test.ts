/** The OAuth refresh-token provider against the sandbox's token endpoint, over real HTTP. */
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { type Sandbox, type SandboxOptions, startSandbox } from 'hubspot-sandbox';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { configSecrets, loadConfig } from '../../src/config.js';
import { createHubSpot, type HubSpot, HubSpotError } from '../../src/hubspot/index.js';
import { type OAuthRefreshOptions, oauthRefreshToken } from '../../src/hubspot/oauth.js';
import { resolveObjectType } from '../../src/hubspot/objectTypes.js';
import { createLogger } from '../../src/logger.js';
import { callTool } from '../helpers/mcp.js';
import { useSandbox } from '../helpers/sandbox.js';

const APP = {
  clientId: 'app-client-id',
  clientSecret: 'app-client-secret',
  refreshToken: 'app-refresh-token',
};
const TOKEN = 'POST /oauth/2026-03/token';
const LABELS = 'GET /crm/associations/2026-03/{fromObjectType}/{toObjectType}/labels';
const contacts = resolveObjectType('contacts');
const companies = resolveObjectType('companies');

describe('OAuth refresh-token auth against the sandbox', () => {
  let sandbox: Sandbox;
  let hubspot: HubSpot | undefined;
  let tokens: string[];

  async function start(oauth: SandboxOptions['oauth'] = APP): Promise<void> {
    sandbox = await startSandbox({ oauth });
  }

  /** A client whose only credential is the refresh provider (no static token). */
  function connect(extra: Partial<OAuthRefreshOptions> = {}): HubSpot {
    hubspot = createHubSpot({
      baseUrl: sandbox.url,
      token: oauthRefreshToken({
        baseUrl: sandbox.url,
        ...APP,
        onToken: (t) => tokens.push(t),
        ...extra,
      }),
    });
    return hubspot;
  }

  beforeEach(() => {
    tokens = [];
    hubspot = undefined;
  });
  afterEach(async () => {
    await hubspot?.close();
    await sandbox.close();
  });

  it('refreshes first, then calls HubSpot with the new access token', async () => {
    await start();
    const client = connect();
    const types = await client.labels.list(contacts, companies);
    expect(types.map((t) => t.typeId)).toContain(279);
    expect(sandbox.log.entries.map((e) => [e.operation, e.status])).toEqual([
      [TOKEN, 200],
      [LABELS, 200],
    ]);
    expect(tokens).toHaveLength(1);
    expect(tokens[0]).toMatch(/^sandbox-oauth-/);
    expect(tokens[0]).not.toBe(sandbox.token);
  });

  it('makes exactly one token request for 20 concurrent calls (single flight)', async () => {
    await start();
    const client = connect();
    const results = await Promise.all(
      Array.from({ length: 20 }, () => client.labels.list(contacts, companies)),
    );
    expect(results).toHaveLength(20);
    expect(sandbox.log.count(TOKEN)).toBe(1);
    expect(sandbox.log.count(LABELS)).toBe(20);
    expect(sandbox.log.entries.filter((e) => e.status !== 200)).toEqual([]);
    expect(tokens).toHaveLength(1);
  });

  it('refreshes again when the token is within the skew of expiry (tiny expires_in)', async () => {
    await start({ ...APP, expiresInSeconds: 1 });
    const client = connect({ skewMs: 60_000 });
    await client.labels.list(contacts, companies);
    await client.labels.list(contacts, companies);
    expect(sandbox.log.count(TOKEN)).toBe(2);
    expect(tokens).toHaveLength(2);
    expect(tokens[0]).not.toBe(tokens[1]);
  });

  it('reuses the token until the clock nears expiry, then refreshes (fast-forwarded clock)', async () => {
    await start();
    let clock = Date.now();
    const client = connect({ now: () => clock, skewMs: 60_000 });
    await client.labels.list(contacts, companies);
    clock += 1_000 * (1800 - 61);
    await client.labels.list(contacts, companies);
    expect(sandbox.log.count(TOKEN)).toBe(1);
    clock += 2_000;
    await client.labels.list(contacts, companies);
    expect(sandbox.log.count(TOKEN)).toBe(2);
    expect(sandbox.log.count(LABELS)).toBe(3);
    expect(tokens).toHaveLength(2);
  });

  it('refreshes a token HubSpot calls expired (401 EXPIRED_AUTHENTICATION) and sends the call again, once', async () => {
    await start({ ...APP, expiresInSeconds: 1 });
    // A frozen clock: the provider believes its token is still fresh when the portal has expired it.
    const frozen = Date.now();
    const client = connect({ now: () => frozen, skewMs: 0 });
    await client.labels.list(contacts, companies);
    await sleep(1_100);
    const types = await client.labels.list(contacts, companies);
    expect(types.length).toBeGreaterThan(0);
    expect(sandbox.log.entries.map((e) => [e.operation, e.status])).toEqual([
      [TOKEN, 200],
      [LABELS, 200],
      [LABELS, 401],
      [TOKEN, 200],
      [LABELS, 200],
    ]);
  });

  it('a 401 on the fresh token too is final: one refresh, no loop', async () => {
    await start({ ...APP, expiresInSeconds: 1 });
    const frozen = Date.now();
    const client = connect({ now: () => frozen, skewMs: 0 });
    await client.labels.list(contacts, companies);
    await sleep(1_100);
    sandbox.faults.inject({ status: 401, times: 5, match: LABELS });
    const error = await client.labels.list(contacts, companies).catch((e: unknown) => e);
    expect((error as HubSpotError).status).toBe(401);
    expect(sandbox.log.count(LABELS)).toBe(3);
  });

  it('fails a wrong refresh token with a re-authorise hint and sends no API request', async () => {
    await start();
    const client = connect({ refreshToken: 'revoked-refresh-token' });
    const errors = await Promise.all(
      Array.from({ length: 5 }, () => client.labels.list(contacts, companies).catch((e: unknown) => e)),
    );
    for (const error of errors) {
      expect(error).toBeInstanceOf(HubSpotError);
      const e = error as HubSpotError;
      expect(e.status).toBe(400);
      expect(e.category).toBe('BAD_REFRESH_TOKEN');
      expect(e.message).toBe('refresh token is invalid, expired or revoked');
      expect(e.hint).toMatch(/^re-authorise: the OAuth refresh token is invalid, expired or revoked/);
      expect(e.hint).toContain('HUBSPOT_REFRESH_TOKEN');
      expect(e.hint).not.toContain('revoked-refresh-token');
      expect(e.hint).toContain(e.correlationId);
    }
    // The concurrent callers shared one refresh; nothing reached the CRM API.
    expect(sandbox.log.entries.map((e) => [e.operation, e.status])).toEqual([[TOKEN, 400]]);
    expect(tokens).toEqual([]);

    // A later call tries the token endpoint again (no cached failure) and still sends no API request.
    await expect(client.labels.list(contacts, companies)).rejects.toThrow(HubSpotError);
    expect(sandbox.log.count(TOKEN)).toBe(2);
    expect(sandbox.log.count(LABELS)).toBe(0);
  });

  it('reports a wrong client secret as HubSpot’s invalid_client refusal', async () => {
    await start();
    const client = connect({ clientSecret: 'wrong-secret' });
    const error = (await client.labels.list(contacts, companies).catch((e: unknown) => e)) as HubSpotError;
    expect(error).toBeInstanceOf(HubSpotError);
    expect(error.status).toBe(400);
    expect(error.category).toBe('BAD_CLIENT_SECRET');
    expect(error.hint).toMatch(/check HUBSPOT_CLIENT_ID and HUBSPOT_CLIENT_SECRET/);
    expect(error.hint).not.toContain('wrong-secret');
    expect(sandbox.log.count(LABELS)).toBe(0);
  });

  it.each([
    [
      'only the RFC 6749 fields',
      { error: 'invalid_grant', error_description: 'refresh token is invalid, expired or revoked' },
      'invalid_grant',
      'refresh token is invalid, expired or revoked',
    ],
    [
      'only the legacy fields',
      { status: 'BAD_REFRESH_TOKEN', message: 'refresh token is invalid, expired or revoked' },
      'BAD_REFRESH_TOKEN',
      'refresh token is invalid, expired or revoked',
    ],
    ['a bare RFC 6749 error code', { error: 'invalid_grant' }, 'invalid_grant', 'invalid_grant'],
  ])('reads a refusal whose body carries %s', async (_, body, category, message) => {
    await start();
    sandbox.faults.inject({ status: 400, match: TOKEN, body });
    const client = connect();
    const error = (await client.labels.list(contacts, companies).catch((e: unknown) => e)) as HubSpotError;
    expect(error).toBeInstanceOf(HubSpotError);
    expect(error.status).toBe(400);
    expect(error.category).toBe(category);
    expect(error.message).toBe(message);
    expect(error.hint).toMatch(/^re-authorise: the OAuth refresh token is invalid, expired or revoked/);
    expect(sandbox.log.count(LABELS)).toBe(0);
  });
});

describe('createApp with OAuth configuration (no access token)', () => {
  const ctx = useSandbox({ sandbox: { oauth: APP } });

  async function callThroughApp(refreshToken: string, apiVersion?: string) {
    const config = loadConfig(['--http'], {
      HUBSPOT_CLIENT_ID: APP.clientId,
      HUBSPOT_CLIENT_SECRET: APP.clientSecret,
      HUBSPOT_REFRESH_TOKEN: refreshToken,
      HUBSPOT_API_BASE_URL: ctx.sandbox.url,
      ...(apiVersion ? { HUBSPOT_API_VERSION: apiVersion } : {}),
    });
    expect(config.hubspot.accessToken).toBeUndefined();
    expect(config.hubspot.oauth).toEqual({ ...APP, refreshToken });
    const lines: string[] = [];
    const logger = createLogger({
      level: 'debug',
      secrets: configSecrets(config),
      sink: (l) => lines.push(l),
    });
    const app = await createApp(config, logger);
    const server = app.createMcpServer();
    const client = new Client({ name: 'oauth-test', version: '0.0.0' });
    const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
    await Promise.all([client.connect(clientTransport), server.server.connect(serverTransport)]);
    try {
      const out = await callTool(client, 'list_association_labels', {
        fromObjectType: 'contacts',
        toObjectType: 'companies',
      });
      return { out, lines };
    } finally {
      await client.close();
      await server.close();
      await app.close();
    }
  }

  it('refreshes a token and serves a tool call with it', async () => {
    const { out, lines } = await callThroughApp(APP.refreshToken);
    expect(out.isError).toBe(false);
    expect(out.data.types.map((t: { typeId: number }) => t.typeId)).toContain(279);
    // One refresh first; every label read the tool makes then carries the issued token.
    expect(ctx.sandbox.log.entries[0]).toMatchObject({ operation: TOKEN, status: 200 });
    expect(ctx.sandbox.log.count(TOKEN)).toBe(1);
    expect(ctx.sandbox.log.count(LABELS)).toBeGreaterThan(0);
    expect(ctx.sandbox.log.entries.filter((e) => e.status !== 200)).toEqual([]);
    const logged = lines.join('\n');
    expect(logged).not.toContain(APP.clientSecret);
    expect(logged).not.toMatch(/sandbox-oauth-[A-Za-z0-9_-]{8}/);
  });

  // HubSpot turns the v1 OAuth endpoints off on 2027-02-16 whatever CRM version a client speaks
  // (docs/hubspot-fidelity.md §7d): the refresh goes to /oauth/2026-03/token under every version.
  it.each(['2026-03', '2026-09', 'v4'])(
    'HUBSPOT_API_VERSION=%s: the refresh goes to /oauth/2026-03/token, nothing to /oauth/v1/',
    async (apiVersion) => {
      const { out } = await callThroughApp(APP.refreshToken, apiVersion);
      expect(out.isError).toBe(false);
      const paths = ctx.sandbox.log.entries.map((e) => e.path);
      expect(paths.filter((p) => p.startsWith('/oauth/'))).toEqual(['/oauth/2026-03/token']);
      expect(paths.filter((p) => p.includes('/oauth/v1/'))).toEqual([]);
      // The CRM calls themselves were of the version asked for.
      const crm = paths.filter((p) => p.startsWith('/crm/'));
      expect(crm.length).toBeGreaterThan(0);
      expect(crm.every((p) => p.includes(apiVersion === 'v4' ? '/v4/' : `/${apiVersion}/`))).toBe(true);
    },
  );

  it('answers a revoked refresh token with a tool error that says to re-authorise', async () => {
    const { out } = await callThroughApp('revoked');
    expect(out.isError).toBe(true);
    expect(out.text).toMatch(/re-authorise.*HUBSPOT_REFRESH_TOKEN/);
    expect(ctx.sandbox.log.count(LABELS)).toBe(0);
  });
});
