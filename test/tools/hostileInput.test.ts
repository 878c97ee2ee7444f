// Hostile input (issue 7, point 5): prototype names, huge names, NUL bytes, crashes, bad shapes and
// labels that look like typeIds, each through the real protocol.
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { Sandbox } from 'hubspot-sandbox';
import { startSandbox } from 'hubspot-sandbox';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createServices } from '../../src/domain/services.js';
import { createHubSpot } from '../../src/hubspot/index.js';
import { createLogger } from '../../src/logger.js';
import { createServer } from '../../src/server.js';
import { allTools } from '../../src/tools/index.js';
import { prepareToolset } from '../../src/tools/register.js';
import { type RawMessage, type RawServer, startRawServer } from '../fuzz/rawStdio.js';
import { callTool, useSandboxServer } from '../helpers/mcp.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));

const limitWrites = (sandbox: Sandbox) =>
  sandbox.log.count((e) => /\/configurations\/[^/]+\/[^/]+\/batch\/(create|update|purge)/.test(e.path));

describe('hostile input through MCP', () => {
  const ctx = useSandboxServer({ sandbox: { seed: false } });
  let contact: string;
  let company: string;
  beforeEach(() => {
    contact = ctx.sandbox.portal.createObject('contacts', { email: 'ada@example.com', firstname: 'Ada' }).id;
    company = ctx.sandbox.portal.createObject('companies', { name: 'Engines', domain: 'engines.example' }).id;
  });

  it('exports properties named like Object.prototype members as empty columns', async () => {
    const names = ['toString', 'constructor', 'valueOf', 'hasOwnProperty', '__proto__'];
    const out = await callTool(ctx.mcp.client, 'export_crm_data', {
      objectTypes: ['contacts'],
      properties: names,
    });
    expect(out.text).not.toMatch(/Casting/);
    expect(out.isError).toBe(false);
    const [header, row, ...rest] = (await readFile(join(ctx.mcp.exportDir, 'contacts.csv'), 'utf8'))
      .trimEnd()
      .split('\n');
    expect(rest).toEqual([]);
    expect(header).toBe(`id,email,firstname,lastname,${names.join(',')},createdAt,updatedAt`);
    const cells = row!.split(',');
    expect(cells.slice(0, 4)).toEqual([contact, 'ada@example.com', 'Ada', '']);
    expect(cells.slice(4, 9)).toEqual(['', '', '', '', '']);
  });

  it('echoes a 1 MiB unknown tool name once, clipped, and names the valid tools', async () => {
    const name = `x${'y'.repeat(1024 * 1024)}`;
    const result = await ctx.mcp.client.callTool({ name, arguments: {} });
    const answer = JSON.stringify(result);
    expect(answer.length).toBeLessThan(4096);
    expect(result.isError).toBe(true);
    const text = (result.content as Array<{ text: string }>)[0]!.text;
    expect(text).toMatch(/unknown tool "xy+"… \(1048577 characters\); use one of: list_association_labels, /);
    expect(text).toContain('export_crm_data');
    expect(text.match(/xy{10}/g)).toHaveLength(1);
  });

  it('refuses a NUL in the export directory by name, without the absolute export path', async () => {
    const result = await ctx.mcp.client.callTool({
      name: 'export_crm_data',
      arguments: { objectTypes: ['contacts'], directory: 'q1\u0000x' },
    });
    expect(result.isError).toBe(true);
    const answer = JSON.stringify(result);
    expect((result.structuredContent as { error: { field: string } }).error.field).toBe('directory');
    expect(answer).toMatch(/directory: contains a control character .*plain subfolder name/);
    expect(answer).not.toContain(ctx.mcp.exportDir);
  });

  it('reports a file system failure with the path relative to the export root', async () => {
    await writeFile(join(ctx.mcp.exportDir, 'taken'), 'a file, not a folder');
    const out = await callTool(ctx.mcp.client, 'export_crm_data', {
      objectTypes: ['contacts'],
      directory: 'taken/q1',
    });
    expect(out.isError).toBe(true);
    expect(out.data.directory).toBe('taken/q1');
    expect(out.text).toMatch(/export failed: could not mkdir "taken(\/q1)?" \(ENOTDIR\)/);
    expect(JSON.stringify(out)).not.toContain(ctx.mcp.exportDir);
  });

  it('says which required fields are missing, by name', async () => {
    const out = await callTool(ctx.mcp.client, 'associate_records', { fromObjectType: 'contacts' });
    expect(out.isError).toBe(true);
    expect(out.text).toContain(
      "associate_records failed: toObjectType is required; pairs is required; add them as the tool's inputSchema describes",
    );
    expect(out.text).not.toMatch(/undefined/);
    expect(out.data.error.field).toBe('toObjectType');
  });

  it('a numeric label that is also a custom label text is ambiguous; associationTypeId decides', async () => {
    const [custom] = ctx.sandbox.portal.createLabel('contacts', 'companies', { label: '279', name: 'n279' });
    const pairs = [{ fromId: contact, toId: company }];
    const ambiguous = await callTool(ctx.mcp.client, 'associate_records', {
      fromObjectType: 'contacts',
      toObjectType: 'companies',
      pairs,
      label: '279',
    });
    expect(ambiguous.isError).toBe(true);
    expect(ambiguous.text).toContain('label "279" is ambiguous for contacts→companies');
    expect(ambiguous.text).toContain(`"279" (typeId ${custom!.typeId}, USER_DEFINED)`);
    expect(ambiguous.text).toContain('unlabeled (typeId 279, HUBSPOT_DEFINED)');
    expect(ambiguous.text).toContain('pass associationTypeId');
    expect(ctx.sandbox.portal.associations('contacts', contact, 'companies')).toEqual([]);

    const byId = await callTool(ctx.mcp.client, 'associate_records', {
      fromObjectType: 'contacts',
      toObjectType: 'companies',
      pairs,
      associationTypeId: custom!.typeId,
    });
    expect(byId.isError).toBe(false);
    expect(byId.data.associationType).toMatchObject({ typeId: custom!.typeId, label: '279' });
  });

  it('refuses a label and an associationTypeId that name different types, and accepts two that agree', async () => {
    const limit = (args: Record<string, unknown>) =>
      callTool(ctx.mcp.client, 'set_association_limit', {
        fromObjectType: 'contacts',
        toObjectType: 'companies',
        maxToObjectIds: 2,
        ...args,
      });
    // A custom label with the text of HubSpot's "Billing contact" (typeId 931): that text alone is ambiguous.
    const [custom] = ctx.sandbox.portal.createLabel('contacts', 'companies', {
      label: 'Billing contact',
      name: 'billing_contact_custom',
    });
    // A limit meant for "Billing contact" must not land on Primary.
    const clash = await limit({ label: 'Billing contact', associationTypeId: 1 });
    expect(clash.isError).toBe(true);
    expect(clash.text).toContain(
      `set_association_limit failed: label: "Billing contact" names "Billing contact" (typeId 931, HUBSPOT_DEFINED), "Billing contact" (typeId ${custom!.typeId}, USER_DEFINED) but associationTypeId 1 is "Primary" (typeId 1, HUBSPOT_DEFINED); give only one of label and associationTypeId`,
    );
    expect(limitWrites(ctx.sandbox)).toBe(0);
    expect(ctx.sandbox.portal.limits('contacts', 'companies')).toEqual([]);

    const unknownLabel = await limit({ label: 'Nobody', associationTypeId: 1 });
    expect(unknownLabel.text).toContain('label: "Nobody" names no type but associationTypeId 1 is "Primary"');

    // The typeId settles what the label alone leaves open.
    const agreed = await limit({ label: 'Billing contact', associationTypeId: 931 });
    expect(agreed.isError).toBe(false);
    expect(agreed.data).toMatchObject({ typeId: 931, action: 'created', maxToObjectIds: 2 });

    const pairs = [{ fromId: contact, toId: company }];
    const associate = (args: Record<string, unknown>) =>
      callTool(ctx.mcp.client, 'associate_records', {
        fromObjectType: 'contacts',
        toObjectType: 'companies',
        pairs,
        ...args,
      });
    const wrong = await associate({ label: 'Primary', associationTypeId: custom!.typeId });
    expect(wrong.isError).toBe(true);
    expect(wrong.text).toContain(
      `label: "Primary" names "Primary" (typeId 1, HUBSPOT_DEFINED) but associationTypeId ${custom!.typeId} is "Billing contact"`,
    );
    expect(ctx.sandbox.portal.associations('contacts', contact, 'companies')).toEqual([]);
    const settled = await associate({ label: 'Billing contact', associationTypeId: custom!.typeId });
    expect(settled.isError).toBe(false);
    expect(settled.data.associationType).toMatchObject({ typeId: custom!.typeId, category: 'USER_DEFINED' });
  });
});

