import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { afterEach, describe, expect, it } from 'vitest';
import { type HttpHandle, type HttpOptions, serveHttp } from '../../src/transports/http.js';
import { createEchoServer, quietLogger } from './fixtures.js';

const handles: HttpHandle[] = [];
const clients: Client[] = [];
afterEach(async () => {
  await Promise.allSettled(clients.splice(0).map((c) => c.close()));
  await Promise.allSettled(handles.splice(0).map((h) => h.close()));
});

async function start(
  options: Partial<Omit<HttpOptions, 'logger'>> = {},
  createMcpServer: () => McpServer = createEchoServer,
) {
  const { logger, lines } = quietLogger();
  const handle = await serveHttp(createMcpServer, {
    host: '127.0.0.1',
    port: 0,
    stateless: false,
    allowedOrigins: [],
    logger,
    ...options,
  });
  handles.push(handle);
  return { handle, stderr: lines };
}

async function connect(url: string) {
  const transport = new StreamableHTTPClientTransport(new URL(url));
  const client = new Client({ name: 'limits-test', version: '1.0.0' });
  await client.connect(transport);
  clients.push(client);
  return { client, transport };
}

const INITIALIZE = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'raw', version: '0' } },
});
const HEADERS = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };

/** No stack frame, no absolute path of this machine. */
function expectNoInternals(text: string) {
  expect(text).not.toMatch(/\bat .*:\d+:\d+|node:internal|"stack"/);
  expect(text).not.toContain(process.cwd());
}

describe('HTTP session cap (MCP_HTTP_MAX_SESSIONS)', () => {
  it('refuses an initialize beyond the cap with 503, Retry-After and a JSON-RPC error; a freed slot is reusable', async () => {
    const { handle } = await start({ maxSessions: 2 });
    await connect(handle.url);
    const second = await connect(handle.url);

    const refused = await fetch(handle.url, { method: 'POST', headers: HEADERS, body: INITIALIZE });
    expect(refused.status).toBe(503);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(refused.headers.get('mcp-session-id')).toBeNull();
    const body = (await refused.json()) as { error: { message: string } };
    expect(body).toMatchObject({ jsonrpc: '2.0', error: { code: -32000 }, id: null });
    expect(body.error.message).toContain('MCP_HTTP_MAX_SESSIONS');
    await expect(connect(handle.url)).rejects.toThrow();

    // Existing sessions keep working; ending one frees its slot.
    expect((await second.client.listTools()).tools.length).toBe(1);
    await second.transport.terminateSession();
    const third = await connect(handle.url);
    expect((await third.client.callTool({ name: 'echo', arguments: { text: 'in' } })).isError).toBeFalsy();
  });

  it('does not count an initialize the server refused', async () => {
    const { handle } = await start({ maxSessions: 1 });
    // The transport refuses an initialize whose Accept lacks text/event-stream (406): no session.
    for (let i = 0; i < 3; i++) {
      const res = await fetch(handle.url, {
        method: 'POST',
        headers: { ...HEADERS, accept: 'application/json' },
        body: INITIALIZE,
      });
      expect(res.status).toBe(406);
    }
    await connect(handle.url);
  });

  it('closes a session idle for sessionIdleTimeoutMs, which frees its slot', async () => {
    const { handle, stderr } = await start({ maxSessions: 1, sessionIdleTimeoutMs: 50 });
    const init = await fetch(handle.url, { method: 'POST', headers: HEADERS, body: INITIALIZE });
    const sessionId = init.headers.get('mcp-session-id')!;
    await init.text();
    // Polling with new initializes leaves the session alone (a request on it would keep it alive).
    await waitFor(async () => {
      const res = await fetch(handle.url, { method: 'POST', headers: HEADERS, body: INITIALIZE });
      await res.text();
      return res.status === 200;
    });
    const stale = await fetch(handle.url, {
      method: 'POST',
      headers: { ...HEADERS, 'mcp-session-id': sessionId, 'mcp-protocol-version': '2025-11-25' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' }),
    });
    expect(stale.status).toBe(404);
    expect(stderr.join('')).toContain('closing idle session');
    expect(stderr.join('')).not.toContain(sessionId);
  });
});

describe('HTTP errors reveal no internals', () => {
  it('a failure inside request handling answers 500 with a fixed JSON-RPC error, details to stderr only', async () => {
    const { handle, stderr } = await start({ maxSessions: 1 }, () => {
      throw new Error(`cannot open ${process.cwd()}/secret/place.json`);
    });
    // Failed initializes hold no session slot: each gets the same 500, never a 503.
    await fetch(handle.url, { method: 'POST', headers: HEADERS, body: INITIALIZE });
    const res = await fetch(handle.url, { method: 'POST', headers: HEADERS, body: INITIALIZE });
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({
      jsonrpc: '2.0',
      error: { code: -32603, message: 'Internal server error' },
      id: null,
    });
    expectNoInternals(text);
    expect(stderr.join('')).toContain('secret/place.json');
  });

  it('a body the parser rejects (unsupported charset) keeps its 4xx status and a fixed message', async () => {
    const { handle } = await start();
    const res = await fetch(handle.url, {
      method: 'POST',
      headers: { ...HEADERS, 'content-type': 'application/json; charset=klingon' },
      body: INITIALIZE,
    });
    expect(res.status).toBe(415);
    const text = await res.text();
    expect(JSON.parse(text).error.message).toBe('Request body rejected (charset.unsupported)');
    expectNoInternals(text);
  });
});

/** Polls until `check` holds; the deadline is generous and only bounds a broken run. */
async function waitFor(check: () => Promise<boolean>, deadlineMs = 10_000): Promise<void> {
  const until = Date.now() + deadlineMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}
