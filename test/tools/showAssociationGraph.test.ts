import { describe, expect, it } from 'vitest';
import { callTool, connectInMemory, useSandboxServer } from '../helpers/mcp.js';

const URI = 'ui://hubspot-associations/association-graph.html';

describe('show_association_graph against the sandbox', () => {
  const ctx = useSandboxServer({ sandbox: { seed: false, batchReadPageSize: 7 } });
  const portal = () => ctx.sandbox.portal;
  const graph = (args: Record<string, unknown>) => callTool(ctx.mcp.client, 'show_association_graph', args);

  it('names every record the way HubSpot does and gives each link its labels', async () => {
    const company = portal().createObject('companies', { domain: 'engines.example' }).id;
    const ada = portal().createObject('contacts', { firstname: 'Ada', lastname: 'Lovelace' }).id;
    const mail = portal().createObject('contacts', { email: 'charles@engines.example' }).id;
    const deal = portal().createObject('deals', { dealname: 'Difference engine' }).id;
    const ticket = portal().createObject('tickets', { subject: 'Gears jammed' }).id;
    const project = portal().createObject('2-3508467', { name: 'Analytical engine' }).id;
    portal().associate('companies', company, 'contacts', ada, [2]); // Primary (company → contact)
    portal().associate('companies', company, 'contacts', mail);
    portal().associate('companies', company, 'deals', deal);
    portal().associate('companies', company, 'tickets', ticket);
    portal().associate('companies', company, '2-3508467', project);

    const shown = await graph({
      objectType: 'company',
      id: company,
      toObjectTypes: ['contacts', 'deals', 'tickets', '2-3508467'],
    });
    expect(shown.isError).toBe(false);
    expect(shown.data.center).toEqual({ objectType: 'companies', id: company, name: 'engines.example' });
    const [contacts, deals, tickets, projects] = shown.data.groups;
    expect(contacts).toMatchObject({ objectType: 'contacts', total: 2, truncated: false });
    const primary = contacts.edges[0].labels;
    expect(primary).toHaveLength(1);
    expect(contacts.labelCounts).toEqual({ [primary[0]]: 1 });
    expect(contacts.edges).toEqual([
      { id: ada, name: 'Ada Lovelace', labels: primary },
      { id: mail, name: 'charles@engines.example', labels: [] },
    ]);
    expect(deals.edges).toEqual([{ id: deal, name: 'Difference engine', labels: [] }]);
    expect(tickets.edges).toEqual([{ id: ticket, name: 'Gears jammed', labels: [] }]);
    // A custom object by its primary display property, its group by its label.
    expect(projects).toMatchObject({ objectType: '2-3508467', label: 'Projects', total: 1 });
    expect(projects.edges).toEqual([{ id: project, name: 'Analytical engine', labels: [] }]);
    // The text stands alone: counts per type and label, names and ids.
    expect(shown.text).toContain(`companies "engines.example" (${company}): 5 associated records.`);
    expect(shown.text).toContain(`contacts 2 (${primary[0]} 1): Ada Lovelace (${ada}, ${primary[0]})`);
    expect(shown.text).toContain(`charles@engines.example (${mail})`);
    expect(shown.text).toContain(`Projects 1: Analytical engine (${project})`);
  });

  it('defaults to the four main types other than its own, and reads them in batches', async () => {
    const contact = portal().createObject('contacts', { email: 'ada@example.com' }).id;
    const companies = Array.from(
      { length: 12 },
      (_, i) => portal().createObject('companies', { name: `Company ${i}` }).id,
    );
    for (const id of companies) portal().associate('contacts', contact, 'companies', id);
    ctx.sandbox.log.reset();
    const shown = await graph({ objectType: 'contacts', id: contact });
    expect(shown.data.groups.map((g: { objectType: string }) => g.objectType)).toEqual([
      'companies',
      'deals',
      'tickets',
    ]);
    expect(shown.data.center.name).toBe('ada@example.com');
    expect(shown.data.groups[0].edges).toHaveLength(12);
    // The centre's name (1), each type's associations (12 companies in two pages of 7: 2 + 1 + 1)
    // and the shown companies' names (1): never one request per neighbour, no schema read.
    expect(ctx.sandbox.log.count('batch/read')).toBe(1 + 4 + 1);
    expect(ctx.sandbox.log.entries).toHaveLength(6);
  });

  it('cuts each type at limitPerType, labelled links first, and counts them all', async () => {
    const company = portal().createObject('companies', { name: 'Big Co' }).id;
    const contacts = Array.from(
      { length: 30 },
      (_, i) => portal().createObject('contacts', { firstname: `P${i}` }).id,
    );
    contacts.forEach((id, i) => {
      portal().associate('companies', company, 'contacts', id, i >= 27 ? [2] : []);
    });
    const shown = await graph({
      objectType: 'companies',
      id: company,
      toObjectTypes: ['contacts'],
      limitPerType: 5,
    });
    const [group] = shown.data.groups;
    expect(group).toMatchObject({ total: 30, truncated: true });
    expect(group.edges.map((e: { name: string }) => e.name)).toEqual(['P27', 'P28', 'P29', 'P0', 'P1']);
    expect(Object.values(group.labelCounts)).toEqual([3]);
    expect(shown.text).toMatch(/contacts 30 \(.+ 3\): P27 .* and 25 more/);
  });

  it('names a record without a name by its id, and refuses a record that does not exist', async () => {
    const company = portal().createObject('companies', {}).id;
    const shown = await graph({ objectType: 'companies', id: company, toObjectTypes: ['contacts'] });
    expect(shown.data.center.name).toBe(`#${company}`);
    expect(shown.data.groups[0]).toMatchObject({ total: 0, truncated: false, edges: [] });

    const missing = await graph({ objectType: 'contacts', id: '999999999' });
    expect(missing.isError).toBe(true);
    expect(missing.text).toContain('id: no contacts record 999999999; find record ids with find_records');
  });

  it('lists the actions the view may offer: only the tools this server serves', async () => {
    const company = portal().createObject('companies', { name: 'Acme' }).id;
    const all = await graph({ objectType: 'companies', id: company });
    expect(all.data.actions).toEqual(['show_association_graph', 'remove_associations', 'undo_change']);
    const readOnly = await connectInMemory(ctx.sandbox, { readOnly: true });
    const some = await connectInMemory(ctx.sandbox, {
      tools: ['show_association_graph', 'remove_associations'],
    });
    try {
      const ro = await callTool(readOnly.client, 'show_association_graph', {
        objectType: 'companies',
        id: company,
      });
      expect(ro.data.actions).toEqual(['show_association_graph']);
      const picked = await callTool(some.client, 'show_association_graph', {
        objectType: 'companies',
        id: company,
      });
      expect(picked.data.actions).toEqual(['show_association_graph', 'remove_associations']);
    } finally {
      await readOnly.close();
      await some.close();
    }
  });

  it('points hosts at its MCP App: _meta on the tool, the ui:// resource with no network allowed', async () => {
    const { tools } = await ctx.mcp.client.listTools();
    const tool = tools.find((t) => t.name === 'show_association_graph');
    expect(tool?._meta).toEqual({ ui: { resourceUri: URI }, 'ui/resourceUri': URI });
    expect(tools.filter((t) => t._meta)).toHaveLength(1);
    const { resources } = await ctx.mcp.client.listResources();
    const listed = resources.find((r) => r.uri === URI);
    const csp = { connectDomains: [], resourceDomains: [] };
    expect(listed).toMatchObject({ mimeType: 'text/html;profile=mcp-app', _meta: { ui: { csp } } });
    const read = await ctx.mcp.client.readResource({ uri: URI });
    const [content] = read.contents as Array<{ mimeType: string; text: string; _meta: unknown }>;
    expect(content).toMatchObject({
      uri: URI,
      mimeType: 'text/html;profile=mcp-app',
      _meta: { ui: { csp } },
    });
    // One self-contained document (npm run build writes it): at most 400 KB, nothing loaded from elsewhere.
    expect(content?.text).toMatch(/^<!doctype html>/);
    expect(Buffer.byteLength(content?.text ?? '')).toBeLessThanOrEqual(400 * 1024);
    expect(content?.text).not.toMatch(/\b(src|href)\s*=\s*["']?(https?:)?\/\//i);
  });
});
