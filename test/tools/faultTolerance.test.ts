import { describe, expect, it } from 'vitest';
import { callTool, useSandboxServer } from '../helpers/mcp.js';

const DEFAULT = 'POST /crm/associations/2026-03/{fromObjectType}/{toObjectType}/batch/associate/default';
const CREATE = 'POST /crm/associations/2026-03/{fromObjectType}/{toObjectType}/batch/create';

/** HubSpot throttling and failing mid-job: every pair ends up linked once, none lost, none doubled. */
describe('bulk writes under faults', () => {
  const ctx = useSandboxServer({
    sandbox: { seed: false, rateLimit: 100_000 },
    // Retry waits at 1/100 of real time: a 10 s rate-limit pause takes 100 ms.
    connect: { hubspot: { rateLimit: 100_000, retry: { timeScale: 0.01, baseDelayMs: 100 } } },
  });

  const setup = (n: number) => {
    const contacts = ctx.sandbox.portal.createObjects('contacts', n).map((o) => o.id);
    const companies = ctx.sandbox.portal.createObjects('companies', 50).map((o) => o.id);
    return contacts.map((fromId, i) => ({ fromId, toId: companies[i % companies.length]! }));
  };
  const typeIdsOf = (pair: { fromId: string; toId: string }) =>
    ctx.sandbox.portal
      .associations('contacts', pair.fromId, 'companies')
      .filter((a) => a.toObjectId === pair.toId)
      .flatMap((a) => a.types.map((t) => t.typeId))
      .sort((a, b) => a - b);

  it('5,000 default pairs through 429s, 503s and an answer lost after the write', async () => {
    const pairs = setup(5_000);
    ctx.sandbox.faults.inject({ status: 429, policyName: 'TEN_SECONDLY_ROLLING', times: 2, match: DEFAULT });
    ctx.sandbox.faults.inject({ status: 503, times: 2, match: DEFAULT });
    ctx.sandbox.faults.inject({ status: 502, commitThenFail: true, match: DEFAULT });
    const out = await callTool(ctx.mcp.client, 'associate_records', {
      fromObjectType: 'contacts',
      toObjectType: 'companies',
      pairs,
    });
    expect(out.data.counts).toEqual({ associated: 5_000 });
    expect(ctx.sandbox.faults.pending()).toBe(0);
    for (const pair of pairs) expect(typeIdsOf(pair)).toEqual([279]);
    expect(ctx.sandbox.portal.countAssociations()).toBe(2 * 5_000); // both directions, nothing doubled
  });

  it('labeled pairs keep their other labels when a write is answered with a fault after it committed', async () => {
    const pairs = setup(300);
    await callTool(ctx.mcp.client, 'associate_records', {
      fromObjectType: 'contacts',
      toObjectType: 'companies',
      pairs,
      label: 'Billing contact',
    });
    ctx.sandbox.faults.inject({ status: 504, commitThenFail: true, match: CREATE });
    ctx.sandbox.faults.inject({ status: 429, policyName: 'TEN_SECONDLY_ROLLING', match: CREATE });
    const out = await callTool(ctx.mcp.client, 'associate_records', {
      fromObjectType: 'contacts',
      toObjectType: 'companies',
      pairs,
      label: 'Primary',
    });
    expect(out.data.counts).toEqual({ associated: 300 });
    for (const pair of pairs) expect(typeIdsOf(pair)).toEqual([1, 279, 931]);
  });
});
