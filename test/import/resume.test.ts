import { describe, expect, it } from 'vitest';
import { callTool, connectInMemory, useSandboxServer } from '../helpers/mcp.js';
import { peopleRows, portalState, useImportDir, writeCsv } from './helpers.js';

const OBJECTS = '/crm/objects/2026-03';

/**
 * An import that HubSpot interrupts (503s, a reset whose create did commit) and is then run again:
 * nothing is duplicated and the second run finishes the rows the first could not.
 */
describe('an interrupted import, resumed', () => {
  const files = useImportDir();
  const ctx = useSandboxServer({
    sandbox: { seed: false, searchLagMs: 300, rateLimit: 2_000, windowMs: 1_000, searchPerSecond: 200 },
  });
  /** Each run is a fresh server, as after a restart: nothing is remembered between them. */
  const run = async (importDir: string) => {
    const mcp = await connectInMemory(ctx.sandbox, {
      // Re-check search for longer than the portal's lag before concluding a create never landed.
      hubspot: {
        rateLimit: 2_000,
        limiter: { windowMs: 1_000, searchPerSecond: 200 },
        retry: { timeScale: 0.001, baseDelayMs: 10 },
      },
      records: { settleMs: 1_000, pollMs: 100 },
      importDir,
    });
    try {
      return await callTool(mcp.client, 'import_contact_company_pairs', { file: 'people.csv' });
    } finally {
      await mcp.close();
    }
  };

  it('finishes on the second run without a duplicate contact, company or link', async () => {
    await writeCsv(files.dir, 'people.csv', peopleRows(1_000, 250));
    const { faults } = ctx.sandbox;
    // A company batch create that commits but whose answer is lost: settled by search, not repeated.
    faults.inject({ status: 0, commitThenFail: true, match: `POST ${OBJECTS}/companies/batch/create` });
    // Contact creates meet 503s (retried: a repeated contact create meets 409, never a duplicate).
    faults.inject({
      status: 503,
      times: 4,
      match: (m, p) => m === 'POST' && p === `${OBJECTS}/contacts/batch/create`,
    });
    // Then HubSpot goes down while the links are written.
    faults.inject({ status: 503, times: 8, match: 'batch/associate/default' });
    const first = await run(files.dir);
    expect(first.data.counts.failed).toBeGreaterThan(0);
    expect(first.data.failures[0]).toMatchObject({
      error: expect.stringMatching(/503|HubSpot/),
      fix: expect.any(String),
    });
    // The lost create was settled by search across the index lag, never sent twice.
    expect(ctx.sandbox.log.count((e) => e.path === `${OBJECTS}/companies/batch/create`)).toBe(3);
    const after = portalState(ctx.sandbox);
    expect([...after.byEmail.values()].every((ids) => ids.length === 1)).toBe(true);
    expect([...after.byDomain.values()].every((ids) => ids.length === 1)).toBe(true);

    // A fresh server (the process was restarted), HubSpot healthy again: the same file finishes.
    faults.clear();
    const second = await run(files.dir);
    expect(second.isError).toBe(false);
    expect(second.data.counts.failed).toBe(0);
    const state = portalState(ctx.sandbox);
    expect(state.contacts).toHaveLength(1_000);
    expect(state.companies).toHaveLength(250);
    expect([...state.byDomain.values()].every((ids) => ids.length === 1)).toBe(true);
    for (const c of state.contacts) {
      const links = ctx.sandbox.portal.associations('contacts', c.id, 'companies');
      const domain = c.properties.email!.split('@')[1]!;
      expect(links.map((l) => l.toObjectId)).toEqual(state.byDomain.get(domain));
    }
    // Every contact and company exists once: created by one run or the other, found by the second.
    const created = (first.data.counts.contactsCreated ?? 0) + (second.data.counts.contactsCreated ?? 0);
    expect(created).toBeLessThanOrEqual(1_000);
  }, 60_000);
});
