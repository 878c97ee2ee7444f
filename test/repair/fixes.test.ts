import { describe, expect, it } from 'vitest';
import { callTool, connectInMemory, useSandboxServer } from '../helpers/mcp.js';
import { buildMessyPortal, csvRows, linkSnapshot, typesOf, writes } from './helpers.js';

describe('repair_associations: link_by_domain and set_primary, then undo', () => {
  const ctx = useSandboxServer({ sandbox: { seed: false, rateLimit: 10_000 } });
  const repair = (args: Record<string, unknown>) => callTool(ctx.mcp.client, 'repair_associations', args);
  const undo = (changeId: string) => callTool(ctx.mcp.client, 'undo_change', { changeId, confirm: true });

  it('link_by_domain: a dry run plans and writes nothing; the run links exactly the one-company orphans; undo restores the portal', async () => {
    const t = buildMessyPortal(ctx.sandbox, { companyLimit: false });
    const before = linkSnapshot(ctx.sandbox);
    ctx.sandbox.log.reset();
    const plan = await repair({ fix: 'link_by_domain', dryRun: true });
    expect(plan.data.counts).toEqual({ link: 2, noMatch: 2, domainAmbiguous: 1, freeMail: 1, noEmail: 1 });
    expect(plan.data.statuses).toEqual({ planned: 2, kept: 5 });
    expect(plan.data.items.slice(0, 2)).toEqual([
      { fromId: t.orphans.match, toId: t.A, status: 'planned', reason: 'acme.example' },
      { fromId: t.orphans.match2, toId: t.B, status: 'planned', reason: 'beta.example' },
    ]);
    expect(plan.data.changeId).toBeUndefined();
    expect(writes(ctx.sandbox)).toBe(0);
    expect(linkSnapshot(ctx.sandbox)).toEqual(before);

    const run = await repair({ fix: 'link_by_domain' });
    expect(run.isError).toBe(false);
    expect(run.data.statuses).toEqual({ done: 2, kept: 5 });
    const after = linkSnapshot(ctx.sandbox);
    const added = Object.keys(after)
      .filter((k) => !(k in before))
      .sort();
    expect(added).toEqual(
      [
        `contacts:${t.orphans.match}>companies:${t.A}`,
        `companies:${t.A}>contacts:${t.orphans.match}`,
        `contacts:${t.orphans.match2}>companies:${t.B}`,
        `companies:${t.B}>contacts:${t.orphans.match2}`,
      ].sort(),
    );
    expect(typesOf(ctx.sandbox, 'contacts', t.orphans.match, 'companies', t.A)).toEqual([279]);
    expect(typesOf(ctx.sandbox, 'companies', t.A, 'contacts', t.orphans.match)).toEqual([280]);
    for (const k of Object.keys(before)) expect(after[k], k).toEqual(before[k]);
    const rows = await csvRows(ctx.mcp.exportDir, run.data.report);
    expect(rows.map((r) => r[3]).sort()).toEqual(['done', 'done', 'kept', 'kept', 'kept', 'kept', 'kept']);

    const undone = await undo(run.data.changeId);
    expect(undone.data.counts).toEqual({ restored: 2 });
    expect(linkSnapshot(ctx.sandbox)).toEqual(before);
  });

  it("link_by_domain with label Primary makes the company the contact's Primary", async () => {
    const t = buildMessyPortal(ctx.sandbox, { companyLimit: false });
    const before = linkSnapshot(ctx.sandbox);
    const run = await repair({ fix: 'link_by_domain', label: 'Primary' });
    expect(typesOf(ctx.sandbox, 'contacts', t.orphans.match, 'companies', t.A)).toEqual([1, 279]);
    expect(typesOf(ctx.sandbox, 'companies', t.A, 'contacts', t.orphans.match)).toEqual([2, 280]);
    await undo(run.data.changeId);
    expect(linkSnapshot(ctx.sandbox)).toEqual(before);
  });

  it('set_primary: the only company, or the only one of the e-mail domain; the rest reported; labels kept; undo exact', async () => {
    const t = buildMessyPortal(ctx.sandbox, { companyLimit: false });
    const p = ctx.sandbox.portal;
    const deal = p.createObject('deals', { dealname: 'Renewal' }).id;
    p.associate('deals', deal, 'companies', t.B);
    const before = linkSnapshot(ctx.sandbox);
    const plan = await repair({ fix: 'set_primary', dryRun: true });
    expect(plan.data.counts).toEqual({ primary: 2, several: 1 });
    expect(plan.data.items).toEqual([
      { fromId: t.noPrimary.c7, toId: t.A, status: 'planned', reason: 'its only company' },
      { fromId: t.noPrimary.c6, toId: t.B, status: 'planned', reason: 'its company with beta.example' },
      {
        fromId: t.noPrimary.c9,
        toId: `${t.B};${t.C}`,
        status: 'kept',
        reason: '2 companies, none with its e-mail domain (unknown.example)',
      },
    ]);
    const run = await repair({ fix: 'set_primary' });
    expect(run.data.statuses).toEqual({ done: 2, kept: 1 });
    // c6 keeps its Decision maker label on B: HubSpot replaces a pair's set, so it was sent along.
    expect(typesOf(ctx.sandbox, 'contacts', t.noPrimary.c6, 'companies', t.B)).toEqual([1, 279, t.decides]);
    expect(typesOf(ctx.sandbox, 'contacts', t.noPrimary.c6, 'companies', t.A)).toEqual([279, t.decides]);
    expect(typesOf(ctx.sandbox, 'contacts', t.noPrimary.c7, 'companies', t.A)).toEqual([1, 279]);
    expect(typesOf(ctx.sandbox, 'contacts', t.noPrimary.c9, 'companies', t.B)).toEqual([279]);
    const deals = await repair({ fix: 'set_primary', objectType: 'deals' });
    expect(deals.data.statuses).toEqual({ done: 1 });
    expect(typesOf(ctx.sandbox, 'deals', deal, 'companies', t.B)).toEqual([5, 341]);
    await undo(deals.data.changeId);
    await undo(run.data.changeId);
    expect(linkSnapshot(ctx.sandbox)).toEqual(before);
  });

  it("reports a link HubSpot refuses (a company at its limit) as failed, with HubSpot's reason, and writes the rest", async () => {
    const t = buildMessyPortal(ctx.sandbox);
    const run = await repair({ fix: 'link_by_domain' });
    expect(run.data.statuses).toEqual({ failed: 2, kept: 5 });
    expect(run.data.failures.map((f: { toId: string }) => f.toId)).toEqual([t.A, t.B]);
    expect(run.data.failures[0].reason).toContain('Association limit exceeded');
    expect(run.data.changeId).toBeUndefined(); // nothing changed: nothing journaled
    expect(typesOf(ctx.sandbox, 'contacts', t.orphans.match, 'companies', t.A)).toEqual([]);
  });

  it('asks before more items than HUBSPOT_CONFIRM_THRESHOLD: refused without confirm, done after an elicited yes', async () => {
    const t = buildMessyPortal(ctx.sandbox, { companyLimit: false });
    const before = linkSnapshot(ctx.sandbox);
    const strict = await connectInMemory(ctx.sandbox, { confirmThreshold: 1 });
    try {
      const refused = await callTool(strict.client, 'repair_associations', { fix: 'link_by_domain' });
      expect(refused.isError).toBe(true);
      expect(refused.text).toContain('needs a confirmation');
      expect(linkSnapshot(ctx.sandbox)).toEqual(before);
      const confirmed = await callTool(strict.client, 'repair_associations', {
        fix: 'link_by_domain',
        confirm: true,
      });
      expect(confirmed.data.statuses.done).toBe(2);
    } finally {
      await strict.close();
    }
    let asked = '';
    const polite = await connectInMemory(ctx.sandbox, {
      confirmThreshold: 1,
      elicit: (message) => {
        asked = message;
        return { action: 'accept', content: { confirm: true } };
      },
    });
    try {
      const out = await callTool(polite.client, 'repair_associations', { fix: 'set_primary' });
      // The two orphans linked just above have a company now, but no Primary: four in all.
      expect(asked).toContain('make a company Primary for 4 contacts');
      expect(out.data.statuses.done).toBe(4);
      expect(typesOf(ctx.sandbox, 'contacts', t.noPrimary.c7, 'companies', t.A)).toEqual([1, 279]);
    } finally {
      await polite.close();
    }
  });
});