describe('an unexpected failure inside a tool', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ seed: false });
  });
  afterAll(() => sandbox.close());

  it('becomes a tool error with a reference, never the message, stack or path; the log has them', async () => {
    const lines: string[] = [];
    const hubspot = createHubSpot({ baseUrl: sandbox.url, token: sandbox.token });
    const services = createServices(hubspot);
    const server = createServer({
      services: {
        ...services,
        labels: {
          ...services.labels,
          resolve: () => {
            throw new TypeError(`boom at ${REPO}src/domain/labels/catalogue.ts:42:7`);
          },
        },
      },
      logger: createLogger({ level: 'error', secrets: [], sink: (line) => void lines.push(line) }),
      sandbox: true,
      exportDir: tmpdir(),
      toolset: prepareToolset(allTools),
    });
    const client = new Client({ name: 'test', version: '0' });
    const [a, b] = InMemoryTransport.createLinkedPair();
    await Promise.all([client.connect(a), server.server.connect(b)]);
    try {
      const result = await client.callTool({
        name: 'associate_records',
        arguments: {
          fromObjectType: 'contacts',
          toObjectType: 'companies',
          pairs: [{ fromId: '1', toId: '2' }],
          label: 'Primary',
        },
      });
      expect(result.isError).toBe(true);
      const text = (result.content as Array<{ text: string }>)[0]!.text;
      const ref =
        /internal error in associate_records; the server logged the details \(ref ([0-9a-f]{8})\)/.exec(
          text,
        )?.[1];
      expect(ref).toBeDefined();
      const answer = JSON.stringify(result);
      for (const secret of ['boom', REPO, 'labels.ts', 'TypeError', '    at '])
        expect(answer).not.toContain(secret);
      const logged = lines.find((line) => line.includes(ref!));
      expect(logged).toContain('boom at');
      expect(logged).toContain('"stack"');
      // The server keeps serving.
      expect(await client.ping()).toEqual({});
    } finally {
      await client.close();
      await server.close();
      await hubspot.close();
    }
  });
});

