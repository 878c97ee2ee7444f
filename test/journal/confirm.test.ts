import { startSandbox } from 'hubspot-sandbox';
import { afterEach, describe, expect, it } from 'vitest';
import { type Connected, callTool, connectInMemory } from '../helpers/mcp.js';

/** Large destructive work asks a person first: elicitation when the client can, else confirm: true. */
describe('confirmation before large destructive work', () => {
  const open: Array<{ close(): Promise<void> }> = [];
  afterEach(async () => {
    for (const o of open.splice(0).reverse()) await o.close();
  });

  async function setup(options: Parameters<typeof connectInMemory>[1]) {
    const sandbox = await startSandbox({ seed: false });
    open.push(sandbox);
    const contacts = sandbox.portal.createObjects('contacts', 5).map((o) => o.id);
    const company = sandbox.portal.createObject('companies', { name: 'Big' }).id;
    for (const c of contacts) sandbox.portal.associate('contacts', c, 'companies', company);
    const mcp: Connected = await connectInMemory(sandbox, { confirmThreshold: 3, ...options });
    open.push(mcp);
    const remove = (extra: Record<string, unknown> = {}) =>
      callTool(mcp.client, 'remove_associations', {
        fromObjectType: 'contacts',
        toObjectType: 'companies',
        pairs: contacts.map((fromId) => ({ fromId, toId: company })),
        ...extra,
      });
    return { sandbox, remove, mcp };
  }

  it('a client with elicitation is asked; accept goes ahead', async () => {
    const asked: string[] = [];
    const { sandbox, remove } = await setup({
      elicit: (message) => {
        asked.push(message);
        return { action: 'accept', content: { confirm: true } };
      },
    });
    const out = await remove();
    expect(out.isError).toBe(false);
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatch(/5, above the 3/);
    expect(sandbox.portal.countAssociations()).toBe(0);
  });

  it('decline writes nothing and says so', async () => {
    const { sandbox, remove } = await setup({ elicit: () => ({ action: 'decline' }) });
    const out = await remove();
    expect(out.isError).toBe(true);
    expect(out.text).toMatch(/confirm: the user declined/);
    expect(sandbox.portal.countAssociations()).toBe(10);
  });

  it('a client without elicitation must review the dry run and send confirm: true', async () => {
    const { sandbox, remove, mcp } = await setup({});
    const refused = await remove();
    expect(refused.isError).toBe(true);
    expect(refused.text).toMatch(/run it with dryRun: true.*confirm: true/);
    expect(sandbox.portal.countAssociations()).toBe(10);
    expect((await remove({ dryRun: true })).isError).toBe(false);
    const done = await remove({ confirm: true });
    expect(done.data.counts).toEqual({ removed: 5 });

    // Undoing that many asks the same way.
    const undo = await callTool(mcp.client, 'undo_change', { changeId: done.data.changeId });
    expect(undo.isError).toBe(true);
    const confirmed = await callTool(mcp.client, 'undo_change', {
      changeId: done.data.changeId,
      confirm: true,
    });
    expect(confirmed.data.counts).toEqual({ restored: 5 });
    expect(sandbox.portal.countAssociations()).toBe(10);
  });
});
