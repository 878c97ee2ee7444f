import type { Sandbox } from 'hubspot-sandbox';
import { beforeEach, describe, expect, it } from 'vitest';
import { callTool, useSandboxServer } from '../helpers/mcp.js';

const typeIds = (sandbox: Sandbox, contactId: string, companyId: string) =>
  (
    sandbox.portal.associations('contacts', contactId, 'companies').find((a) => a.toObjectId === companyId)
      ?.types ?? []
  )
    .map((t) => t.typeId)
    .sort((a, b) => a - b);

describe('association tools through MCP against the sandbox', () => {
  const ctx = useSandboxServer({ sandbox: { seed: false } });
  let contact: string;
  let company: string;
  let other: string;
  beforeEach(() => {
    contact = ctx.sandbox.portal.createObject('contacts', { email: 'ada@example.com' }).id;
    company = ctx.sandbox.portal.createObject('companies', {
      name: 'Analytical Engines',
      domain: 'engines.example',
    }).id;
    other = ctx.sandbox.portal.createObject('companies', { name: 'Other Co', domain: 'other.example' }).id;
  });

  const associate = (args: Record<string, unknown>) =>
    callTool(ctx.mcp.client, 'associate_records', {
      fromObjectType: 'contacts',
      toObjectType: 'companies',
      ...args,
    });
  const remove = (args: Record<string, unknown>) =>
    callTool(ctx.mcp.client, 'remove_associations', {
      fromObjectType: 'contacts',
      toObjectType: 'companies',
      ...args,
    });

  it('makes the default association, then adds a label and keeps the existing ones', async () => {
    const first = await associate({ pairs: [{ fromId: contact, toId: company }] });
    expect(first.isError).toBe(false);
    expect(first.data.results).toEqual([{ fromId: contact, toId: company, status: 'associated' }]);
    expect(typeIds(ctx.sandbox, contact, company)).toEqual([279]);
    // The inverse direction exists too.
    expect(
      ctx.sandbox.portal.associations('companies', company, 'contacts').map((a) => a.toObjectId),
    ).toEqual([contact]);

    const labeled = await associate({ pairs: [{ fromId: contact, toId: company }], label: 'Primary' });
    expect(labeled.data.associationType).toMatchObject({ typeId: 1, label: 'Primary' });
    expect(typeIds(ctx.sandbox, contact, company)).toEqual([1, 279]);

    await callTool(ctx.mcp.client, 'create_association_label', {
      fromObjectType: 'contacts',
      toObjectType: 'companies',
      label: 'Advisor',
    });
    const second = await associate({ pairs: [{ fromId: contact, toId: company }], label: 'advisor' });
    expect(second.isError).toBe(false);
    expect(typeIds(ctx.sandbox, contact, company)).toHaveLength(3);

    const repeat = await associate({ pairs: [{ fromId: contact, toId: company }], label: 'Primary' });
    expect(repeat.data.results[0].status).toBe('unchanged');
  });

  it('reports per pair: one bad id fails, the others are associated', async () => {
    const out = await associate({
      pairs: [
        { fromId: contact, toId: company },
        { fromId: contact, toId: '999999999' },
        { fromId: contact, toId: other },
      ],
    });
    expect(out.data.counts).toEqual({ associated: 2, failed: 1 });
    expect(out.data.results[1]).toMatchObject({ toId: '999999999', status: 'failed' });
    expect(out.data.results[1].error).toMatch(/999999999/);
    expect(typeIds(ctx.sandbox, contact, company)).toEqual([279]);
    expect(typeIds(ctx.sandbox, contact, other)).toEqual([279]);
  });

  it('dryRun returns the plan and writes nothing', async () => {
    ctx.sandbox.log.reset();
    const out = await associate({
      pairs: [{ fromId: contact, toId: company }],
      label: 'Primary',
      dryRun: true,
    });
    expect(out.data.dryRun).toBe(true);
    expect(out.data.associationType.typeId).toBe(1);
    expect(out.data.plan.map((p: { path: string }) => p.path)).toEqual([
      '/crm/associations/2026-03/contacts/companies/batch/read',
      '/crm/associations/2026-03/contacts/companies/batch/create',
    ]);
    expect(ctx.sandbox.log.count((e) => e.method !== 'GET')).toBe(0);
    expect(typeIds(ctx.sandbox, contact, company)).toEqual([]);
  });

  it('removes one label, then everything', async () => {
    await associate({ pairs: [{ fromId: contact, toId: company }], label: 'Primary' });
    expect(typeIds(ctx.sandbox, contact, company)).toEqual([1, 279]);
    const one = await remove({ pairs: [{ fromId: contact, toId: company }], label: 'Primary' });
    expect(one.data.counts).toEqual({ removed: 1 });
    expect(typeIds(ctx.sandbox, contact, company)).toEqual([279]);
    const all = await remove({ pairs: [{ fromId: contact, toId: company }] });
    expect(all.isError).toBe(false);
    expect(typeIds(ctx.sandbox, contact, company)).toEqual([]);
  });

  it('lists associations with labels and pages with a cursor', async () => {
    const companies = Array.from(
      { length: 7 },
      (_, i) => ctx.sandbox.portal.createObject('companies', { name: `C${i}` }).id,
    );
    await associate({ pairs: companies.map((toId) => ({ fromId: contact, toId })) });
    await associate({ pairs: [{ fromId: contact, toId: companies[0] }], label: 'Primary' });
    const first = await callTool(ctx.mcp.client, 'list_associations', {
      objectType: 'contacts',
      objectIds: [contact],
      toObjectType: 'companies',
    });
    expect(first.data.total).toBe(7);
    const primary = first.data.records[0].associations.find(
      (a: { toObjectId: string }) => a.toObjectId === companies[0],
    );
    expect(primary.types.map((t: { typeId: number }) => t.typeId).sort()).toEqual([1, 279]);
  });

  it('rejects too many pairs and bad ids with the field named', async () => {
    const many = Array.from({ length: 10_001 }, () => ({ fromId: contact, toId: company }));
    const tooMany = await associate({ pairs: many });
    expect(tooMany.isError).toBe(true);
    expect(tooMany.text).toMatch(/^\[sandbox\] associate_records failed: pairs: Too big/);
    const badId = await associate({ pairs: [{ fromId: 'abc', toId: company }] });
    expect(badId.isError).toBe(true);
    expect(badId.data).toMatchObject({ error: { field: 'pairs[0].fromId' }, sandbox: true });
    expect(badId.text).toMatch(/pairs\[0\]\.fromId: a decimal record id such as "12345"/);
    const unknown = await callTool(ctx.mcp.client, 'associate_recordz', {});
    expect(unknown.isError).toBe(true);
    expect(unknown.text).toMatch(/unknown tool "associate_recordz"; use one of: .*associate_records/);
  });

  it('tells the agent what to do instead: a label in use, a limit reached', async () => {
    await callTool(ctx.mcp.client, 'create_association_label', {
      fromObjectType: 'contacts',
      toObjectType: 'companies',
      label: 'Advisor',
    });
    await associate({ pairs: [{ fromId: contact, toId: company }], label: 'Advisor' });
    const inUse = await callTool(ctx.mcp.client, 'delete_association_label', {
      fromObjectType: 'contacts',
      toObjectType: 'companies',
      label: 'Advisor',
    });
    // A label in use is taken off its pairs only with a person's yes (this client cannot be asked).
    expect(inUse.isError).toBe(true);
    expect(inUse.text).toMatch(/take "Advisor" .* off 1 pairs and delete it.*confirm: true/);

    await callTool(ctx.mcp.client, 'set_association_limit', {
      fromObjectType: 'contacts',
      toObjectType: 'companies',
      label: 'Advisor',
      maxToObjectIds: 1,
    });
    const over = await associate({ pairs: [{ fromId: contact, toId: other }], label: 'Advisor' });
    expect(over.data.results[0].status).toBe('failed');
    expect(over.data.results[0].error).toMatch(
      /Fix: remove some associations, or raise the limit with set_association_limit/,
    );
    expect(typeIds(ctx.sandbox, contact, other)).toEqual([]);
  });
});
