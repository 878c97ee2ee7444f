import { PassThrough } from 'node:stream';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ReadBuffer, serializeMessage } from '@modelcontextprotocol/sdk/shared/stdio.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { startSandbox } from 'hubspot-sandbox';
import { describe, expect, it } from 'vitest';
import { createServices } from '../../src/domain/services.js';
import { createHubSpot } from '../../src/hubspot/index.js';
import { createServer } from '../../src/server.js';
import { allTools } from '../../src/tools/index.js';
import { prepareToolset } from '../../src/tools/register.js';
import { serveStdio } from '../../src/transports/stdio.js';
import { MAX_LINE_BYTES } from '../../src/transports/stdioTransport.js';
import { createEchoServer, quietLogger } from './fixtures.js';

/** Client side of a pair of pipes, speaking the same newline-delimited JSON as the stdio transport. */
function pipeTransport(toServer: PassThrough, fromServer: PassThrough): Transport {
  const buffer = new ReadBuffer();
  const transport: Transport = {
    async start() {
      fromServer.on('data', (chunk: Buffer) => {
        buffer.append(chunk);
        for (let m = buffer.readMessage(); m; m = buffer.readMessage()) transport.onmessage?.(m);
      });
    },
    async send(message: JSONRPCMessage) {
      toServer.write(serializeMessage(message));
    },
    async close() {
      transport.onclose?.();
    },
  };
  return transport;
}

describe('serveStdio', () => {
  it('speaks MCP over the streams and reports when the client closes stdin', async () => {
    const stdin = new PassThrough();
    const stdout = new PassThrough();
    const handle = await serveStdio(createEchoServer, quietLogger().logger, { stdin, stdout });
    const client = new Client({ name: 'stdio-test', version: '1.0.0' });
    await client.connect(pipeTransport(stdin, stdout));

    const result = await client.callTool({ name: 'echo', arguments: { text: 'over stdio' } });
    expect(result.structuredContent).toEqual({ text: 'over stdio' });

    stdin.end();
    expect(await handle.closed).toBe('stdin ended');
    await handle.close();
    await handle.close(); // idempotent
  });
});

/** An echo server plus a `wait` tool that answers only when the test releases it. */
function gatedServer() {
  let release = () => {};
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const create = () => {
    const server = createEchoServer();
    server.registerTool('wait', { inputSchema: {} }, async () => {
      await gate;
      return { content: [{ type: 'text', text: 'released' }] };
    });
    return server;
  };
  return { create, release };
}

/** Raw newline-delimited JSON both ways, and every message the server wrote. */
async function rawSession(createMcpServer: () => McpServer = createEchoServer) {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const { logger, lines } = quietLogger();
  const handle = await serveStdio(createMcpServer, logger, { stdin, stdout });
  const out: Array<Record<string, unknown>> = [];
  const buffer = new ReadBuffer();
  stdout.on('data', (chunk: Buffer) => {
    buffer.append(chunk);
    for (let m = buffer.readMessage(); m; m = buffer.readMessage()) out.push(m as Record<string, unknown>);
  });
  const send = (message: unknown) => stdin.write(`${JSON.stringify(message)}\n`);
  /** The answer to `id`; the deadline only bounds a broken run. */
  const answer = async (id: number) => {
    const deadline = Date.now() + 10_000;
    while (!out.some((m) => m.id === id)) {
      if (Date.now() > deadline) throw new Error(`no answer to ${id}`);
      await new Promise((r) => setTimeout(r, 2));
    }
    return out.find((m) => m.id === id);
  };
  send({
    jsonrpc: '2.0',
    id: 0,
    method: 'initialize',
    params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'raw', version: '0' } },
  });
  await answer(0);
  return { stdin, stdout, handle, out, send, answer, stderr: lines };
}

