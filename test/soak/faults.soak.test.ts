import { describe, expect, it } from 'vitest';
import { callTool, useSandboxServer } from '../helpers/mcp.js';

/**
 * The promise under sustained faults: every request the sandbox serves may fail (10% 503, 5%
 * connection resets, 20% committed with the answer lost) while search lags writes by 2 s, as
 * HubSpot's does. Bulk pairs and pair-tool calls, with an agent's retry of what failed, must end
 * with nothing lost, nothing doubled, and every failure named per pair.
 */
describe('soak: bulk and pair writes through random faults and a search lag', () => {
  const ctx = useSandboxServer({
    sandbox: { seed: false, rateLimit: 100_000, searchPerSecond: 1_000, searchLagMs: 2_000, faultSeed: 7 },
    connect: {
      hubspot: {
        rateLimit: 100_000,
        limiter: { searchPerSecond: 1_000 },
        // Three attempts per request (not four), so faults get through to the tools and the agent's retry.
        retry: { timeScale: 0.01, baseDelayMs: 100, maxAttempts: 3 },
      },
      records: { settleMs: 3_000, pollMs: 250 },
    },
  });
  const noisy = () => {
    ctx.sandbox.faults.inject({ status: 503, chance: 0.1 });
    ctx.sandbox.faults.inject({ status: 0, chance: 0.05 });
    ctx.sandbox.faults.inject({ status: 502, chance: 0.2, commitThenFail: true });
  };
  const linked = (contactId: string, companyId: string, typeId = 279) =>
    ctx.sandbox.portal
      .associations('contacts', contactId, 'companies')
      .some((a) => a.toObjectId === companyId && a.types.some((t) => t.typeId === typeId));
  /** Printed figures: how hard the run was, and what it ended with. */
  const report = (what: string, figures: Record<string, number>) => {
    const faults = ctx.sandbox.log.count((e) => e.status === 0 || e.status >= 500);
    const requests = ctx.sandbox.log.count(() => true);
    console.info(
      `soak ${what}: ${requests} requests, ${faults} faulted; ${Object.entries(figures)
        .map(([k, v]) => `${v} ${k}`)
        .join(', ')}`,
    );
  };

  it('5,000 bulk pairs, default then labeled: reports match the portal, retries link the rest', async () => {
    const contacts = ctx.sandbox.portal.createObjects('contacts', 5_000).map((o) => o.id);
    const companies = ctx.sandbox.portal.createObjects('companies', 500).map((o) => o.id);
    const label = ctx.sandbox.portal
      .createLabel('contacts', 'companies', { label: 'Reseller', name: 'reseller' })
      .find((t) => t.label === 'Reseller')!.typeId;
    const pairs = contacts.map((fromId, i) => ({ fromId, toId: companies[i % 500]! }));
    noisy();
    const reported = await bulk(pairs);
    const labeled = await bulk(pairs, label);
    ctx.sandbox.faults.clear();
    for (const p of pairs) expect(linked(p.fromId, p.toId, label)).toBe(true);
    expect(ctx.sandbox.portal.countAssociations()).toBe(2 * 5_000);
    report('bulk', {
      pairs: 5_000,
      lost: 0,
      'failures named and retried (default)': reported,
      '(labeled)': labeled,
    });
  }, 120_000);

  /** Agent-style: send, then send again what was reported failed; returns how many failures were reported. */
  async function bulk(pairs: Array<{ fromId: string; toId: string }>, typeId?: number): Promise<number> {
    let todo = pairs;
    let failures = 0;
    for (let round = 0; round < 4 && todo.length > 0; round++) {
      const out = await callTool(ctx.mcp.client, 'associate_records', {
        fromObjectType: 'contacts',
        toObjectType: 'companies',
        pairs: todo,
        ...(typeId ? { associationTypeId: typeId } : {}),
      });
      const failed: typeof pairs = out.data.failures.map((f: { fromId: string; toId: string }) => ({
        fromId: f.fromId,
        toId: f.toId,
      }));
      for (const f of out.data.failures) expect(f.error).toMatch(/\S/);
      // Truth: every pair not reported failed is in the portal; every failure is not.
      const bad = new Set(failed.map((p) => `${p.fromId}>${p.toId}`));
      for (const p of todo) expect(linked(p.fromId, p.toId, typeId)).toBe(!bad.has(`${p.fromId}>${p.toId}`));
      failures += failed.length;
      todo = failed;
    }
    expect(todo).toEqual([]);
    return failures;
  }

  it('200 pair calls with an agent retry: no lost pairs, no duplicate contacts or companies', async () => {
    const rows = Array.from({ length: 200 }, (_, i) => ({
      contact: { email: `person${i}@soak.example` },
      company: { name: `Company ${i % 50}`, domain: `company${i % 50}.example` },
    }));
    noisy();
    let todo = rows;
    let retries = 0;
    const answers = new Map<string, { contactId: string; companyId: string }>();
    for (let round = 0; round < 10 && todo.length > 0; round++) {
      if (round > 0) retries += todo.length;
      const outs = await Promise.all(
        todo.map((row) => callTool(ctx.mcp.client, 'create_contact_company_pair', row)),
      );
      const failed: typeof rows = [];
      outs.forEach((out, i) => {
        const row = todo[i]!;
        if (out.isError) {
          expect(out.text).toMatch(/create_contact_company_pair failed: \S/);
          failed.push(row);
        } else
          answers.set(row.contact.email, { contactId: out.data.contact.id, companyId: out.data.company.id });
      });
      todo = failed;
    }
    ctx.sandbox.faults.clear();
    expect(todo).toEqual([]);

    const contacts = ctx.sandbox.portal.findObjects('contacts');
    const companies = ctx.sandbox.portal.findObjects('companies');
    expect(contacts).toHaveLength(200);
    expect(new Set(contacts.map((c) => c.properties.email)).size).toBe(200);
    expect(companies).toHaveLength(50);
    expect(new Set(companies.map((c) => c.properties.domain)).size).toBe(50);
    const companyByDomain = new Map(companies.map((c) => [c.properties.domain, c.id]));
    for (const row of rows) {
      const answer = answers.get(row.contact.email)!;
      expect(answer.companyId).toBe(companyByDomain.get(row.company.domain));
      expect(ctx.sandbox.portal.getObject('contacts', answer.contactId)?.properties.email).toBe(
        row.contact.email,
      );
      expect(linked(answer.contactId, answer.companyId)).toBe(true);
    }
    report('pair tool', { calls: 200, 'agent retries': retries, 'lost pairs': 0, 'duplicate records': 0 });
  }, 120_000);
});
