import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { type Sandbox, startSandbox } from 'hubspot-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callTool } from '../helpers/mcp.js';

const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

function env(
  sandbox: Sandbox,
  exportDir: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  const base: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env))
    if (v !== undefined && !/^(HUBSPOT_|MCP_)/.test(k)) base[k] = v;
  return {
    ...base,
    HUBSPOT_API_BASE_URL: sandbox.url,
    HUBSPOT_ACCESS_TOKEN: sandbox.token,
    HUBSPOT_EXPORT_DIR: exportDir,
    LOG_LEVEL: 'warning',
    ...extra,
  };
}

/** The built server as a real child process, over stdio or Streamable HTTP, pointed at a sandbox this test can inspect. */
async function connect(
  transport: 'stdio' | 'http',
  sandbox: Sandbox,
  exportDir: string,
  args: string[] = [],
) {
  const client = new Client({ name: 'e2e', version: '1.0.0' });
  if (transport === 'stdio') {
    await client.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: [CLI, ...args],
        env: env(sandbox, exportDir),
        stderr: 'ignore',
      }),
    );
    return { client, close: () => client.close() };
  }
  const token = 'e2e-http-token-123456';
  const child: ChildProcess = spawn(process.execPath, [CLI, '--http', '--port', '0', ...args], {
    env: env(sandbox, exportDir, { MCP_HTTP_TOKEN: token, LOG_LEVEL: 'info' }),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let seen = '';
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      seen += chunk;
      const match = /"url":"(http:\/\/127\.0\.0\.1:\d+\/mcp)"/.exec(seen);
      if (match?.[1]) resolve(match[1]);
    });
    child.on('exit', (code) => reject(new Error(`server exited ${code}: ${seen}`)));
  });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(url), {
      requestInit: { headers: { Authorization: `Bearer ${token}` } },
    }),
  );
  return {
    client,
    async close() {
      await client.close();
      child.kill('SIGTERM');
    },
  };
}

