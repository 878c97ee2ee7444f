import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { callTool, useSandboxServer } from '../helpers/mcp.js';

const DEFAULT = 'POST /crm/associations/2026-03/{fromObjectType}/{toObjectType}/batch/associate/default';
const CREATE = 'POST /crm/associations/2026-03/{fromObjectType}/{toObjectType}/batch/create';
const READ = 'POST /crm/associations/2026-03/{fromObjectType}/{toObjectType}/batch/read';
const ARCHIVE = 'POST /crm/associations/2026-03/{fromObjectType}/{toObjectType}/batch/archive';
const LABELS = 'GET /crm/associations/2026-03/{fromObjectType}/{toObjectType}/labels';

describe('bulk work: chunking, coalescing, paging, export failures, label cache', () => {
  const ctx = useSandboxServer({
    sandbox: { seed: false, rateLimit: 100_000, batchReadPageSize: 10 },
    connect: { hubspot: { rateLimit: 100_000 } },
  });
  let contacts: string[];
  let companies: string[];
  beforeEach(() => {
    contacts = ctx.sandbox.portal
      .createObjects('contacts', 2_001, (i) => ({ email: `bulk${i}@example.com` }))
      .map((o) => o.id);
    companies = ctx.sandbox.portal
      .createObjects('companies', 40, (i) => ({ name: `Bulk ${i}` }))
      .map((o) => o.id);
  });

  const pairsOf = (n: number) =>
    contacts.slice(0, n).map((fromId, i) => ({ fromId, toId: companies[i % companies.length] }));
  const associate = (args: Record<string, unknown>) =>
    callTool(ctx.mcp.client, 'associate_records', {
      fromObjectType: 'contacts',
      toObjectType: 'companies',
      ...args,
    });
  const linked = (n: number) =>
    contacts
      .slice(0, n)
      .filter((id) => ctx.sandbox.portal.associations('contacts', id, 'companies').length > 0).length;

  it.each([
    [1_999, 1],
    [2_000, 1],
    [2_001, 2],
  ])('%i default pairs take %i batch request(s), all associated', async (n, requests) => {
    ctx.sandbox.log.reset();
    const out = await associate({ pairs: pairsOf(n) });
    expect(out.data.counts).toEqual({ associated: n });
    expect(ctx.sandbox.log.count(DEFAULT)).toBe(requests);
    expect(linked(n)).toBe(n);
  });

  it('2,001 labeled pairs: two creates, after reading the existing labels', async () => {
    ctx.sandbox.log.reset();
    const out = await associate({ pairs: pairsOf(2_001), label: 'Primary' });
    expect(out.data.counts).toEqual({ associated: 2_001 });
    expect(ctx.sandbox.log.count(CREATE)).toBe(2);
    expect(ctx.sandbox.log.count(READ)).toBe(3); // 1,000 + 1,000 + 1 ids
    expect(ctx.sandbox.log.count(LABELS)).toBe(1);
  });

  it('splits a batch HubSpot calls too large and sends the halves', async () => {
    ctx.sandbox.faults.inject({
      status: 400,
      match: DEFAULT,
      body: {
        status: 'error',
        message: 'Batch input size exceeds limit of 1000',
        category: 'VALIDATION_ERROR',
      },
    });
    ctx.sandbox.log.reset();
    const out = await associate({ pairs: pairsOf(1_500) });
    expect(out.data.counts).toEqual({ associated: 1_500 });
    expect(ctx.sandbox.log.count(DEFAULT)).toBe(3); // refused once, then two halves
    expect(linked(1_500)).toBe(1_500);
  });

  it('coalesces 300 concurrent single-pair calls into a handful of requests, each caller getting its own result', async () => {
    ctx.sandbox.log.reset();
    const calls = contacts.slice(0, 300).map((fromId, i) =>
      associate({
        pairs: [{ fromId, toId: i % 50 === 0 ? '99999999999' : companies[i % companies.length] }],
      }),
    );
    const results = await Promise.all(calls);
    expect(ctx.sandbox.log.count(DEFAULT)).toBeLessThanOrEqual(5);
    for (const [i, out] of results.entries()) {
      const bad = i % 50 === 0;
      expect(out.data.results).toHaveLength(1);
      expect(out.data.results[0].fromId).toBe(contacts[i]);
      expect(out.data.results[0].status).toBe(bad ? 'failed' : 'associated');
      if (bad) expect(out.data.results[0].error).toMatch(/99999999999/);
      expect(out.isError).toBe(bad);
    }
    expect(linked(300)).toBe(294);
  });

  it('coalesces concurrent removals too', async () => {
    await associate({ pairs: pairsOf(100) });
    ctx.sandbox.log.reset();
    await Promise.all(
      pairsOf(100).map((pair) =>
        callTool(ctx.mcp.client, 'remove_associations', {
          fromObjectType: 'contacts',
          toObjectType: 'companies',
          pairs: [pair],
        }),
      ),
    );
    expect(ctx.sandbox.log.count(ARCHIVE)).toBeLessThanOrEqual(3);
    expect(linked(100)).toBe(0);
  });

  it('pages past several pages of one record, and continues from a cursor', async () => {
    const one = contacts[0]!;
    await associate({ pairs: companies.map((toId) => ({ fromId: one, toId })) });
    ctx.sandbox.log.reset();
    const all = await callTool(ctx.mcp.client, 'list_associations', {
      objectType: 'contacts',
      objectIds: [one],
      toObjectType: 'companies',
    });
    expect(all.data.total).toBe(40);
    expect(
      new Set(all.data.records[0].associations.map((a: { toObjectId: string }) => a.toObjectId)).size,
    ).toBe(40);
    expect(ctx.sandbox.log.count(READ)).toBe(4); // pages of 10

    const first = await callTool(ctx.mcp.client, 'list_associations', {
      objectType: 'contacts',
      objectIds: [one],
      toObjectType: 'companies',
      limit: 15,
    });
    expect(first.data.total).toBeLessThan(40);
    expect(first.data.nextCursor).toBeTypeOf('string');
    const rest = await callTool(ctx.mcp.client, 'list_associations', {
      objectType: 'contacts',
      objectIds: [one],
      toObjectType: 'companies',
      cursor: first.data.nextCursor,
    });
    const seen = [...first.data.records[0].associations, ...rest.data.records[0].associations].map(
      (a) => a.toObjectId,
    );
    expect(new Set(seen).size).toBe(40);
    expect(rest.data.nextCursor).toBeUndefined();
  });

  it('an export interrupted by HubSpot says what was written and what was not, and is an error', async () => {
    await associate({ pairs: pairsOf(2_001) });
    ctx.sandbox.faults.inject({ status: 400, match: READ, times: 100 });
    const out = await callTool(ctx.mcp.client, 'export_crm_data', {
      objectTypes: ['contacts'],
      associations: [{ from: 'contacts', to: 'companies' }],
      directory: 'broken',
    });
    expect(out.isError).toBe(true);
    expect(out.data.complete).toBe(false);
    expect(out.text).toMatch(/export failed: .*Written so far: contacts\.csv: \d+ rows \(incomplete/);
    const edges = out.data.files.find((f: { file: string }) => f.file === 'contacts_companies.csv');
    expect(edges).toMatchObject({ rows: 0, complete: false });
    const files = await readdir(join(ctx.mcp.exportDir, 'broken'));
    expect(files.sort()).toEqual(['contacts.csv.partial', 'contacts_companies.csv.partial']);
  });

  it('sends progress notifications while exporting', async () => {
    await associate({ pairs: pairsOf(2_001) });
    const progress: number[] = [];
    const result = await ctx.mcp.client.callTool(
      {
        name: 'export_crm_data',
        arguments: {
          objectTypes: ['contacts', 'companies'],
          associations: [{ from: 'contacts', to: 'companies' }],
        },
      },
      undefined,
      { onprogress: (p) => progress.push(p.progress) },
    );
    expect(result.isError).toBeFalsy();
    expect(progress.length).toBeGreaterThan(0);
    expect(progress).toEqual([...progress].sort((a, b) => a - b)); // rows only grow
    expect(progress.at(-1)).toBeLessThanOrEqual(2_001 + 40 + 2_001);
  });

  it('refuses an export directory outside the export root', async () => {
    const out = await callTool(ctx.mcp.client, 'export_crm_data', {
      objectTypes: ['contacts'],
      directory: '../escape',
    });
    expect(out.isError).toBe(true);
    expect(out.text).toMatch(/directory: leaves the export directory/);
  });

  it('caches label lookups per pair and refreshes them after a label change', async () => {
    ctx.sandbox.log.reset();
    await associate({ pairs: pairsOf(1), label: 'Primary' });
    await associate({ pairs: pairsOf(2).slice(1), label: 'Primary' });
    expect(ctx.sandbox.log.count(LABELS)).toBe(1);
    await callTool(ctx.mcp.client, 'create_association_label', {
      fromObjectType: 'contacts',
      toObjectType: 'companies',
      label: 'Mentor',
    });
    const out = await associate({ pairs: pairsOf(1), label: 'Mentor' });
    expect(out.isError).toBe(false);
    expect(out.data.associationType.label).toBe('Mentor');
  });
});
