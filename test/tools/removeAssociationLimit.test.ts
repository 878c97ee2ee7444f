import { describe, expect, it } from 'vitest';
import { callTool, useSandboxServer } from '../helpers/mcp.js';

describe('remove_association_limit', () => {
  const ctx = useSandboxServer({ sandbox: { seed: false } });

  const remove = (args: Record<string, unknown>) =>
    callTool(ctx.mcp.client, 'remove_association_limit', {
      fromObjectType: 'deals',
      toObjectType: 'companies',
      ...args,
    });

  it('purges an existing limit and leaves the other limits of the pair', async () => {
    ctx.sandbox.portal.setLimit('deals', 'companies', 341, 3); // deal → company, unlabeled
    ctx.sandbox.portal.setLimit('deals', 'companies', 5, 1); // deal → primary company
    const result = await remove({ label: 'Primary' });
    expect(result.isError).toBe(false);
    expect(result.data).toMatchObject({
      typeId: 5,
      category: 'HUBSPOT_DEFINED',
      label: 'Primary',
      removed: true,
      previousMaxToObjectIds: 1,
    });
    expect(ctx.sandbox.log.count('batch/purge')).toBe(1);
    expect(ctx.sandbox.portal.limits('deals', 'companies').map((l) => l.typeId)).toEqual([341]);
  });

  it('reports removed: false and sends no purge when no limit is set (idempotent repeat)', async () => {
    ctx.sandbox.portal.setLimit('deals', 'companies', 341, 3);
    const first = await remove({ associationTypeId: 341 });
    expect(first.data).toMatchObject({ removed: true, label: null });
    const again = await remove({ associationTypeId: 341 });
    expect(again.isError).toBe(false);
    expect(again.data.removed).toBe(false);
    expect(again.data.previousMaxToObjectIds).toBeUndefined();
    expect(again.text).toContain('nothing sent');
    expect(ctx.sandbox.log.count('batch/purge')).toBe(1);
    expect(ctx.sandbox.portal.limits('deals', 'companies')).toEqual([]);
  });

  it('names the field for an unknown label or a typeId of another pair', async () => {
    const label = await remove({ label: 'Champion' });
    expect(label.isError).toBe(true);
    expect(label.data.error.field).toBe('label');
    const typeId = await remove({ associationTypeId: 279 });
    expect(typeId.isError).toBe(true);
    expect(typeId.data.error.field).toBe('associationTypeId');
    expect(ctx.sandbox.log.count('batch/purge')).toBe(0);
  });
});
