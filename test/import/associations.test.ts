import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Sandbox } from 'hubspot-sandbox';
import { describe, expect, it } from 'vitest';
import { callTool, connectInMemory, useSandboxServer } from '../helpers/mcp.js';
import { useImportDir, writeCsv } from './helpers.js';

const FAST = { rateLimit: 2_000, windowMs: 1_000 };

/** Every contact's companies with their typeIds, sorted: the portal's links, to compare exactly. */
function links(sandbox: Sandbox) {
  const out: string[] = [];
  for (const c of sandbox.portal.findObjects('contacts')) {
    for (const a of sandbox.portal.associations('contacts', c.id, 'companies')) {
      out.push(
        `${c.id}>${a.toObjectId}:${a.types
          .map((t: { typeId: number }) => t.typeId)
          .sort((x, y) => x - y)
          .join('+')}`,
      );
    }
  }
  return out.sort();
}

describe('import_associations', () => {
  const files = useImportDir();
  const ctx = useSandboxServer({ sandbox: { seed: false, ...FAST } });

  it('export → remove → import restores the links and their labels exactly', async () => {
    const mcp = await connectInMemory(ctx.sandbox, {
      hubspot: { rateLimit: 2_000, limiter: { windowMs: 1_000 } },
      importDir: files.dir,
    });
    try {
      const { portal } = ctx.sandbox;
      const [buyer] = portal.createLabel('contacts', 'companies', { label: 'Buyer', name: 'buyer' });
      const [champion] = portal.createLabel('contacts', 'companies', { label: 'Champion', name: 'champion' });
      const primary = portal
        .labels('contacts', 'companies')
        .find((t) => t.category === 'HUBSPOT_DEFINED' && t.label !== null)!;
      const contacts = portal.createObjects('contacts', 300, (i) => ({ email: `r${i}@x.example` }));
      const companies = portal.createObjects('companies', 60, (i) => ({ name: `R${i}` }));
      contacts.forEach((c, i) => {
        const labels = [[], [buyer!.typeId], [buyer!.typeId, champion!.typeId], [primary.typeId]][i % 4]!;
        portal.associate('contacts', c.id, 'companies', companies[i % 60]!.id, labels);
        if (i % 5 === 0) portal.associate('contacts', c.id, 'companies', companies[(i + 1) % 60]!.id);
      });
      const before = links(ctx.sandbox);
      const exported = await callTool(mcp.client, 'export_crm_data', {
        objectTypes: ['contacts'],
        associations: [{ from: 'contacts', to: 'companies' }],
      });
      expect(exported.isError, exported.text).toBe(false);
      const pairs = before.map((l) => {
        const [fromId, rest] = l.split('>');
        return { fromId: fromId!, toId: rest!.split(':')[0]! };
      });
      const removed = await callTool(mcp.client, 'remove_associations', {
        fromObjectType: 'contacts',
        toObjectType: 'companies',
        pairs,
        confirm: true,
      });
      expect(removed.data?.counts?.removed, removed.text).toBe(pairs.length);
      expect(links(ctx.sandbox)).toEqual([]);

      await copyFile(join(mcp.exportDir, 'contacts_companies.csv'), join(files.dir, 'edges.csv'));
      const dry = await callTool(mcp.client, 'import_associations', {
        fromObjectType: 'contacts',
        toObjectType: 'companies',
        file: 'edges.csv',
        dryRun: true,
      });
      expect(dry.data.counts.planned).toBeGreaterThan(pairs.length);
      expect(links(ctx.sandbox)).toEqual([]);
      ctx.sandbox.log.reset();
      const out = await callTool(mcp.client, 'import_associations', {
        fromObjectType: 'contacts',
        toObjectType: 'companies',
        file: 'edges.csv',
      });
      expect(out.isError, out.text).toBe(false);
      expect(out.data.counts.failed ?? 0).toBe(0);
      expect(links(ctx.sandbox)).toEqual(before);
      // One read of the pairs, one default write and one labeled write (each ≤ 2,000 pairs).
      expect(ctx.sandbox.log.entries.filter((e) => e.path.includes('/batch/')).length).toBe(3);

      // Again: every row unchanged, nothing written.
      const again = await callTool(mcp.client, 'import_associations', {
        fromObjectType: 'contacts',
        toObjectType: 'companies',
        file: 'edges.csv',
      });
      expect(Object.keys(again.data.counts)).toEqual(['unchanged']);
      expect(links(ctx.sandbox)).toEqual(before);
    } finally {
      await mcp.close();
    }
  }, 60_000);

  it('adds labels from rows to what a pair has (HubSpot replaces a label set), per row', async () => {
    const mcp = await connectInMemory(ctx.sandbox, { importDir: files.dir });
    try {
      const { portal } = ctx.sandbox;
      const [buyer] = portal.createLabel('contacts', 'companies', { label: 'Buyer', name: 'buyer' });
      const [champion] = portal.createLabel('contacts', 'companies', { label: 'Champion', name: 'champion' });
      const c = portal.createObject('contacts', { email: 'x@y.example' });
      const k = portal.createObject('companies', { name: 'Y' });
      portal.associate('contacts', c.id, 'companies', k.id, [buyer!.typeId]);
      const out = await callTool(mcp.client, 'import_associations', {
        fromObjectType: 'contacts',
        toObjectType: 'companies',
        rows: [
          { fromId: c.id, toId: k.id, label: 'Champion' },
          { fromId: c.id, toId: '999999', label: 'Nope' },
          { fromId: c.id, toId: k.id, typeId: 987654 },
        ],
      });
      expect(out.data.results.map((r: { status: string }) => r.status)).toEqual([
        'associated',
        'failed',
        'failed',
      ]);
      expect(out.data.failures[0].fix).toMatch(/Buyer/);
      const types = portal.associations('contacts', c.id, 'companies')[0]!.types.map((t) => t.typeId);
      expect(types).toEqual(expect.arrayContaining([buyer!.typeId, champion!.typeId]));
      await writeCsv(files.dir, 'bad.csv', [
        ['from', 'to'],
        ['1', '2'],
      ]);
      const bad = await callTool(mcp.client, 'import_associations', {
        fromObjectType: 'contacts',
        toObjectType: 'companies',
        file: 'bad.csv',
      });
      expect(bad.isError).toBe(true);
      expect(bad.text).toMatch(/unknown column "from".*fromId,toId,typeId,category,label/);
    } finally {
      await mcp.close();
    }
  });
});
