import { startSandbox } from 'hubspot-sandbox';
import { afterEach, describe, expect, it } from 'vitest';
import { type Connected, callTool, connectInMemory } from '../helpers/mcp.js';

/**
 * Deleting a label still in use takes it off its pairs first, and only with a person's yes
 * (elicitation, or confirm: true after the dry run); the undo recreates it and puts it back.
 */
describe('delete_association_label of a label in use', () => {
  const open: Array<{ close(): Promise<void> }> = [];
  afterEach(async () => {
    for (const o of open.splice(0).reverse()) await o.close();
  });
  const pair = { fromObjectType: 'contacts', toObjectType: 'companies' };

  async function setup(options: Parameters<typeof connectInMemory>[1] = {}) {
    const sandbox = await startSandbox({ seed: false, rateLimit: 10_000 });
    open.push(sandbox);
    // Enough contacts that finding the label's pairs takes several pages of the record list.
    const contacts = sandbox.portal.createObjects('contacts', 250).map((o) => o.id);
    const companies = sandbox.portal.createObjects('companies', 3).map((o) => o.id);
    const mcp: Connected = await connectInMemory(sandbox, options);
    open.push(mcp);
    const made = await callTool(mcp.client, 'create_association_label', {
      ...pair,
      label: 'Champion',
      inverseLabel: 'Championed by',
    });
    const typeId = made.data.type.typeId as number;
    const labeled = contacts
      .filter((_, i) => i % 25 === 0)
      .map((c, i) => ({ fromId: c, toId: companies[i % 3]! }));
    await callTool(mcp.client, 'associate_records', { ...pair, pairs: labeled, label: 'Champion' });
    // One of them also has Primary: that stays when Champion goes.
    sandbox.portal.associate('contacts', labeled[0]!.fromId, 'companies', labeled[0]!.toId, [1, typeId]);
    const del = (extra: Record<string, unknown> = {}) =>
      callTool(mcp.client, 'delete_association_label', { ...pair, label: 'Champion', ...extra });
    const typesOf = (p: { fromId: string; toId: string }) =>
      sandbox.portal
        .associations('contacts', p.fromId, 'companies')
        .filter((a) => a.toObjectId === p.toId)
        .flatMap((a) => a.types.map((t) => t.typeId))
        .sort((x, y) => x - y);
    return { sandbox, mcp, del, labeled, typeId, typesOf };
  }

  it('without elicitation: refused until confirm: true; the dry run shows the pairs; undo puts it back', async () => {
    const { sandbox, mcp, del, labeled, typeId, typesOf } = await setup();
    const refused = await del();
    expect(refused.isError).toBe(true);
    expect(refused.text).toMatch(/take "Champion".*off 10 pairs.*dryRun: true.*confirm: true/);
    expect(sandbox.portal.labels('contacts', 'companies').some((l) => l.typeId === typeId)).toBe(true);

    const dry = await del({ dryRun: true });
    expect(dry.isError).toBe(false);
    expect(dry.data.pairsUnlabeled).toBe(10);
    expect(typesOf(labeled[1]!)).toEqual([279, typeId]);

    const done = await del({ confirm: true });
    expect(done.isError, done.text).toBe(false);
    expect(done.data.pairsUnlabeled).toBe(10);
    expect(sandbox.portal.labels('contacts', 'companies').some((l) => l.label === 'Champion')).toBe(false);
    expect(typesOf(labeled[0]!)).toEqual([1, 279]);
    expect(typesOf(labeled[1]!)).toEqual([279]);

    const undone = await callTool(mcp.client, 'undo_change', { changeId: done.data.changeId });
    expect(undone.isError, undone.text).toBe(false);
    expect(undone.data.problems).toEqual([]);
    const back = sandbox.portal.labels('contacts', 'companies').find((l) => l.label === 'Champion');
    expect(back).toBeDefined();
    expect(sandbox.portal.labels('companies', 'contacts').some((l) => l.label === 'Championed by')).toBe(
      true,
    );
    expect(typesOf(labeled[0]!)).toEqual([1, 279, back!.typeId].sort((x, y) => x - y));
    for (const p of labeled.slice(1)) expect(typesOf(p)).toEqual([279, back!.typeId]);

    // And the undo undone: off the pairs again, and gone.
    const again = await callTool(mcp.client, 'undo_change', { changeId: undone.data.undoChangeId });
    expect(again.isError, again.text).toBe(false);
    expect(sandbox.portal.labels('contacts', 'companies').some((l) => l.label === 'Champion')).toBe(false);
    expect(typesOf(labeled[1]!)).toEqual([279]);
  });

  it('with elicitation: accept goes ahead, decline changes nothing', async () => {
    const answers: Array<'accept' | 'decline'> = ['decline', 'accept'];
    const asked: string[] = [];
    const { sandbox, del, labeled, typeId, typesOf } = await setup({
      elicit: (message) => {
        asked.push(message);
        const action = answers.shift() ?? 'decline';
        return action === 'accept' ? { action, content: { confirm: true } } : { action };
      },
    });
    const declined = await del();
    expect(declined.isError).toBe(true);
    expect(declined.text).toMatch(/declined/);
    expect(typesOf(labeled[1]!)).toEqual([279, typeId]);
    const accepted = await del();
    expect(accepted.isError, accepted.text).toBe(false);
    expect(asked).toHaveLength(2);
    expect(asked[0]).toMatch(/off 10 pairs/);
    expect(sandbox.portal.labels('contacts', 'companies').some((l) => l.typeId === typeId)).toBe(false);
  });

  it('a label nobody uses is deleted at once, without asking', async () => {
    const { sandbox, mcp } = await setup({ elicit: () => ({ action: 'decline' }) });
    await callTool(mcp.client, 'create_association_label', { ...pair, label: 'Unused' });
    const out = await callTool(mcp.client, 'delete_association_label', { ...pair, label: 'Unused' });
    expect(out.isError, out.text).toBe(false);
    expect(out.data.pairsUnlabeled).toBe(0);
    expect(sandbox.portal.labels('contacts', 'companies').some((l) => l.label === 'Unused')).toBe(false);
  });
});
