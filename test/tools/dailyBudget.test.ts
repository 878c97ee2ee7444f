import { startSandbox } from 'hubspot-sandbox';
import { afterEach, describe, expect, it } from 'vitest';
import { callTool, connectInMemory } from '../helpers/mcp.js';

/**
 * A job that cannot finish within what HubSpot's daily budget has left is refused before any
 * request, with the numbers (X-HubSpot-RateLimit-Daily-Remaining as the last answer gave it).
 */
describe('the daily budget, checked up front', () => {
  const open: Array<{ close(): Promise<void> }> = [];
  afterEach(async () => {
    for (const o of open.splice(0).reverse()) await o.close();
  });

  it('associate, remove and import are refused when their fewest requests exceed what is left', async () => {
    const sandbox = await startSandbox({ seed: false, rateLimit: 10_000, dailyLimit: 6 });
    open.push(sandbox);
    const contacts = sandbox.portal.createObjects('contacts', 6_000).map((o) => o.id);
    const company = sandbox.portal.createObject('companies', { name: 'Daily' }).id;
    const mcp = await connectInMemory(sandbox, { hubspot: { rateLimit: 10_000 } });
    open.push(mcp);
    const pair = { fromObjectType: 'contacts', toObjectType: 'companies' };
    const pairs = contacts.map((fromId) => ({ fromId, toId: company }));

    // Nothing is known before the first answer: a small job goes ahead and learns the budget.
    const small = await callTool(mcp.client, 'associate_records', { ...pair, pairs: pairs.slice(0, 2) });
    expect(small.isError, small.text).toBe(false);
    const spent = sandbox.log.count();
    expect(spent).toBeGreaterThan(0);
    const left = 6 - spent;

    const big = await callTool(mcp.client, 'associate_records', { ...pair, pairs: pairs.slice(0, 2_500) });
    expect(big.isError).toBe(true);
    expect(big.text).toMatch(
      new RegExp(
        `pairs: linking 2500 pairs takes at least \\d+ HubSpot requests .* has ${left} left .*nothing was sent`,
      ),
    );
    const unlink = await callTool(mcp.client, 'remove_associations', {
      ...pair,
      pairs: pairs.slice(0, 2_500),
      confirm: true,
    });
    expect(unlink.text).toMatch(/unlinking 2500 pairs takes at least/);
    const rows = pairs.slice(0, left * 1_000 + 1);
    const imported = await callTool(mcp.client, 'import_associations', { ...pair, rows });
    expect(imported.isError, imported.text).toBe(true);
    expect(imported.text).toMatch(/rows: importing \d+ rows takes at least \d+ HubSpot requests/);
    // Not one request was sent for the refused jobs.
    expect(sandbox.log.count()).toBe(spent);
    expect(sandbox.portal.countAssociations()).toBe(4);
  });
});
