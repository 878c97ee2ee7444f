import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { type Sandbox, startSandbox } from 'hubspot-sandbox';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createMemoryJournal } from '../../src/domain/journal/store.js';
import { serveHttp } from '../../src/transports/http.js';
import { callTool, connectInMemory } from '../helpers/mcp.js';
import { quietLogger } from '../transports/fixtures.js';

const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const pairRows = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    contact: { email: `p${i}@x${i % 50}.example` },
    company: { name: `X${i % 50}`, domain: `x${i % 50}.example` },
  }));

/** Polls list_changes until the cancelled call's change is journaled (it stops at its next batch). */
async function changesOf(client: Client) {
  for (;;) {
    const listed = await callTool(client, 'list_changes', {});
    if (listed.data.changes.length > 0)
      return listed.data.changes as Array<{ tool: string; summary: string }>;
    await sleep(200);
  }
}

/** A server's environment for the sandbox portal, with its journal in `state`. */
const portalEnv = (sandbox: Sandbox, state: string) => ({
  HUBSPOT_API_BASE_URL: sandbox.url,
  HUBSPOT_ACCESS_TOKEN: sandbox.token,
  HUBSPOT_STATE_DIR: state,
});

const records = (sandbox: Sandbox) =>
  sandbox.portal.findObjects('contacts').length + sandbox.portal.findObjects('companies').length;