describe.each(['stdio', 'http'] as const)('seed flows end to end over %s', (transport) => {
  let sandbox: Sandbox;
  let exportDir: string;
  let mcp: Awaited<ReturnType<typeof connect>>;
  beforeAll(async () => {
    sandbox = await startSandbox({ seed: true });
    exportDir = await mkdtemp(join(tmpdir(), 'hsmcp-e2e-'));
    mcp = await connect(transport, sandbox, exportDir);
  });
  afterAll(async () => {
    await mcp.close();
    await sandbox.close();
    await rm(exportDir, { recursive: true, force: true });
  });
  const call = (name: string, args: Record<string, unknown>) => callTool(mcp.client, name, args);

  it('creates a contact + company pair once, and finds it the second time', async () => {
    const contacts = sandbox.portal.countObjects('contacts');
    const companies = sandbox.portal.countObjects('companies');
    const args = {
      contact: { email: `e2e-${transport}@flow.example`, firstname: 'Edda' },
      company: { name: `Flow ${transport}`, domain: `${transport}.flow.example` },
    };
    const first = await call('create_contact_company_pair', args);
    expect(first.data.contact.status).toBe('created');
    expect(first.data.company.status).toBe('created');
    const second = await call('create_contact_company_pair', args);
    expect(second.data.contact).toEqual({ ...first.data.contact, status: 'found' });
    expect(second.data.company).toEqual({ ...first.data.company, status: 'found' });
    expect(sandbox.portal.countObjects('contacts')).toBe(contacts + 1);
    expect(sandbox.portal.countObjects('companies')).toBe(companies + 1);
    const linked = sandbox.portal.associations('contacts', first.data.contact.id, 'companies');
    expect(linked.map((a) => a.toObjectId)).toEqual([first.data.company.id]);
  });

  it('default association, then a labeled one; removes one label, then all', async () => {
    const contact = sandbox.portal.createObject('contacts', { email: `lab-${transport}@flow.example` }).id;
    const company = sandbox.portal.createObject('companies', { name: `Lab ${transport}` }).id;
    const pairs = [{ fromId: contact, toId: company }];
    const types = () =>
      (sandbox.portal.associations('contacts', contact, 'companies')[0]?.types ?? [])
        .map((t) => t.typeId)
        .sort((a, b) => a - b);
    await call('associate_records', { fromObjectType: 'contact', toObjectType: 'company', pairs });
    expect(types()).toEqual([279]);
    await call('associate_records', { fromObjectType: '0-1', toObjectType: '0-2', pairs, label: 'Primary' });
    expect(types()).toEqual([1, 279]);
    await call('remove_associations', {
      fromObjectType: 'contacts',
      toObjectType: 'companies',
      pairs,
      label: 'Primary',
    });
    expect(types()).toEqual([279]);
    await call('remove_associations', { fromObjectType: 'contacts', toObjectType: 'companies', pairs });
    expect(types()).toEqual([]);
  });

  it('label create / rename / delete and limit set / read / purge', async () => {
    const pair = { fromObjectType: 'deals', toObjectType: 'contacts' };
    const created = await call('create_association_label', {
      ...pair,
      label: `Champion ${transport}`,
      inverseLabel: 'Champion of',
    });
    const typeId = created.data.type.typeId as number;
    expect(sandbox.portal.labels('deals', 'contacts').some((t) => t.typeId === typeId)).toBe(true);
    await call('update_association_label', {
      ...pair,
      associationTypeId: typeId,
      newLabel: `Sponsor ${transport}`,
    });
    expect(sandbox.portal.labels('deals', 'contacts').find((t) => t.typeId === typeId)?.label).toBe(
      `Sponsor ${transport}`,
    );

    await call('set_association_limit', { ...pair, label: `Sponsor ${transport}`, maxToObjectIds: 2 });
    expect(sandbox.portal.limits('deals', 'contacts').find((l) => l.typeId === typeId)?.maxToObjectIds).toBe(
      2,
    );
    const read = await call('get_association_limits', pair);
    expect(read.data.limits.find((l: { typeId: number }) => l.typeId === typeId).maxToObjectIds).toBe(2);
    await call('remove_association_limit', { ...pair, associationTypeId: typeId });
    expect(
      sandbox.portal
        .limits('deals', 'contacts')
        .some((l) => l.typeId === typeId && l.maxToObjectIds !== undefined),
    ).toBe(false);

    const deleted = await call('delete_association_label', { ...pair, associationTypeId: typeId });
    expect(deleted.isError).toBe(false);
    expect(sandbox.portal.labels('deals', 'contacts').some((t) => t.typeId === typeId)).toBe(false);
  });

  it('exports files whose row counts match the portal', async () => {
    const out = await call('export_crm_data', {
      objectTypes: ['contacts', 'companies'],
      associations: [{ from: 'contacts', to: 'companies' }],
      directory: transport,
    });
    expect(out.isError).toBe(false);
    const files = Object.fromEntries(
      out.data.files.map((f: { file: string; rows: number }) => [f.file, f.rows]),
    );
    expect(files['contacts.csv']).toBe(sandbox.portal.countObjects('contacts'));
    expect(files['companies.csv']).toBe(sandbox.portal.countObjects('companies'));
    const edges = sandbox.portal
      .findObjects('contacts')
      .reduce(
        (n, c) =>
          n +
          sandbox.portal.associations('contacts', c.id, 'companies').reduce((m, a) => m + a.types.length, 0),
        0,
      );
    expect(files['contacts_companies.csv']).toBe(edges);
    const csv = await readFile(join(exportDir, transport, 'contacts_companies.csv'), 'utf8');
    expect(csv.split('\n')[0]).toBe('fromId,toId,typeId,category,label');
    expect(csv.trimEnd().split('\n')).toHaveLength(edges + 1);
  });
});

describe('--read-only over stdio', () => {
  it('registers only the read-only tools', async () => {
    const sandbox = await startSandbox({ seed: false });
    const dir = await mkdtemp(join(tmpdir(), 'hsmcp-ro-'));
    const mcp = await connect('stdio', sandbox, dir, ['--read-only']);
    try {
      const { tools } = await mcp.client.listTools();
      expect(tools.map((t) => t.name).sort()).toEqual([
        'check_connection',
        'find_records',
        'get_association_limits',
        'list_association_labels',
        'list_associations',
        'list_changes',
        'list_object_types',
        'show_association_graph',
      ]);
      expect(tools.every((t) => t.annotations?.readOnlyHint === true)).toBe(true);
    } finally {
      await mcp.close();
      await sandbox.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
