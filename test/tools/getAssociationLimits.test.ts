import { beforeEach, describe, expect, it } from 'vitest';
import { callTool, useSandboxServer } from '../helpers/mcp.js';

describe('get_association_limits', () => {
  const ctx = useSandboxServer({ sandbox: { seed: false } });
  let custom: number;
  beforeEach(() => {
    custom = ctx.sandbox.portal.createLabel('deals', 'contacts', {
      label: 'Decision maker',
      name: 'decision_maker',
    })[0]!.typeId;
    ctx.sandbox.portal.setLimit('contacts', 'companies', 279, 4);
    ctx.sandbox.portal.setLimit('deals', 'contacts', custom, 2);
  });

  it('lists every configured limit, naming the pair of HubSpot-defined types', async () => {
    const result = await callTool(ctx.mcp.client, 'get_association_limits', {});
    expect(result.isError).toBe(false);
    const byType = new Map(result.data.limits.map((l: { typeId: number }) => [l.typeId, l]));
    expect(result.data.limits).toHaveLength(2);
    expect(byType.get(279)).toEqual({
      typeId: 279,
      category: 'HUBSPOT_DEFINED',
      label: null,
      maxToObjectIds: 4,
      fromObjectType: 'contacts',
      toObjectType: 'companies',
    });
    expect(byType.get(custom)).toMatchObject({
      category: 'USER_DEFINED',
      label: 'Decision maker',
      maxToObjectIds: 2,
    });
    expect(result.text).toContain('2 association limits');
  });

  it("lists only the pair's configured limits (not every type of the pair)", async () => {
    const result = await callTool(ctx.mcp.client, 'get_association_limits', {
      fromObjectType: 'deal',
      toObjectType: 'contacts',
    });
    expect(result.data.sandbox).toBe(true);
    expect(result.data.limits).toEqual([
      {
        typeId: custom,
        category: 'USER_DEFINED',
        label: 'Decision maker',
        maxToObjectIds: 2,
        fromObjectType: 'deals',
        toObjectType: 'contacts',
      },
    ]);
    expect(ctx.sandbox.log.count('configurations/all')).toBe(0);
    const empty = await callTool(ctx.mcp.client, 'get_association_limits', {
      fromObjectType: 'companies',
      toObjectType: 'deals',
    });
    expect(empty.data.limits).toEqual([]);
  });

  it('needs both object types or neither, and rejects unknown ones by field', async () => {
    const one = await callTool(ctx.mcp.client, 'get_association_limits', { fromObjectType: 'contacts' });
    expect(one.isError).toBe(true);
    expect(one.data.error.field).toBe('toObjectType');
    const unknown = await callTool(ctx.mcp.client, 'get_association_limits', {
      fromObjectType: 'contacts',
      toObjectType: 'gadgets',
    });
    expect(unknown.isError).toBe(true);
    expect(unknown.data.error.field).toBe('toObjectType');
    expect(ctx.sandbox.log.count('configurations')).toBe(0);
  });
});