/** Waits until the import has created something (then stopping it has something to journal). */
async function creating(sandbox: Sandbox): Promise<void> {
  while (sandbox.portal.findObjects('contacts').length === 0) await sleep(100);
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/**
 * A call cancelled before it detaches stops at its next batch boundary and journals what it did:
 * the client giving up (notifications/cancelled), its HTTP session closing, SIGTERM.
 */
describe('a long call cancelled before it detaches', () => {
  // The reproduction: 3,000 rows, a budget of 10 requests per 10 s, a client that gives up
  // after ~20 s (25 here: the first creates go out at 20 s, once the 21 lookups have had their
  // slots). Before: contacts created, list_changes empty, rows saying the limiter had been stopped.
  it('notifications/cancelled: stops, and list_changes shows the contacts it created', async () => {
    const sandbox = await startSandbox({ seed: false, rateLimit: 100_000 });
    cleanups.push(() => sandbox.close());
    const journal = createMemoryJournal();
    const mcp = await connectInMemory(sandbox, {
      hubspot: { rateLimit: 10, limiter: { windowMs: 10_000 } },
      jobDetachMs: 120_000,
      journal,
    });
    cleanups.push(() => mcp.close());
    const call = mcp.client.callTool(
      { name: 'import_contact_company_pairs', arguments: { rows: pairRows(3_000) } },
      undefined,
      { timeout: 25_000 },
    );
    await expect(call).rejects.toThrow(/timed out/i);
    const [change] = await changesOf(mcp.client);
    expect(change?.tool).toBe('import_contact_company_pairs');
    const contacts = sandbox.portal.findObjects('contacts');
    expect(contacts.length).toBeGreaterThan(0);
    expect(change?.summary).toContain(
      `created ${contacts.length + sandbox.portal.findObjects('companies').length} records`,
    );
    // Exactly the records the portal holds, and none made after it stopped.
    const [entry] = (await journal.list()).entries;
    const created = entry?.change.kind === 'records' ? entry.change.created : [];
    expect(
      created
        .filter((r) => r.type.name === 'contacts')
        .map((r) => r.id)
        .sort(),
    ).toEqual(contacts.map((c) => c.id).sort());
    await sleep(1_500);
    expect(sandbox.portal.findObjects('contacts')).toHaveLength(contacts.length);
  }, 60_000);

  it('its HTTP session closing: stops, and another session lists what it did', async () => {
    const sandbox = await startSandbox({ seed: false, rateLimit: 100_000 });
    cleanups.push(() => sandbox.close());
    const state = await mkdtemp(join(tmpdir(), 'hsmcp-state-'));
    cleanups.push(() => rm(state, { recursive: true, force: true }));
    const config = loadConfig(['--http', '--log-level', 'error'], {
      ...portalEnv(sandbox, state),
      HUBSPOT_RATE_LIMIT: '10',
      HUBSPOT_RATE_WINDOW_MS: '1000',
    });
    const { logger } = quietLogger();
    const app = await createApp(config, logger);
    cleanups.push(() => app.close());
    const http = await serveHttp(app.createMcpServer, { ...config.http, port: 0, logger });
    cleanups.push(() => http.close());
    const transport = new StreamableHTTPClientTransport(new URL(http.url));
    const gone = new Client({ name: 'gone', version: '1.0.0' });
    await gone.connect(transport);
    const call = gone.callTool(
      { name: 'import_contact_company_pairs', arguments: { rows: pairRows(3_000) } },
      undefined,
      { timeout: 60_000 },
    );
    call.catch(() => {});
    await creating(sandbox);
    await transport.terminateSession();
    await gone.close();

    const other = new Client({ name: 'other', version: '1.0.0' });
    await other.connect(new StreamableHTTPClientTransport(new URL(http.url)));
    cleanups.push(() => other.close());
    const [change] = await changesOf(other);
    expect(change).toMatchObject({ tool: 'import_contact_company_pairs' });
    expect(change?.summary).toContain(`created ${records(sandbox)} records`);
  }, 60_000);

  it('once detached, it outlives the HTTP session that started it (another session follows it to the end)', async () => {
    const sandbox = await startSandbox({ seed: false, rateLimit: 100_000 });
    cleanups.push(() => sandbox.close());
    const state = await mkdtemp(join(tmpdir(), 'hsmcp-state-'));
    cleanups.push(() => rm(state, { recursive: true, force: true }));
    const config = loadConfig(['--http', '--log-level', 'error'], {
      ...portalEnv(sandbox, state),
      HUBSPOT_RATE_LIMIT: '20',
      HUBSPOT_RATE_WINDOW_MS: '1000',
      HUBSPOT_JOB_DETACH_S: '1',
    });
    const { logger } = quietLogger();
    const app = await createApp(config, logger);
    cleanups.push(() => app.close());
    const http = await serveHttp(app.createMcpServer, { ...config.http, port: 0, logger });
    cleanups.push(() => http.close());
    const transport = new StreamableHTTPClientTransport(new URL(http.url));
    const starter = new Client({ name: 'starter', version: '1.0.0' });
    await starter.connect(transport);
    const answer = await callTool(starter, 'import_contact_company_pairs', { rows: pairRows(1_000) });
    const { jobId } = answer.data.job;
    await transport.terminateSession();
    await starter.close();

    const other = new Client({ name: 'other', version: '1.0.0' });
    await other.connect(new StreamableHTTPClientTransport(new URL(http.url)));
    cleanups.push(() => other.close());
    let got = await callTool(other, 'get_job', { jobId });
    while (got.data.job.status === 'running') {
      await sleep(200);
      got = await callTool(other, 'get_job', { jobId });
    }
    expect(got.data.job.status).toBe('done');
    expect(got.data.result.counts).toMatchObject({ rows: 1_000, contactsCreated: 1_000, associated: 1_000 });
    expect(sandbox.portal.findObjects('contacts')).toHaveLength(1_000);
  }, 60_000);

  it('SIGTERM (stdio, built server): the call answers with what it did, journaled; nothing internal', async () => {
    const sandbox = await startSandbox({ seed: false, rateLimit: 100_000 });
    cleanups.push(() => sandbox.close());
    const state = await mkdtemp(join(tmpdir(), 'hsmcp-state-'));
    cleanups.push(() => rm(state, { recursive: true, force: true }));
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env))
      if (v !== undefined && !/^(HUBSPOT_|MCP_|REDIS_)/.test(k)) env[k] = v;
    Object.assign(env, portalEnv(sandbox, state), {
      HUBSPOT_RATE_LIMIT: '10',
      HUBSPOT_RATE_WINDOW_MS: '1000',
      LOG_LEVEL: 'error',
    });
    const session = async () => {
      const transport = new StdioClientTransport({
        command: process.execPath,
        args: [CLI],
        env,
        stderr: 'ignore',
      });
      const client = new Client({ name: 'sigterm-test', version: '1.0.0' });
      await client.connect(transport);
      return { client, transport };
    };
    const first = await session();
    const call = first.client.callTool(
      { name: 'import_contact_company_pairs', arguments: { rows: pairRows(3_000) } },
      undefined,
      { timeout: 60_000 },
    );
    await creating(sandbox);
    process.kill(first.transport.pid!, 'SIGTERM');
    const answer = await call;
    const text = (answer.content as Array<{ text: string }>).map((c) => c.text).join('\n');
    expect(text).toMatch(/cancelled before they were reached: run it again/);
    expect(text).not.toMatch(/limiter|stopped\./i);
    const data = answer.structuredContent as { changeId: string; counts: Record<string, number> };
    expect(data.changeId).toMatch(/^chg_/);
    expect(data.counts.cancelled).toBeGreaterThan(0);
    await first.client.close();

    const second = await session();
    cleanups.push(() => second.client.close());
    const listed = await callTool(second.client, 'list_changes', {});
    expect(listed.data.changes[0]).toMatchObject({
      changeId: data.changeId,
      tool: 'import_contact_company_pairs',
    });
    expect(listed.data.changes[0].summary).toContain(`created ${records(sandbox)} records`);
  }, 60_000);
});
