import { describe, expect, it } from 'vitest';
import { callTool, useSandboxServer } from '../helpers/mcp.js';

/**
 * A portal taken through a sequence of writes, then every change undone newest first: after each
 * undo the portal must equal its snapshot from before that change (links with their exact type
 * sets, label texts, limits).
 */
describe('undo_change reverts every kind of change exactly', () => {
  const ctx = useSandboxServer({ sandbox: { seed: false, rateLimit: 10_000 } });
  const call = async (tool: string, args: Record<string, unknown>) => {
    const out = await callTool(ctx.mcp.client, tool, args);
    expect(out.isError, `${tool}: ${out.text}`).toBe(false);
    return out.data;
  };
  const pair = { fromObjectType: 'contacts', toObjectType: 'companies' };

  function snapshot(contacts: string[]) {
    const links = contacts.map((c) =>
      ctx.sandbox.portal
        .associations('contacts', c, 'companies')
        .map(
          (a) =>
            `${c}>${a.toObjectId}:${a.types
              .map((t) => t.typeId)
              .sort((x, y) => x - y)
              .join(',')}`,
        )
        .sort(),
    );
    const labels = ['contacts:companies', 'companies:contacts'].map((p) => {
      const [f, t] = p.split(':') as [string, string];
      return ctx.sandbox.portal
        .labels(f, t)
        .filter((l) => l.category === 'USER_DEFINED')
        .map((l) => `${l.typeId}=${l.label}`)
        .sort();
    });
    const limits = ctx.sandbox.portal.limits().map((l) => `${l.typeId}:${l.maxToObjectIds}`);
    return JSON.stringify({ links, labels, limits });
  }

  it('label created, 50 pairs labeled, label removed from 10, renamed (with its inverse), limit set and changed, 5 doubly-labeled pairs unlinked', async () => {
    const contacts = ctx.sandbox.portal.createObjects('contacts', 50).map((o) => o.id);
    const companies = ctx.sandbox.portal.createObjects('companies', 10).map((o) => o.id);
    const pairs = contacts.map((fromId, i) => ({ fromId, toId: companies[i % 10]! }));
    for (const [i, p] of pairs.entries())
      ctx.sandbox.portal.associate('contacts', p.fromId, 'companies', p.toId, i < 5 ? [1] : []);

    const steps: Array<{ changeId: string; before: string }> = [];
    const step = async (tool: string, args: Record<string, unknown>) => {
      const before = snapshot(contacts);
      const data = await call(tool, args);
      expect(data.changeId, tool).toMatch(/^chg_/);
      steps.push({ changeId: data.changeId, before });
      return data;
    };
    const made = await step('create_association_label', {
      ...pair,
      label: 'Manager',
      inverseLabel: 'Managed by',
    });
    await step('associate_records', { ...pair, pairs, label: 'Manager' });
    await step('remove_associations', { ...pair, pairs: pairs.slice(10, 20), label: 'Manager' });
    await step('update_association_label', { ...pair, label: 'Manager', newLabel: 'Lead' });
    // The inverse renamed too: its undo must give "Managed by" back.
    await step('update_association_label', {
      ...pair,
      label: 'Lead',
      newLabel: 'Head',
      newInverseLabel: 'Headed by',
    });
    await step('update_association_label', { ...pair, label: 'Head', newLabel: 'Lead' });
    await step('set_association_limit', { ...pair, label: 'Lead', maxToObjectIds: 40 });
    await step('set_association_limit', { ...pair, label: 'Lead', maxToObjectIds: 30 });
    await step('remove_associations', { ...pair, pairs: pairs.slice(0, 5) });
    expect(made.type.label).toBe('Manager');

    const listed = await call('list_changes', { limit: 100 });
    expect(listed.changes.map((c: { changeId: string }) => c.changeId)).toEqual(
      steps.map((s) => s.changeId).reverse(),
    );
    expect(listed.changes.every((c: { undoable: boolean }) => c.undoable)).toBe(true);

    for (const { changeId, before } of [...steps].reverse()) {
      const undone = await call('undo_change', { changeId });
      expect(undone.problems, changeId).toEqual([]);
      expect(snapshot(contacts), `after undoing ${changeId}`).toBe(before);
    }
  });

  it('undoing twice writes nothing; undoing the undo redoes; a dry run writes nothing', async () => {
    const [c1, c2] = ctx.sandbox.portal.createObjects('contacts', 2).map((o) => o.id);
    const co = ctx.sandbox.portal.createObject('companies', { name: 'Once' }).id;
    const pairs = [
      { fromId: c1, toId: co },
      { fromId: c2, toId: co },
    ];
    const linked = await call('associate_records', { ...pair, pairs });
    const dry = await call('undo_change', { changeId: linked.changeId, dryRun: true });
    expect(dry.counts).toEqual({ restored: 2 });
    expect(ctx.sandbox.portal.countAssociations()).toBe(4);

    const undone = await call('undo_change', { changeId: linked.changeId });
    expect(undone.counts).toEqual({ restored: 2 });
    expect(ctx.sandbox.portal.countAssociations()).toBe(0);

    const requests = ctx.sandbox.log.count();
    const again = await call('undo_change', { changeId: linked.changeId });
    expect(again.alreadyUndoneBy).toBe(undone.undoChangeId);
    expect(ctx.sandbox.log.count()).toBe(requests);

    await call('undo_change', { changeId: undone.undoChangeId });
    expect(ctx.sandbox.portal.countAssociations()).toBe(4);
  });

  it('after an outside change, undo does what it safely can and reports each pair it could not', async () => {
    const [c1, c2] = ctx.sandbox.portal.createObjects('contacts', 2).map((o) => o.id);
    const co = ctx.sandbox.portal.createObject('companies', { name: 'Conflict' }).id;
    const pairs = [
      { fromId: c1!, toId: co },
      { fromId: c2!, toId: co },
    ];
    const linked = await call('associate_records', { ...pair, pairs });
    // Someone else labels the first pair Primary after our write.
    ctx.sandbox.portal.associate('contacts', c1!, 'companies', co, [1]);
    const undone = await call('undo_change', { changeId: linked.changeId });
    expect(undone.problems).toEqual([
      expect.objectContaining({
        item: `${c1}>${co}`,
        status: 'conflict',
        reason: expect.stringMatching(/kept the link/),
      }),
    ]);
    expect(ctx.sandbox.portal.associations('contacts', c1!, 'companies')).toHaveLength(1);
    expect(ctx.sandbox.portal.associations('contacts', c2!, 'companies')).toHaveLength(0);
  });

  it('records made by the pair tool are listed, never deleted; its link is undone', async () => {
    const made = await call('create_contact_company_pair', {
      contact: { email: 'kept@example.com' },
      company: { name: 'Kept Co', domain: 'kept.example' },
    });
    const undone = await call('undo_change', { changeId: made.changeId });
    expect(undone.recordsKept).toHaveLength(2);
    expect(ctx.sandbox.portal.getObject('contacts', made.contact.id)).toBeDefined();
    expect(ctx.sandbox.portal.getObject('companies', made.company.id)).toBeDefined();
    expect(ctx.sandbox.portal.associations('contacts', made.contact.id, 'companies')).toEqual([]);
  });
});
