// A team deployment (MCP_HTTP_AUTH=oauth) against the sandbox, and a headless person signing in
// through a real SDK client: DCR, our consent page, the sandbox's sign-in (login_hint), the callback.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UnauthorizedError } from '@modelcontextprotocol/sdk/client/auth.js';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { InMemoryOAuthClientProvider } from '@modelcontextprotocol/sdk/examples/client/simpleOAuthClientProvider.js';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { type HttpHandle, serveHttp } from '../../src/transports/http.js';
import { freePort } from '../helpers/redis.js';

export const REDIRECT = 'http://localhost:1/cb';
export const HTTP_TOKEN = 'static-http-token-that-must-not-open-mcp';

export interface Team {
  url: string;
  /** Where this replica listens (may differ from the public URL's port). */
  port: number;
  origin: string;
  /** Every log line the server wrote (for "no token in logs"). */
  logs: string[];
  close(): Promise<void>;
}

export async function startTeam(
  sandboxUrl: string,
  options: {
    redisUrl?: string;
    key?: string;
    publicUrl?: string;
    port?: number;
    /** More environment (e.g. HUBSPOT_JOB_DETACH_S, HUBSPOT_RATE_LIMIT). */
    env?: Record<string, string>;
  } = {},
): Promise<Team> {
  const port = options.port ?? (await freePort());
  const stateDir = await mkdtemp(join(tmpdir(), 'hsmcp-team-'));
  const url = options.publicUrl ?? `http://127.0.0.1:${port}/mcp`;
  const config = loadConfig(['--http', '--port', String(port)], {
    MCP_HTTP_AUTH: 'oauth',
    MCP_PUBLIC_URL: url,
    MCP_OAUTH_KEY: options.key ?? randomBytes(32).toString('base64'),
    MCP_HTTP_TOKEN: HTTP_TOKEN,
    HUBSPOT_CLIENT_ID: 'sandbox-client-id',
    HUBSPOT_CLIENT_SECRET: 'sandbox-client-secret',
    HUBSPOT_API_BASE_URL: sandboxUrl,
    HUBSPOT_STATE_DIR: stateDir,
    LOG_LEVEL: 'debug',
    ...(options.redisUrl ? { REDIS_URL: options.redisUrl } : {}),
    ...options.env,
  });
  const logs: string[] = [];
  const logger = createLogger({ level: 'debug', secrets: [], sink: (line: string) => logs.push(line) });
  const app = await createApp(config, logger);
  const http: HttpHandle = await serveHttp(app.createMcpServer, {
    ...config.http,
    logger,
    readiness: app.readiness,
    ...(app.httpAuth ? { auth: app.httpAuth } : {}),
  });
  return {
    url,
    port: http.port,
    origin: new URL(url).origin,
    logs,
    async close() {
      await http.close();
      await app.close();
      await rm(stateDir, { recursive: true, force: true });
    },
  };
}

/** An SDK client on a replica's own address (not the public URL's), sending `token`. */
export async function clientOn(port: number, token: string): Promise<Client> {
  const client = new Client({ name: 'replica-test', version: '0' });
  const transport = new StreamableHTTPClientTransport(new URL(`http://127.0.0.1:${port}/mcp`), {
    requestInit: { headers: { authorization: `Bearer ${token}` } },
  });
  await client.connect(transport);
  return client;
}

/** A tiny cookie jar for one browser. */
export function browser() {
  const jar = new Map<string, string>();
  return {
    async go(url: string | URL, init: RequestInit = {}): Promise<Response> {
      const headers = new Headers(init.headers);
      const host = new URL(url).host;
      const cookie = jar.get(host);
      if (cookie) headers.set('cookie', cookie);
      const res = await fetch(url, { ...init, headers, redirect: 'manual' });
      const set = res.headers.get('set-cookie');
      if (set) jar.set(host, set.split(';')[0]!);
      return res;
    },
    forget: () => jar.clear(),
  };
}

export const location = (res: Response) => new URL(res.headers.get('location')!);

export const csrfOf = (html: string) => /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

/** An SDK client with an OAuth provider; connect() first throws UnauthorizedError and captures the URL. */
export function oauthClient(url: string) {
  let authorizeUrl: URL | undefined;
  const provider = new InMemoryOAuthClientProvider(
    REDIRECT,
    {
      client_name: 'Team test client',
      redirect_uris: [REDIRECT],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_post',
    },
    (u) => {
      authorizeUrl = u;
    },
  );
  const transport = () => new StreamableHTTPClientTransport(new URL(url), { authProvider: provider });
  return { provider, transport, authorizeUrl: () => authorizeUrl };
}

/** The consent page → our consent POST → HubSpot (sandbox) with login_hint → our callback → the client's redirect. */
export async function consentAndSignIn(
  authorizeUrl: URL,
  email: string,
  b = browser(),
): Promise<{ code: string; hubspotUrl: URL; callbackUrl: URL }> {
  const page = await b.go(authorizeUrl);
  if (page.status !== 200) throw new Error(`consent page: ${page.status} ${await page.text()}`);
  const csrf = csrfOf(await page.text());
  const consent = await b.go(new URL('/authorize/consent', authorizeUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrf, decision: 'allow' }),
  });
  if (consent.status !== 302) throw new Error(`consent: ${consent.status} ${await consent.text()}`);
  const hubspotUrl = location(consent);
  hubspotUrl.searchParams.set('login_hint', email);
  const granted = await b.go(hubspotUrl);
  if (granted.status !== 302) throw new Error(`sandbox sign-in: ${granted.status}`);
  const callbackUrl = location(granted);
  const back = await b.go(callbackUrl);
  if (back.status !== 302) throw new Error(`callback: ${back.status} ${await back.text()}`);
  const code = location(back).searchParams.get('code');
  if (!code) throw new Error(`no code: ${location(back)}`);
  return { code, hubspotUrl, callbackUrl };
}

export interface Person {
  client: Client;
  transport: StreamableHTTPClientTransport;
  /** Our access token (what the client sends). */
  token(): string;
  provider: InMemoryOAuthClientProvider;
  close(): Promise<void>;
}

/** Signs `email` in headlessly and returns a connected SDK client. */
export async function signIn(team: Pick<Team, 'url'>, email: string): Promise<Person> {
  const { provider, transport, authorizeUrl } = oauthClient(team.url);
  const first = transport();
  const probe = new Client({ name: 'team-test', version: '0' });
  await probe.connect(first).then(
    () => {
      throw new Error('connected without signing in');
    },
    (error: Error) => {
      if (!(error instanceof UnauthorizedError)) throw error;
    },
  );
  const { code } = await consentAndSignIn(authorizeUrl()!, email);
  await first.finishAuth(code);
  const client = new Client({ name: 'team-test', version: '0' });
  const connected = transport();
  await client.connect(connected);
  return {
    client,
    transport: connected,
    provider,
    token: () => provider.tokens()!.access_token,
    close: () => client.close(),
  };
}
