import { describe, expect, it } from 'vitest';
import { callTool, connectInMemory, useSandboxServer } from '../helpers/mcp.js';
import { peopleRows, useImportDir, writeCsv } from '../import/helpers.js';

/** The import tools are journaled like every write: undo takes back the links, keeps the records. */
describe('imports in the change journal', () => {
  const files = useImportDir();
  const ctx = useSandboxServer({ sandbox: { seed: false, rateLimit: 10_000, searchLagMs: 0 } });
  const pair = { fromObjectType: 'contacts', toObjectType: 'companies' };
  const call = async (tool: string, args: Record<string, unknown>) => {
    const out = await callTool(ctx.mcp.client, tool, args);
    expect(out.isError, `${tool}: ${out.text}`).toBe(false);
    return out.data;
  };
  const links = () =>
    ctx.sandbox.portal
      .findObjects('contacts')
      .flatMap((c) =>
        ctx.sandbox.portal
          .associations('contacts', c.id, 'companies')
          .map((a) => `${c.id}>${a.toObjectId}:${a.types.map((t) => t.typeId).sort((x, y) => x - y)}`),
      )
      .sort();

  it('import_contact_company_pairs: records listed and kept, only the links it made are undone', async () => {
    await call('create_association_label', { ...pair, label: 'Buyer', inverseLabel: 'Bought from' });
    // One person already in the portal and linked to one company: that link is not the import's.
    const old = ctx.sandbox.portal.createObject('contacts', { email: 'p0@c0.example.com' }).id;
    const oldCo = ctx.sandbox.portal.createObject('companies', {
      name: 'Company 0',
      domain: 'c0.example.com',
    }).id;
    ctx.sandbox.portal.associate('contacts', old, 'companies', oldCo);
    const before = links();
    await writeCsv(
      files.dir,
      'people.csv',
      peopleRows(30, 4, 'p', (i) => (i % 3 === 0 ? 'Buyer' : '')),
    );
    const mcp = await connectInMemory(ctx.sandbox, { importDir: files.dir });
    try {
      const out = await callTool(mcp.client, 'import_contact_company_pairs', { file: 'people.csv' });
      expect(out.isError, out.text).toBe(false);
      expect(out.data.changeId).toMatch(/^chg_/);
      const listed = await callTool(mcp.client, 'list_changes', {});
      expect(listed.data.changes[0].summary).toMatch(
        /created 32 records and linked 30 contacts→companies pairs/,
      );
      const undone = await callTool(mcp.client, 'undo_change', {
        changeId: out.data.changeId,
        confirm: true,
      });
      expect(undone.isError, undone.text).toBe(false);
      expect(undone.data.recordsKept).toHaveLength(29 + 3);
      // Row 0's pair existed and only gained Buyer: the label goes, the old link stays.
      expect(links()).toEqual(before);
      expect(ctx.sandbox.portal.findObjects('contacts')).toHaveLength(30);
    } finally {
      await mcp.close();
    }
  });

  it('import_associations: the types each pair gained are undone, labels it found stay', async () => {
    const [c1, c2, c3] = ctx.sandbox.portal.createObjects('contacts', 3).map((o) => o.id);
    const co = ctx.sandbox.portal.createObject('companies', { name: 'Edges' }).id;
    ctx.sandbox.portal.associate('contacts', c1!, 'companies', co, [1]); // Primary, already there
    const before = links();
    const out = await call('import_associations', {
      ...pair,
      rows: [
        { fromId: c1, toId: co, typeId: 279 },
        { fromId: c2, toId: co, typeId: 1 },
        { fromId: c3, toId: co },
      ],
    });
    expect(out.counts).toEqual({ unchanged: 1, associated: 2 });
    expect(links()).toHaveLength(3);
    const undone = await call('undo_change', { changeId: out.changeId });
    expect(undone.counts).toEqual({ restored: 2 });
    expect(links()).toEqual(before);
  });

  it('an import stopped by HubSpot journals what it did before the stop', async () => {
    const contacts = ctx.sandbox.portal.createObjects('contacts', 2_500).map((o) => o.id);
    const co = ctx.sandbox.portal.createObject('companies', { name: 'Half' }).id;
    await writeCsv(files.dir, 'edges.csv', [
      ['fromId', 'toId', 'typeId', 'category', 'label'],
      ...contacts.map((c) => [c, co, '', '', '']),
    ]);
    const mcp = await connectInMemory(ctx.sandbox, {
      importDir: files.dir,
      hubspot: { rateLimit: 10_000, retry: { timeScale: 0.001, baseDelayMs: 1 } },
    });
    try {
      // The file is read in chunks of 2,000 rows; the first chunk's pairs are read in two requests.
      // From the third read on HubSpot is down for good: the run stops in the second chunk.
      let reads = 0;
      ctx.sandbox.faults.inject({
        status: 503,
        times: 1_000,
        match: (m, p) => m === 'POST' && p.endsWith('/batch/read') && ++reads > 2,
      });
      const out = await callTool(mcp.client, 'import_associations', { ...pair, file: 'edges.csv' });
      expect(out.isError).toBe(true);
      expect(out.text).toMatch(/change chg_\w+ \(undo_change reverts it\)/);
      expect(ctx.sandbox.portal.countAssociations()).toBe(2 * 2_000);
      ctx.sandbox.faults.clear();
      const changeId = out.text.match(/change (chg_\w+)/)?.[1];
      const undone = await callTool(mcp.client, 'undo_change', { changeId, confirm: true });
      expect(undone.isError, undone.text).toBe(false);
      expect(undone.data.counts).toEqual({ restored: 2_000 });
      expect(ctx.sandbox.portal.countAssociations()).toBe(0);
    } finally {
      await mcp.close();
    }
  });
});
