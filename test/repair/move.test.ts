import { describe, expect, it } from 'vitest';
import { callTool, useSandboxServer } from '../helpers/mcp.js';
import { linkSnapshot, typesOf } from './helpers.js';

describe('repair_associations move_associations: every link onto the other record, labels kept; undo exact', () => {
  const ctx = useSandboxServer({ sandbox: { seed: false, rateLimit: 10_000 } });
  const repair = (args: Record<string, unknown>) => callTool(ctx.mcp.client, 'repair_associations', args);
  const undo = (changeId: string) => callTool(ctx.mcp.client, 'undo_change', { changeId, confirm: true });

  it("moves a duplicate company's contacts, deals and labels, moving the Primaries the source held", async () => {
    const p = ctx.sandbox.portal;
    const [source, target] = ['Gamma', 'Gamma GmbH'].map(
      (name) => p.createObject('companies', { name, domain: 'gamma.example' }).id,
    ) as [string, string];
    const contact = (email: string) => p.createObject('contacts', { email }).id;
    const [primaryHere, shared, billing, other] = [
      'a@gamma.example',
      'b@gamma.example',
      'c@gamma.example',
      'd@x.example',
    ].map(contact) as [string, string, string, string];
    const deal = p.createObject('deals', { dealname: 'Gamma renewal' }).id;
    const [bill] = p.createLabel('companies', 'contacts', {
      label: 'Billing contact',
      name: 'billing_contact',
    });
    p.associate('contacts', primaryHere, 'companies', source, [1]); // its Primary is the source
    p.associate('contacts', shared, 'companies', target, [1]); // Primary on the target already,
    p.associate('contacts', shared, 'companies', source); //      linked to the source too
    p.associate('companies', source, 'contacts', billing, [bill!.typeId]);
    p.associate('contacts', other, 'companies', target);
    p.associate('deals', deal, 'companies', source, [5]);
    const before = linkSnapshot(ctx.sandbox);
    const args = {
      fix: 'move_associations',
      objectType: 'companies',
      fromRecordId: source,
      toRecordId: target,
    };

    const plan = await repair({ ...args, dryRun: true });
    expect(plan.data.counts).toEqual({ move: 4, keepPrimary: 0 });
    expect(linkSnapshot(ctx.sandbox)).toEqual(before);

    const run = await repair(args);
    expect(run.data.statuses).toEqual({ done: 4 });
    for (const to of ['contacts', 'deals', 'tickets', 'companies'])
      expect(p.associations('companies', source, to)).toEqual([]);
    expect(typesOf(ctx.sandbox, 'contacts', primaryHere, 'companies', target)).toEqual([1, 279]);
    expect(typesOf(ctx.sandbox, 'companies', target, 'contacts', primaryHere)).toEqual([2, 280]);
    expect(typesOf(ctx.sandbox, 'contacts', shared, 'companies', target)).toEqual([1, 279]);
    expect(typesOf(ctx.sandbox, 'companies', target, 'contacts', billing)).toEqual(
      [280, bill!.typeId].sort((a, b) => a - b),
    );
    expect(typesOf(ctx.sandbox, 'deals', deal, 'companies', target)).toEqual([5, 341]);
    expect(typesOf(ctx.sandbox, 'contacts', other, 'companies', target)).toEqual([279]);

    const undone = await undo(run.data.changeId);
    expect(undone.isError).toBe(false);
    expect(linkSnapshot(ctx.sandbox)).toEqual(before);
    // And the undo undoes too: the move again.
    await undo(undone.data.undoChangeId);
    expect(typesOf(ctx.sandbox, 'deals', deal, 'companies', target)).toEqual([5, 341]);
    expect(p.associations('companies', source, 'contacts')).toEqual([]);
  });

  it('never replaces a Primary the target holds: that link is copied without it and stays on the source', async () => {
    const p = ctx.sandbox.portal;
    const [a, b, c] = ['A', 'B', 'C'].map((name) => p.createObject('companies', { name }).id) as [
      string,
      string,
      string,
    ];
    const [dup, keeper, fresh] = ['dup@x.example', 'keeper@x.example', 'fresh@x.example'].map(
      (email) => p.createObject('contacts', { email }).id,
    ) as [string, string, string];
    p.associate('contacts', dup, 'companies', a, [1]);
    p.associate('contacts', dup, 'companies', b);
    p.associate('contacts', keeper, 'companies', c, [1]);
    const ticket = p.createObject('tickets', { subject: 'Sync' }).id;
    p.associate('tickets', ticket, 'contacts', dup);
    const before = linkSnapshot(ctx.sandbox);

    const run = await repair({
      fix: 'move_associations',
      objectType: 'contact',
      fromRecordId: dup,
      toRecordId: keeper,
    });
    expect(run.data.statuses).toEqual({ done: 2, kept: 1 });
    const kept = run.data.items.find((i: { status: string }) => i.status === 'kept');
    expect(kept).toMatchObject({ toId: a, toType: 'companies' });
    expect(kept.reason).toContain(`is ${c}`);
    expect(typesOf(ctx.sandbox, 'contacts', keeper, 'companies', c)).toEqual([1, 279]);
    expect(typesOf(ctx.sandbox, 'contacts', keeper, 'companies', a)).toEqual([279]);
    expect(typesOf(ctx.sandbox, 'contacts', keeper, 'companies', b)).toEqual([279]);
    expect(typesOf(ctx.sandbox, 'contacts', dup, 'companies', a)).toEqual([1, 279]);
    expect(typesOf(ctx.sandbox, 'contacts', dup, 'companies', b)).toEqual([]);
    expect(typesOf(ctx.sandbox, 'contacts', keeper, 'tickets', ticket)).toEqual([15]);

    // A target without a Primary receives the source's.
    const moved = await repair({
      fix: 'move_associations',
      objectType: 'contacts',
      fromRecordId: dup,
      toRecordId: fresh,
      toObjectTypes: ['companies'],
    });
    expect(moved.data.statuses).toEqual({ done: 1 });
    expect(typesOf(ctx.sandbox, 'contacts', fresh, 'companies', a)).toEqual([1, 279]);
    await undo(moved.data.changeId);
    await undo(run.data.changeId);
    expect(linkSnapshot(ctx.sandbox)).toEqual(before);
  });
});
