import { describe, expect, it } from 'vitest';
import { callTool, useSandboxServer } from '../helpers/mcp.js';

describe('label tools through MCP against the sandbox', () => {
  const ctx = useSandboxServer({ sandbox: { seed: true } });

  it('lists HubSpot-defined types with their inverses', async () => {
    const out = await callTool(ctx.mcp.client, 'list_association_labels', {
      fromObjectType: 'contact',
      toObjectType: '0-2',
    });
    expect(out.isError).toBe(false);
    expect(out.data.sandbox).toBe(true);
    const byId = new Map(out.data.types.map((t: { typeId: number }) => [t.typeId, t]));
    expect(byId.get(279)).toMatchObject({ label: null, category: 'HUBSPOT_DEFINED', inverseTypeId: 280 });
    expect(byId.get(1)).toMatchObject({ label: 'Primary', inverseTypeId: 2 });
  });

  it('creates a paired label, renames it and deletes it; the portal follows each step', async () => {
    const created = await callTool(ctx.mcp.client, 'create_association_label', {
      fromObjectType: 'contacts',
      toObjectType: 'companies',
      label: 'Manager',
      inverseLabel: 'Employee',
    });
    expect(created.isError).toBe(false);
    expect(created.data.created).toBe(true);
    expect(created.data.name).toBe('manager_employee');
    const forward = created.data.type.typeId;
    const inverse = created.data.inverseType.typeId;
    expect(ctx.sandbox.portal.labels('contacts', 'companies').find((t) => t.typeId === forward)?.label).toBe(
      'Manager',
    );
    expect(ctx.sandbox.portal.labels('companies', 'contacts').find((t) => t.typeId === inverse)?.label).toBe(
      'Employee',
    );

    const again = await callTool(ctx.mcp.client, 'create_association_label', {
      fromObjectType: 'contacts',
      toObjectType: 'companies',
      label: 'Manager',
      inverseLabel: 'Employee',
    });
    expect(again.data.created).toBe(false);
    expect(
      ctx.sandbox.portal.labels('contacts', 'companies').filter((t) => t.label === 'Manager'),
    ).toHaveLength(1);

    const renamed = await callTool(ctx.mcp.client, 'update_association_label', {
      fromObjectType: 'contacts',
      toObjectType: 'companies',
      label: 'manager_employee',
      newLabel: 'Line manager',
    });
    expect(renamed.isError).toBe(false);
    expect(ctx.sandbox.portal.labels('contacts', 'companies').find((t) => t.typeId === forward)?.label).toBe(
      'Line manager',
    );

    const listed = await callTool(ctx.mcp.client, 'list_association_labels', {
      fromObjectType: 'contacts',
      toObjectType: 'companies',
    });
    expect(listed.data.types.find((t: { typeId: number }) => t.typeId === forward).label).toBe(
      'Line manager',
    );

    const deleted = await callTool(ctx.mcp.client, 'delete_association_label', {
      fromObjectType: 'contacts',
      toObjectType: 'companies',
      associationTypeId: forward,
    });
    expect(deleted.isError).toBe(false);
    expect(ctx.sandbox.portal.labels('contacts', 'companies').some((t) => t.typeId === forward)).toBe(false);
  });

  it('refuses to delete or rename a HubSpot-defined type, sending no write', async () => {
    ctx.sandbox.log.reset();
    const del = await callTool(ctx.mcp.client, 'delete_association_label', {
      fromObjectType: 'contacts',
      toObjectType: 'companies',
      label: 'Primary',
    });
    expect(del.isError).toBe(true);
    expect(del.text).toMatch(/HubSpot-defined and cannot be deleted/);
    const ren = await callTool(ctx.mcp.client, 'update_association_label', {
      fromObjectType: 'contacts',
      toObjectType: 'companies',
      associationTypeId: 279,
      newLabel: 'x',
    });
    expect(ren.isError).toBe(true);
    expect(ctx.sandbox.log.count((e) => e.method !== 'GET')).toBe(0);
  });

  it('rejects an invalid internal name before sending anything', async () => {
    ctx.sandbox.log.reset();
    const out = await callTool(ctx.mcp.client, 'create_association_label', {
      fromObjectType: 'contacts',
      toObjectType: 'companies',
      label: 'Partner',
      name: '1-partner',
    });
    expect(out.isError).toBe(true);
    expect(out.text).toMatch(/name: .*not a valid internal name/);
    expect(ctx.sandbox.log.count((e) => e.method === 'POST')).toBe(0);
  });

  it("passes on HubSpot's refusal of an 11th custom label as a tool error", async () => {
    for (let i = 0; i < 10; i++) {
      const ok = await callTool(ctx.mcp.client, 'create_association_label', {
        fromObjectType: 'deals',
        toObjectType: 'companies',
        label: `Role ${String.fromCharCode(65 + i)}`,
      });
      expect(ok.isError).toBe(false);
    }
    const eleventh = await callTool(ctx.mcp.client, 'create_association_label', {
      fromObjectType: 'deals',
      toObjectType: 'companies',
      label: 'Role K',
    });
    expect(eleventh.isError).toBe(true);
    expect(eleventh.data.error.status).toBe(400);
  });

  it('names the field and the valid choices for an unknown label or object type', async () => {
    const label = await callTool(ctx.mcp.client, 'associate_records', {
      fromObjectType: 'contacts',
      toObjectType: 'companies',
      pairs: [{ fromId: '1', toId: '2' }],
      label: 'Boss',
    });
    expect(label.isError).toBe(true);
    expect(label.text).toMatch(/label: label "Boss" is not an association type of contacts→companies/);
    expect(label.text).toContain('"Primary" (typeId 1, HUBSPOT_DEFINED)');
    const type = await callTool(ctx.mcp.client, 'list_association_labels', {
      fromObjectType: 'widgets',
      toObjectType: 'companies',
    });
    expect(type.isError).toBe(true);
    expect(type.text).toMatch(/fromObjectType: unknown object type "widgets"/);
  });
});
