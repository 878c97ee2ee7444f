import type { Sandbox } from 'hubspot-sandbox';
import { beforeEach, describe, expect, it } from 'vitest';
import { callTool, useSandboxServer } from '../helpers/mcp.js';

const writes = (sandbox: Sandbox) =>
  sandbox.log.count((e) => /\/configurations\/[^/]+\/[^/]+\/batch\/(create|update|purge)/.test(e.path));

describe('set_association_limit', () => {
  const ctx = useSandboxServer({ sandbox: { seed: false } });
  let billing: number;
  beforeEach(() => {
    const created = ctx.sandbox.portal.createLabel('contacts', 'companies', {
      label: 'Referral partner',
      name: 'referral_partner',
    });
    billing = created[0]!.typeId;
  });

  const set = (args: Record<string, unknown>) =>
    callTool(ctx.mcp.client, 'set_association_limit', {
      fromObjectType: 'contacts',
      toObjectType: 'companies',
      ...args,
    });
  const portalLimit = () =>
    ctx.sandbox.portal.limits('contacts', 'companies').find((l) => l.typeId === billing);

  it('creates, then leaves an equal value alone without a write, then updates; get and remove follow each step', async () => {
    const created = await set({ label: 'Referral partner', maxToObjectIds: 5 });
    expect(created.isError).toBe(false);
    expect(created.data).toMatchObject({
      typeId: billing,
      category: 'USER_DEFINED',
      label: 'Referral partner',
      maxToObjectIds: 5,
      action: 'created',
      sandbox: true,
    });
    expect(created.data.previousMaxToObjectIds).toBeUndefined();
    expect(portalLimit()?.maxToObjectIds).toBe(5);

    const before = writes(ctx.sandbox);
    const same = await set({ label: 'referral PARTNER', maxToObjectIds: 5 });
    expect(same.data).toMatchObject({ action: 'unchanged', maxToObjectIds: 5, previousMaxToObjectIds: 5 });
    expect(writes(ctx.sandbox)).toBe(before);
    expect(same.text).toContain('nothing sent');

    const updated = await set({ associationTypeId: billing, maxToObjectIds: 2 });
    expect(updated.data).toMatchObject({ action: 'updated', maxToObjectIds: 2, previousMaxToObjectIds: 5 });
    expect(portalLimit()?.maxToObjectIds).toBe(2);
    expect(ctx.sandbox.log.count('batch/update')).toBe(1);

    const pair = await callTool(ctx.mcp.client, 'get_association_limits', {
      fromObjectType: 'contact',
      toObjectType: '0-2',
    });
    expect(pair.data.limits).toEqual([
      {
        typeId: billing,
        category: 'USER_DEFINED',
        label: 'Referral partner',
        maxToObjectIds: 2,
        fromObjectType: 'contacts',
        toObjectType: 'companies',
      },
    ]);

    const removed = await callTool(ctx.mcp.client, 'remove_association_limit', {
      fromObjectType: 'contacts',
      toObjectType: 'companies',
      label: 'Referral partner',
    });
    expect(removed.data).toMatchObject({ removed: true, previousMaxToObjectIds: 2, typeId: billing });
    expect(portalLimit()).toBeUndefined();
  });

  it('sets a limit on the unlabeled type by associationTypeId', async () => {
    const result = await set({ associationTypeId: 279, maxToObjectIds: 3 });
    expect(result.data).toMatchObject({
      typeId: 279,
      category: 'HUBSPOT_DEFINED',
      label: null,
      action: 'created',
    });
    expect(ctx.sandbox.portal.limits('contacts', 'companies')).toEqual([
      expect.objectContaining({ typeId: 279, maxToObjectIds: 3 }),
    ]);
  });

  it('updates when the limit was configured by someone else after nothing was cached', async () => {
    ctx.sandbox.portal.setLimit('contacts', 'companies', billing, 7);
    const result = await set({ label: 'Referral partner', maxToObjectIds: 4 });
    expect(result.data).toMatchObject({ action: 'updated', previousMaxToObjectIds: 7, maxToObjectIds: 4 });
    expect(ctx.sandbox.log.count('batch/create')).toBe(0);
    expect(portalLimit()?.maxToObjectIds).toBe(4);
  });

  it('falls back to an update when the limit appears between its read and the create (207 CONFLICT)', async () => {
    // The predicate runs as the create arrives: another writer configures the limit first.
    ctx.sandbox.faults.inject({
      status: 500,
      match: (method, path) => {
        if (method === 'POST' && path.includes('batch/create')) {
          ctx.sandbox.portal.setLimit('contacts', 'companies', billing, 9);
        }
        return false;
      },
    });
    const result = await set({ label: 'Referral partner', maxToObjectIds: 4 });
    expect(result.data).toMatchObject({ action: 'updated', maxToObjectIds: 4 });
    expect(ctx.sandbox.log.count('batch/create')).toBe(1);
    expect(ctx.sandbox.log.count('batch/update')).toBe(1);
    expect(portalLimit()?.maxToObjectIds).toBe(4);
  });

  it('rejects an unknown label with the valid choices and writes nothing', async () => {
    const result = await set({ label: 'Nonexistent', maxToObjectIds: 3 });
    expect(result.isError).toBe(true);
    expect(result.data.error.field).toBe('label');
    expect(result.text).toContain('Referral partner');
    expect(result.text).toContain('Primary');
    expect(writes(ctx.sandbox)).toBe(0);
  });

  it('names the field when the label is missing, the object type unknown or the limit not positive', async () => {
    const missing = await set({ maxToObjectIds: 3 });
    expect(missing.isError).toBe(true);
    expect(missing.data.error.field).toBe('label');
    expect(missing.text).toContain('list_association_labels');

    const badType = await callTool(ctx.mcp.client, 'set_association_limit', {
      fromObjectType: 'widgets',
      toObjectType: 'companies',
      label: 'Primary',
      maxToObjectIds: 3,
    });
    expect(badType.isError).toBe(true);
    expect(badType.data.error.field).toBe('fromObjectType');

    const zero = await set({ label: 'Referral partner', maxToObjectIds: 0 });
    expect(zero.isError).toBe(true);
    expect(zero.text).toContain('maxToObjectIds');
    expect(writes(ctx.sandbox)).toBe(0);
  });

  it('reports a HubSpot failure as a tool error and keeps serving', async () => {
    ctx.sandbox.faults.inject({ status: 400, match: 'batch/create' });
    const failed = await set({ label: 'Referral partner', maxToObjectIds: 5 });
    expect(failed.isError).toBe(true);
    expect(portalLimit()).toBeUndefined();
    const retried = await set({ label: 'Referral partner', maxToObjectIds: 5 });
    expect(retried.data.action).toBe('created');
    expect(portalLimit()?.maxToObjectIds).toBe(5);
  });
});
