import type { Sandbox } from 'hubspot-sandbox';
import { beforeEach, describe, expect, it } from 'vitest';
import { callTool, useSandboxServer } from '../helpers/mcp.js';
import { caller } from '../sandbox/helpers.js';

// A label this server has cached, then deleted (and made again) elsewhere: HubSpot refuses the
// cached typeId as unknown. Every write path looks the label up once more instead of failing.
const LABELS = '/crm/associations/2026-03/contacts/companies/labels';
const labelReads = (sandbox: Sandbox) =>
  sandbox.log.count((e) => e.method === 'GET' && e.path.split('?')[0] === LABELS);
const typeIds = (sandbox: Sandbox, contact: string, company: string) =>
  (
    sandbox.portal.associations('contacts', contact, 'companies').find((a) => a.toObjectId === company)
      ?.types ?? []
  ).map((t) => t.typeId);
const forwardId = (sandbox: Sandbox, label: string) =>
  sandbox.portal.labels('contacts', 'companies').find((t) => t.label === label)?.typeId as number;

describe('a label deleted and made again elsewhere while cached', () => {
  const ctx = useSandboxServer({ sandbox: { seed: false } });
  const rest = (method: string, path: string, body?: unknown) => caller(ctx.sandbox)(method, path, body);
  let old: number;
  let now: number;

  /** "Phoenix" is made, cached by this server, then deleted and made again with another typeId. */
  async function cacheThenRemake(again = true) {
    await rest('POST', LABELS, { label: 'Phoenix', name: 'phoenix' });
    old = forwardId(ctx.sandbox, 'Phoenix');
    const listed = await callTool(ctx.mcp.client, 'list_association_labels', {
      fromObjectType: 'contacts',
      toObjectType: 'companies',
    });
    expect(listed.text).toContain('Phoenix');
    expect((await rest('DELETE', `${LABELS}/${old}`)).status).toBe(204);
    if (again) {
      await rest('POST', LABELS, { label: 'Phoenix', name: 'phoenix_again' });
      now = forwardId(ctx.sandbox, 'Phoenix');
      expect(now).not.toBe(old);
    }
    ctx.sandbox.log.reset();
  }

  let contacts: string[];
  let company: string;
  beforeEach(() => {
    contacts = ctx.sandbox.portal
      .createObjects('contacts', 3, (i) => ({ email: `c${i}@engines.example` }))
      .map((c) => c.id);
    company = ctx.sandbox.portal.createObject('companies', { name: 'Engines', domain: 'engines.example' }).id;
  });

  it('import_contact_company_pairs links every row with the new typeId, for one extra read', async () => {
    await cacheThenRemake();
    const rows = [0, 1, 2, 3].map((i) => ({
      contact: { email: `row${i}@new.example` },
      company: { name: `New ${i}`, domain: `new${i}.example` },
      label: 'Phoenix',
    }));
    // Two rows for records that exist already (linked through the writer), two that are new.
    rows[0]!.contact.email = 'c0@engines.example';
    rows[0]!.company = { name: 'Engines', domain: 'engines.example' };
    const out = await callTool(ctx.mcp.client, 'import_contact_company_pairs', { rows });
    expect(out.isError, out.text).toBe(false);
    expect(out.data.failures).toEqual([]);
    expect(out.data.counts.associated).toBe(4);
    expect(typeIds(ctx.sandbox, contacts[0]!, company)).toContain(now);
    expect(typeIds(ctx.sandbox, contacts[0]!, company)).not.toContain(old);
    expect(labelReads(ctx.sandbox)).toBe(1);
    // The journal lists what the second write gave the pairs: undoing it takes the label off.
    const changes = await callTool(ctx.mcp.client, 'list_changes', {});
    const undo = await callTool(ctx.mcp.client, 'undo_change', {
      changeId: changes.data.changes[0].changeId,
    });
    expect(undo.isError, undo.text).toBe(false);
    expect(typeIds(ctx.sandbox, contacts[0]!, company)).not.toContain(now);
  });

  it('import_contact_company_pairs fails the rows of a label that is gone, with the choices, after one extra read', async () => {
    await cacheThenRemake(false);
    const out = await callTool(ctx.mcp.client, 'import_contact_company_pairs', {
      rows: [
        {
          contact: { email: 'c0@engines.example' },
          company: { name: 'Engines', domain: 'engines.example' },
          label: 'Phoenix',
        },
        { contact: { email: 'c1@engines.example' }, company: { name: 'Engines', domain: 'engines.example' } },
      ],
    });
    expect(out.data.failures).toHaveLength(1);
    expect(out.data.failures[0]).toMatchObject({ row: 1 });
    expect(out.data.failures[0].error).toContain('label "Phoenix" is not an association type');
    expect(out.data.failures[0].fix).toContain('valid choices:');
    expect(typeIds(ctx.sandbox, contacts[1]!, company).length).toBeGreaterThan(0);
    expect(labelReads(ctx.sandbox)).toBe(1);
  });

  it('import_associations restores the rows by label with the new typeId', async () => {
    await cacheThenRemake();
    const out = await callTool(ctx.mcp.client, 'import_associations', {
      fromObjectType: 'contacts',
      toObjectType: 'companies',
      rows: contacts.map((fromId) => ({ fromId, toId: company, label: 'Phoenix' })),
    });
    expect(out.isError, out.text).toBe(false);
    expect(out.data.failures, out.text).toEqual([]);
    for (const c of contacts) expect(typeIds(ctx.sandbox, c, company)).toContain(now);
    expect(labelReads(ctx.sandbox)).toBe(1);
  });

  it('import_associations by a typeId that is gone: the rows fail with the choices', async () => {
    await cacheThenRemake();
    const out = await callTool(ctx.mcp.client, 'import_associations', {
      fromObjectType: 'contacts',
      toObjectType: 'companies',
      rows: [{ fromId: contacts[0]!, toId: company, typeId: old }],
    });
    expect(out.data.failures).toHaveLength(1);
    expect(out.data.failures[0].error).toContain(`associationTypeId ${old} is not an association type`);
    expect(typeIds(ctx.sandbox, contacts[0]!, company)).toEqual([]);
    expect(labelReads(ctx.sandbox)).toBe(1);
  });

  it('create_contact_company_pair links with the new typeId', async () => {
    await cacheThenRemake();
    const out = await callTool(ctx.mcp.client, 'create_contact_company_pair', {
      contact: { email: 'c2@engines.example' },
      company: { name: 'Engines', domain: 'engines.example' },
      label: 'Phoenix',
    });
    expect(out.isError, out.text).toBe(false);
    expect(out.data.association.typeIds).toContain(now);
    expect(typeIds(ctx.sandbox, contacts[2]!, company)).toContain(now);
    expect(labelReads(ctx.sandbox)).toBe(1);
  });

  it('undo_change of a removal puts the label back under its new typeId', async () => {
    await rest('POST', LABELS, { label: 'Phoenix', name: 'phoenix' });
    const before = forwardId(ctx.sandbox, 'Phoenix');
    const args = { fromObjectType: 'contacts', toObjectType: 'companies' };
    const pairs = [{ fromId: contacts[0]!, toId: company }];
    expect(
      (await callTool(ctx.mcp.client, 'associate_records', { ...args, label: 'Phoenix', pairs })).isError,
    ).toBe(false);
    const removed = await callTool(ctx.mcp.client, 'remove_associations', {
      ...args,
      label: 'Phoenix',
      pairs,
    });
    expect(removed.isError, removed.text).toBe(false);
    expect(typeIds(ctx.sandbox, contacts[0]!, company)).not.toContain(before);
    // The label is deleted and made again elsewhere; the journal still names the old typeId.
    await rest('DELETE', `${LABELS}/${before}`);
    await rest('POST', LABELS, { label: 'Phoenix', name: 'phoenix_again' });
    const after = forwardId(ctx.sandbox, 'Phoenix');
    const undo = await callTool(ctx.mcp.client, 'undo_change', { changeId: removed.data.changeId });
    expect(undo.isError, undo.text).toBe(false);
    expect(undo.data.counts).toEqual({ restored: 1 });
    expect(typeIds(ctx.sandbox, contacts[0]!, company)).toContain(after);
  });

  it('remove_associations takes off the label under its new typeId', async () => {
    await cacheThenRemake();
    // Someone linked the pair with the label made again (outside this server).
    const pair = { fromId: contacts[0]!, toId: company };
    ctx.sandbox.portal.associate('contacts', pair.fromId, 'companies', pair.toId, [now]);
    expect(typeIds(ctx.sandbox, pair.fromId, company)).toContain(now);
    ctx.sandbox.log.reset();
    const out = await callTool(ctx.mcp.client, 'remove_associations', {
      fromObjectType: 'contacts',
      toObjectType: 'companies',
      label: 'Phoenix',
      pairs: [pair],
    });
    expect(out.isError, out.text).toBe(false);
    expect(out.data.associationType.typeId, out.text).toBe(now);
    expect(out.data.results[0].status).toBe('removed');
    expect(typeIds(ctx.sandbox, pair.fromId, company)).not.toContain(now);
    expect(typeIds(ctx.sandbox, pair.fromId, company).length).toBeGreaterThan(0); // the default stays
    expect(labelReads(ctx.sandbox)).toBe(1);
  });

  it('remove_associations of a label that is gone says so with the choices, and removes nothing', async () => {
    await cacheThenRemake(false);
    const pair = { fromId: contacts[0]!, toId: company };
    ctx.sandbox.portal.associate('contacts', pair.fromId, 'companies', pair.toId);
    const before = typeIds(ctx.sandbox, pair.fromId, company);
    const out = await callTool(ctx.mcp.client, 'remove_associations', {
      fromObjectType: 'contacts',
      toObjectType: 'companies',
      label: 'Phoenix',
      pairs: [pair],
    });
    expect(out.isError).toBe(true);
    expect(out.text).toContain('label "Phoenix" is not an association type');
    expect(out.text).toContain('valid choices:');
    expect(typeIds(ctx.sandbox, pair.fromId, company)).toEqual(before);
    expect(labelReads(ctx.sandbox)).toBe(1);
  });
});
