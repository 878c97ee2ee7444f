import type { Sandbox } from 'hubspot-sandbox';
import { describe, expect, it } from 'vitest';
import { callTool, connectInMemory, useSandboxServer } from '../helpers/mcp.js';
import { caller } from '../sandbox/helpers.js';

const FAST = { rateLimit: 2_000, windowMs: 1_000, searchPerSecond: 200 };
const CLIENT = { rateLimit: 2_000, limiter: { windowMs: 1_000, searchPerSecond: 200 } };
const LABELS = '/crm/associations/2026-03/contacts/companies/labels';
const labelReads = (sandbox: Sandbox) =>
  sandbox.log.count((e) => e.method === 'GET' && e.path.split('?')[0] === LABELS);
const ARGS = { fromObjectType: 'contacts', toObjectType: 'companies' };

/**
 * Imports with labels made after the server read the pair's list: each distinct label is resolved
 * once per import, and the labels the cached list lacks share one fresh read.
 */
describe('imports with labels made elsewhere', () => {
  const ctx = useSandboxServer({ sandbox: { seed: false, ...FAST }, connect: { hubspot: CLIENT } });

  it('import_contact_company_pairs over two chunks: the new label links, an unknown one fails its rows, one extra read', async () => {
    expect((await callTool(ctx.mcp.client, 'list_association_labels', ARGS)).isError).toBe(false);
    await caller(ctx.sandbox)('POST', LABELS, { label: 'Made elsewhere', name: 'made_elsewhere' });
    const made = ctx.sandbox.portal.labels('contacts', 'companies').find((t) => t.label === 'Made elsewhere');
    // 2,100 rows: two chunks of at most 2,000; both labels appear in both chunks.
    const label = (i: number) => (i % 10 === 0 ? 'Made elsewhere' : i % 10 === 1 ? 'Nobody has this' : '');
    const rows = Array.from({ length: 2_100 }, (_, i) => ({
      contact: { email: `p${i}@c${i % 50}.example.com` },
      company: { name: `Company ${i % 50}`, domain: `c${i % 50}.example.com` },
      ...(label(i) ? { label: label(i) } : {}),
    }));
    ctx.sandbox.log.reset();
    const out = await callTool(ctx.mcp.client, 'import_contact_company_pairs', { rows });
    expect(out.data.counts, out.text).toMatchObject({ rows: 2_100, failed: 210, associated: 1_890 });
    expect(out.data.failures[0].error).toContain('label "Nobody has this" is not an association type');
    expect(out.data.failures[0].fix).toContain('valid choices:');
    expect(labelReads(ctx.sandbox)).toBe(1);
    const contact = ctx.sandbox.portal
      .findObjects('contacts')
      .find((c) => c.properties.email === 'p2000@c0.example.com');
    const link = ctx.sandbox.portal.associations('contacts', contact!.id, 'companies')[0];
    expect(link?.types.map((t) => t.typeId)).toContain(made?.typeId);
  }, 60_000);

  it('import_associations: a label and a typeId made elsewhere, resolved once for all their rows', async () => {
    const mcp = await connectInMemory(ctx.sandbox, { hubspot: CLIENT });
    try {
      expect((await callTool(mcp.client, 'list_association_labels', ARGS)).isError).toBe(false);
      const rest = caller(ctx.sandbox);
      await rest('POST', LABELS, { label: 'By text', name: 'by_text' });
      await rest('POST', LABELS, { label: 'By id', name: 'by_id' });
      const byId = ctx.sandbox.portal.labels('contacts', 'companies').find((t) => t.label === 'By id')!;
      const byText = ctx.sandbox.portal.labels('contacts', 'companies').find((t) => t.label === 'By text')!;
      const contacts = ctx.sandbox.portal.createObjects('contacts', 30, (i) => ({
        email: `e${i}@x.example`,
      }));
      const company = ctx.sandbox.portal.createObject('companies', { name: 'X' }).id;
      const rows = contacts.map((c, i) => ({
        fromId: c.id,
        toId: company,
        ...(i % 3 === 0
          ? { label: 'By text' }
          : i % 3 === 1
            ? { typeId: byId.typeId }
            : { label: 'Unheard of' }),
      }));
      ctx.sandbox.log.reset();
      const out = await callTool(mcp.client, 'import_associations', { ...ARGS, rows });
      expect(out.data.counts, out.text).toMatchObject({ associated: 20, failed: 10 });
      expect(out.data.failures[0].error).toContain('label "Unheard of" is not an association type');
      expect(labelReads(ctx.sandbox)).toBe(1);
      const types = (id: string) =>
        ctx.sandbox.portal.associations('contacts', id, 'companies')[0]?.types.map((t) => t.typeId);
      expect(types(contacts[0]!.id)).toContain(byText.typeId);
      expect(types(contacts[1]!.id)).toContain(byId.typeId);
    } finally {
      await mcp.close();
    }
  });
});
