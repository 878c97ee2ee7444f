import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import {
  type LoggingMessageNotification,
  LoggingMessageNotificationSchema,
} from '@modelcontextprotocol/sdk/types.js';
import { afterEach, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { type HttpHandle, serveHttp } from '../../src/transports/http.js';
import { quietLogger } from './fixtures.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The real app (sandbox portal, every tool) served over HTTP, logging at debug to a captured stderr. */
async function startApp(stateless = false): Promise<{ app: App; http: HttpHandle; stderr: string[] }> {
  const config = loadConfig(['--http', '--sandbox', '--log-level', 'debug'], {});
  const { logger, lines } = quietLogger();
  const app = await createApp(config, logger);
  cleanups.push(() => app.close());
  const http = await serveHttp(app.createMcpServer, { ...config.http, port: 0, stateless, logger });
  cleanups.push(() => http.close());
  return { app, http, stderr: lines };
}

async function connect(url: string) {
  const transport = new StreamableHTTPClientTransport(new URL(url));
  const client = new Client({ name: 'isolation-test', version: '1.0.0' });
  const logs: LoggingMessageNotification['params'][] = [];
  client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => {
    logs.push(n.params);
  });
  await client.connect(transport);
  cleanups.push(() => client.close());
  await client.setLoggingLevel('debug');
  return { client, transport, logs, text: () => JSON.stringify(logs) };
}

/** Two calls that fail on input (each is logged by the server), carrying the caller's marker. */
async function failingCalls(client: Client, marker: string) {
  const bad = await client.callTool({
    name: 'associate_records',
    arguments: {
      fromObjectType: 'contacts',
      toObjectType: 'companies',
      pairs: [{ fromId: '1', toId: '2' }],
      label: `${marker}-label`,
    },
  });
  expect(bad.isError).toBe(true);
  const unknownType = await client.callTool({
    name: 'find_records',
    arguments: { objectType: `${marker}type`, query: marker },
  });
  expect(unknownType.isError).toBe(true);
}

describe('HTTP: log notifications stay in the session that caused them', () => {
  it('a session receives its own tool-error logs and none of another session, and no session id', async () => {
    const { http, stderr } = await startApp();
    const a = await connect(http.url);
    const b = await connect(http.url);
    const ids = [a.transport.sessionId!, b.transport.sessionId!];
    expect(ids.every((id) => id.length > 0)).toBe(true);

    await Promise.all([failingCalls(b.client, 'bbbsecret'), failingCalls(a.client, 'aaasecret')]);
    await b.client.listTools();
    await a.client.listTools();

    expect(b.text()).toContain('bbbsecret');
    expect(a.text()).toContain('aaasecret');
    expect(a.text()).not.toContain('bbbsecret');
    expect(b.text()).not.toContain('aaasecret');
    for (const id of ids) {
      expect(a.text()).not.toContain(id);
      expect(b.text()).not.toContain(id);
      // stderr (debug level) names sessions by a one-way tag only
      expect(stderr.join('')).not.toContain(id);
    }
    // Process-wide records (no session caused them) reach stderr, not clients.
    expect(stderr.join('')).toContain('session opened');
    for (const logs of [a.logs, b.logs]) {
      expect(logs.map((l) => (l.data as { message: string }).message).join('\n')).not.toMatch(
        /session (opened|closed)|sandbox portal/,
      );
    }
    // Forwarded records carry no stack traces or file paths.
    expect(a.text()).not.toMatch(/\bat .*\.[jt]s:\d+|"stack"/);
  });

  it('honours each client its own level', async () => {
    const { http } = await startApp();
    const quiet = await connect(http.url);
    await quiet.client.setLoggingLevel('error');
    const chatty = await connect(http.url);
    await Promise.all([failingCalls(quiet.client, 'quietone'), failingCalls(chatty.client, 'chattyone')]);
    expect(quiet.logs).toEqual([]); // tool input errors are logged at info
    expect(chatty.text()).toContain('chattyone');
  });

  it('stateless mode: each POST only sees its own records', async () => {
    const { http } = await startApp(true);
    const a = await connect(http.url);
    const b = await connect(http.url);
    await Promise.all([failingCalls(b.client, 'bbbstateless'), failingCalls(a.client, 'aaastateless')]);
    expect(a.text()).toContain('aaastateless');
    expect(a.text()).not.toContain('bbbstateless');
    expect(b.text()).toContain('bbbstateless');
    expect(b.text()).not.toContain('aaastateless');
  });
});
