import { request } from 'node:http';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { afterEach, describe, expect, it } from 'vitest';
import { type HttpHandle, type HttpOptions, serveHttp } from '../../src/transports/http.js';
import { allowedHostnames } from '../../src/transports/httpGuards.js';
import { createEchoServer, quietLogger } from './fixtures.js';

const handles: HttpHandle[] = [];
const clients: Client[] = [];

afterEach(async () => {
  await Promise.allSettled(clients.splice(0).map((c) => c.close()));
  await Promise.allSettled(handles.splice(0).map((h) => h.close()));
});

async function start(options: Partial<Omit<HttpOptions, 'logger'>> = {}): Promise<HttpHandle> {
  const handle = await serveHttp(createEchoServer, {
    host: '127.0.0.1',
    port: 0,
    stateless: false,
    allowedOrigins: [],
    logger: quietLogger().logger,
    ...options,
  });
  handles.push(handle);
  return handle;
}

async function connect(url: string, headers: Record<string, string> = {}) {
  const transport = new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } });
  const client = new Client({ name: 'http-test', version: '1.0.0' });
  await client.connect(transport);
  clients.push(client);
  return { client, transport };
}

const INITIALIZE = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'raw', version: '0' } },
};

/** A raw request, so tests can send headers fetch would not let them forge (Host). */
function raw(
  port: number,
  options: { method?: string; path?: string; headers?: Record<string, string>; body?: unknown },
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  const body = options.body === undefined ? undefined : JSON.stringify(options.body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'POST',
        path: options.path ?? '/mcp',
        headers: {
          accept: 'application/json, text/event-stream',
          ...(body ? { 'content-type': 'application/json' } : {}),
          ...options.headers,
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => {
          text += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('serveHttp: stateful (default)', () => {
  it('listens on an ephemeral port and reports it', async () => {
    const handle = await start();
    expect(handle.port).toBeGreaterThan(0);
    expect(handle.url).toBe(`http://127.0.0.1:${handle.port}/mcp`);
    const health = await raw(handle.port, { method: 'GET', path: '/healthz' });
    expect(health.status).toBe(200);
  });

  it('initializes a session, lists and calls tools on it, and reuses the session id', async () => {
    const handle = await start();
    const { client, transport } = await connect(handle.url);
    const sessionId = transport.sessionId;
    expect(sessionId).toMatch(/^[0-9a-f-]{36}$/);
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(['echo']);
    const result = await client.callTool({ name: 'echo', arguments: { text: 'hi' } });
    expect(result.structuredContent).toEqual({ text: 'hi', sessionId });
    expect(transport.sessionId).toBe(sessionId);

    const other = await connect(handle.url);
    expect(other.transport.sessionId).not.toBe(sessionId);
  });

  it('answers 404 for an unknown session and 400 for a non-initialize request without one', async () => {
    const handle = await start();
    const listTools = { jsonrpc: '2.0', id: 2, method: 'tools/list' };
    const unknown = await raw(handle.port, {
      headers: { 'mcp-session-id': 'no-such-session' },
      body: listTools,
    });
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body).error.code).toBe(-32000);
    expect((await raw(handle.port, { body: listTools })).status).toBe(400);
    expect((await raw(handle.port, { method: 'GET', headers: { 'mcp-session-id': 'nope' } })).status).toBe(
      404,
    );
  });

  it('ends a session on DELETE', async () => {
    const handle = await start();
    const { client, transport } = await connect(handle.url);
    const sessionId = transport.sessionId!;
    await transport.terminateSession();
    const after = await raw(handle.port, {
      headers: { 'mcp-session-id': sessionId },
      body: { jsonrpc: '2.0', id: 3, method: 'tools/list' },
    });
    expect(after.status).toBe(404);
    await client.close();
  });

  it('closes open sessions (and their SSE streams) on shutdown', async () => {
    const servers: McpServer[] = [];
    const handle = await serveHttp(
      () => {
        const server = createEchoServer();
        servers.push(server);
        return server;
      },
      { host: '127.0.0.1', port: 0, stateless: false, allowedOrigins: [], logger: quietLogger().logger },
    );
    await connect(handle.url); // the SDK client also holds a GET SSE stream open
    await connect(handle.url);
    expect(servers.map((s) => s.isConnected())).toEqual([true, true]);
    await handle.close();
    expect(servers.map((s) => s.isConnected())).toEqual([false, false]);
    await expect(raw(handle.port, { method: 'GET', path: '/healthz' })).rejects.toThrow();
  });

  it('closes a session that stays idle (no request in flight)', async () => {
    const handle = await start({ sessionIdleTimeoutMs: 50 });
    const init = await raw(handle.port, { body: INITIALIZE });
    const sessionId = init.headers['mcp-session-id'] as string;
    expect(sessionId).toBeTruthy();
    const headers = { 'mcp-session-id': sessionId, 'mcp-protocol-version': '2025-11-25' };
    const list = { jsonrpc: '2.0', id: 4, method: 'tools/list' };
    expect((await raw(handle.port, { headers, body: list })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 200));
    expect((await raw(handle.port, { headers, body: list })).status).toBe(404);
  });
});

describe('serveHttp: stateless', () => {
  it('serves each POST with a fresh server and refuses GET/DELETE with 405', async () => {
    const handle = await start({ stateless: true });
    const { client, transport } = await connect(handle.url);
    expect(transport.sessionId).toBeUndefined();
    expect((await client.listTools()).tools.map((t) => t.name)).toEqual(['echo']);
    const result = await client.callTool({ name: 'echo', arguments: { text: 'stateless' } });
    expect(result.structuredContent).toEqual({ text: 'stateless' });

    // A tools/list with no prior initialize on this "connection" works: nothing is kept between requests.
    const listed = await raw(handle.port, {
      headers: { 'mcp-protocol-version': '2025-11-25' },
      body: { jsonrpc: '2.0', id: 9, method: 'tools/list' },
    });
    expect(listed.status).toBe(200);
    expect(listed.body).toContain('"echo"');

    for (const method of ['GET', 'DELETE']) {
      const res = await raw(handle.port, { method });
      expect(res.status).toBe(405);
      expect(res.headers.allow).toBe('POST');
    }
  });
});

describe('serveHttp: security', () => {
  it('rejects a foreign Origin with 403 and accepts loopback and configured origins', async () => {
    const handle = await start({ allowedOrigins: ['https://app.example.com'] });
    const evil = await raw(handle.port, { headers: { origin: 'http://evil.example.com' }, body: INITIALIZE });
    expect(evil.status).toBe(403);
    expect(JSON.parse(evil.body)).toMatchObject({ jsonrpc: '2.0', error: { code: -32000 }, id: null });
    expect((await raw(handle.port, { headers: { origin: 'null' }, body: INITIALIZE })).status).toBe(403);
    for (const origin of [
      'http://localhost:5173',
      'http://127.0.0.1',
      'https://[::1]:8443',
      'https://app.example.com',
    ]) {
      expect((await raw(handle.port, { headers: { origin }, body: INITIALIZE })).status, origin).toBe(200);
    }
  });

  it('rejects a foreign Host with 403 (DNS rebinding) and accepts loopback names', async () => {
    const handle = await start();
    const evil = await raw(handle.port, { headers: { host: 'evil.example.com' }, body: INITIALIZE });
    expect(evil.status).toBe(403);
    expect(evil.body).toContain('Host');
    expect(
      (await raw(handle.port, { headers: { host: `localhost:${handle.port}` }, body: INITIALIZE })).status,
    ).toBe(200);
  });

  it('accepts extra Host names when configured', async () => {
    const handle = await start({ allowedHosts: ['mcp.example.com'] });
    const res = await raw(handle.port, { headers: { host: 'mcp.example.com' }, body: INITIALIZE });
    expect(res.status).toBe(200);
  });

  it('requires the bearer token when one is set', async () => {
    const token = 'http-token-0123456789abcdef';
    const handle = await start({ token });

    const missing = await raw(handle.port, { body: INITIALIZE });
    expect(missing.status).toBe(401);
    expect(missing.headers['www-authenticate']).toMatch(/^Bearer/);

    const wrong = await raw(handle.port, {
      headers: { authorization: 'Bearer not-the-token' },
      body: INITIALIZE,
    });
    expect(wrong.status).toBe(401);
    expect(wrong.headers['www-authenticate']).toContain('invalid_token');
    expect((await raw(handle.port, { headers: { authorization: token }, body: INITIALIZE })).status).toBe(
      401,
    );

    await expect(connect(handle.url)).rejects.toThrow();
    const { client } = await connect(handle.url, { Authorization: `Bearer ${token}` });
    const result = await client.callTool({ name: 'echo', arguments: { text: 'authorized' } });
    expect(result.structuredContent).toMatchObject({ text: 'authorized' });
  });

  it('answers malformed JSON with a JSON-RPC parse error', async () => {
    const handle = await start();
    const res = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: handle.port,
          method: 'POST',
          path: '/mcp',
          headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
        },
        (r) => {
          let body = '';
          r.on('data', (c) => {
            body += c;
          });
          r.on('end', () => resolve({ status: r.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      req.end('{not json');
    });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body).error.code).toBe(-32700);
  });

  it('accepts bodies larger than express default 100 kB (10 000 association pairs)', async () => {
    const handle = await start({ stateless: true });
    const text = 'x'.repeat(500_000);
    const res = await raw(handle.port, {
      headers: { 'mcp-protocol-version': '2025-11-25' },
      body: { jsonrpc: '2.0', id: 5, method: 'tools/call', params: { name: 'echo', arguments: { text } } },
    });
    expect(res.status).toBe(200);
    expect(res.body).toContain('xxxxxxxx');
  });
});

describe('allowedHostnames', () => {
  it('accepts loopback names on loopback, the bind address elsewhere, and only listed names on a wildcard', () => {
    expect(allowedHostnames('127.0.0.1', [])).toEqual(['localhost', '127.0.0.1', '[::1]']);
    expect(allowedHostnames('::1', ['Proxy.Example.com'])).toEqual([
      'localhost',
      '127.0.0.1',
      '[::1]',
      'proxy.example.com',
    ]);
    expect(allowedHostnames('10.0.0.5', [])).toEqual(['10.0.0.5']);
    expect(allowedHostnames('fd00::5', ['mcp.example.com'])).toEqual(['[fd00::5]', 'mcp.example.com']);
    expect(allowedHostnames('0.0.0.0', ['mcp.example.com'])).toEqual(['mcp.example.com']);
    // Unknown public name: Host is not checked; config.ts then insists on MCP_HTTP_TOKEN.
    expect(allowedHostnames('::', [])).toBeUndefined();
  });
});