describe('serveStdio: lifecycle', () => {
  it('drain() waits for the calls in flight and refuses new ones; the answers still go out', async () => {
    const gated = gatedServer();
    const session = await rawSession(gated.create);
    session.send({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'wait', arguments: {} } });
    // Lines are handled in order: once the ping is answered, the call is in flight.
    session.send({ jsonrpc: '2.0', id: 10, method: 'ping' });
    await session.answer(10);
    let drained = false;
    const draining = session.handle.drain().then(() => {
      drained = true;
    });
    session.send({ jsonrpc: '2.0', id: 2, method: 'tools/list' });
    expect(await session.answer(2)).toMatchObject({
      error: { code: -32000, message: 'Server is shutting down' },
    });
    expect(drained).toBe(false);
    gated.release();
    await draining;
    expect(await session.answer(1)).toMatchObject({ result: { content: [{ text: 'released' }] } });
    await session.handle.close();
  });

  it('drain() does not wait for a call the client cancelled (the SDK never answers it)', async () => {
    const gated = gatedServer();
    const session = await rawSession(gated.create);
    session.send({ jsonrpc: '2.0', id: 20, method: 'tools/call', params: { name: 'wait', arguments: {} } });
    session.send({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 20 } });
    session.send({ jsonrpc: '2.0', id: 21, method: 'ping' });
    await session.answer(21);
    await session.handle.drain();
    gated.release();
    await session.handle.close();
  });

  it('a failing stdout ends the session once and nothing more is written', async () => {
    const session = await rawSession();
    const written: string[] = [];
    session.stdout.on('data', (chunk: Buffer) => written.push(chunk.toString()));
    const epipe = Object.assign(new Error('write EPIPE'), { code: 'EPIPE' });
    session.stdout.emit('error', epipe);
    session.stdout.emit('error', epipe);
    expect(await session.handle.closed).toBe('stdout failed (EPIPE)');
    session.send({ jsonrpc: '2.0', id: 3, method: 'tools/list' });
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
    expect(written).toEqual([]);
    expect(session.stderr.filter((l) => l.includes('stdio session ended'))).toHaveLength(1);
  });

  it('a line longer than the limit ends the session', async () => {
    const session = await rawSession();
    session.stdin.write(Buffer.alloc(MAX_LINE_BYTES + 1, 'x'));
    expect(await session.handle.closed).toMatch(/exceeds/);
  });

  it('closing the server closes the session', async () => {
    const session = await rawSession();
    await session.handle.close();
    expect(await session.handle.closed).toBe('closed by the server');
  });

  it('skips blank lines and non-JSON lines and keeps serving', async () => {
    const session = await rawSession();
    session.stdin.write('\n  \r\nnot json\n');
    session.send({ jsonrpc: '2.0', id: 4, method: 'ping' });
    expect(await session.answer(4)).toMatchObject({ result: {} });
    expect(session.stderr.join('')).toContain('not JSON');
  });

  it('answers a request with a valid id but an invalid shape, with that id', async () => {
    const session = await rawSession();
    session.send({ jsonrpc: '2.0', id: 5, method: 5 });
    expect(await session.answer(5)).toEqual({
      jsonrpc: '2.0',
      id: 5,
      error: { code: -32600, message: 'Invalid Request: method must be a string' },
    });
  });
});

describe('serveStdio: log notifications', () => {
  it('forwards the records made while handling this client, not process-wide ones', async () => {
    const sandbox = await startSandbox();
    const hubspot = createHubSpot({ baseUrl: sandbox.url, token: sandbox.token });
    const { logger } = quietLogger();
    const create = () =>
      createServer({
        services: createServices(hubspot),
        logger,
        sandbox: true,
        exportDir: '/nonexistent',
        toolset: prepareToolset(allTools),
      });
    try {
      const session = await rawSession(create);
      logger.info('process-wide before the call');
      session.send({
        jsonrpc: '2.0',
        id: 6,
        method: 'tools/call',
        params: { name: 'find_records', arguments: { objectType: 'nosuchtype', query: 'x' } },
      });
      expect(await session.answer(6)).toMatchObject({ result: { isError: true } });
      logger.info('process-wide after the call');
      session.send({ jsonrpc: '2.0', id: 7, method: 'ping' });
      await session.answer(7);
      const logs = session.out.filter((m) => m.method === 'notifications/message');
      expect(JSON.stringify(logs)).toContain('nosuchtype');
      expect(JSON.stringify(logs)).not.toContain('process-wide');
      await session.handle.close();
    } finally {
      await hubspot.close();
      await sandbox.close();
    }
  });
});