/** The built server over stdio in raw JSON lines: shapes the SDK client would not send. */
describe('malformed tools/call over raw stdio', () => {
  let server: RawServer;
  beforeAll(async () => {
    server = await startRawServer();
  });
  afterAll(() => server.close());
  const request = (method: string, params?: unknown) => server.request(method, params);

  const text = (answer: RawMessage) =>
    ((answer.result as { content: Array<{ text: string }> }).content[0] ?? { text: '' }).text;

  it.each([
    [5, 'a number'],
    [[], 'an array'],
    ['contacts', 'a string'],
    [null, 'null'],
  ])('arguments %j → a tool error naming arguments', async (args, kind) => {
    const answer = await request('tools/call', { name: 'list_association_labels', arguments: args });
    expect(answer.error).toBeUndefined();
    expect(answer.result).toMatchObject({
      isError: true,
      structuredContent: { error: { field: 'arguments' } },
    });
    expect(text(answer)).toBe(
      `[sandbox] list_association_labels failed: arguments: must be an object of the tool's fields, not ${kind}; send them as the tool's inputSchema describes`,
    );
  });

  it('a name that is not a string, or none, is a tool error naming name and the valid tools', async () => {
    for (const params of [{ name: 5, arguments: {} }, { arguments: {} }, {}]) {
      const answer = await request('tools/call', params);
      expect(answer.result).toMatchObject({ isError: true, structuredContent: { error: { field: 'name' } } });
      expect(text(answer)).toMatch(
        /tools\/call failed: name( is required|: must be a tool name, not a number); use one of: list_association_labels/,
      );
    }
    const none = await request('tools/call');
    expect(text(none)).toContain('name is required');
    expect(await request('ping')).toMatchObject({ result: {} });
  });
});
