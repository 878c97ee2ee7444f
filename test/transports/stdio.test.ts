import { PassThrough } from 'node:stream';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { ReadBuffer, serializeMessage } from '@modelcontextprotocol/sdk/shared/stdio.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { serveStdio } from '../../src/transports/stdio.js';
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

    let closed = false;
    void handle.closed.then(() => {
      closed = true;
    });
    stdin.end();
    await handle.closed;
    expect(closed).toBe(true);
    await handle.close();
    await handle.close(); // idempotent
  });
});
