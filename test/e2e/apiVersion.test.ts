import { type Sandbox, startSandbox } from 'hubspot-sandbox';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiVersion } from '../../src/hubspot/index.js';
import { type Connected, callTool, connectInMemory } from '../helpers/mcp.js';

/**
 * HubSpot ends support for v4 on 2027-03-30 and for v1–v3 in September 2027 (docs/hubspot-fidelity.md
 * §7): by default every request must use the date-versioned API, and the legacy family must still
 * work end to end when asked for.
 */
describe('HubSpot API version of every request, over every tool', () => {
  let sandbox: Sandbox | undefined;
  let mcp: Connected | undefined;
  afterEach(async () => {
    await mcp?.close();
    await sandbox?.close();
  });

  /** Calls every tool once (writes for real, plus the dry runs), as an agent would in a session. */
  async function everyTool(apiVersion?: ApiVersion): Promise<string[]> {
    sandbox = await startSandbox({ seed: true, rateLimit: 10_000, searchPerSecond: 100 });
    mcp = await connectInMemory(sandbox, {
      hubspot: { rateLimit: 10_000, ...(apiVersion ? { apiVersion } : {}) },
    });
    const call = async (tool: string, args: Record<string, unknown> = {}) => {
      const out = await callTool(mcp!.client, tool, args);
      expect(out.isError, `${tool}: ${out.text}`).toBe(false);
      return out.data;
    };
    const pair = { fromObjectType: 'contacts', toObjectType: 'companies' };
    const made = await call('create_contact_company_pair', {
      contact: { email: 'versions@example.com' },
      company: { name: 'Versions Co', domain: 'versions.example' },
      label: 'Primary',
    });
    const pairs = [{ fromId: made.contact.id, toId: made.company.id }];
    await call('list_object_types');
    await call('list_association_labels', pair);
    await call('create_association_label', { ...pair, label: 'Auditor', inverseLabel: 'Audited by' });
    await call('update_association_label', { ...pair, label: 'Auditor', newLabel: 'Auditor 2' });
    await call('associate_records', { ...pair, pairs, dryRun: true });
    await call('associate_records', { ...pair, pairs, label: 'Auditor 2' });
    await call('list_associations', {
      objectType: 'contacts',
      objectIds: [made.contact.id],
      toObjectType: 'companies',
    });
    await call('set_association_limit', { ...pair, label: 'Auditor 2', maxToObjectIds: 5 });
    await call('get_association_limits', pair);
    await call('get_association_limits');
    await call('remove_association_limit', { ...pair, label: 'Auditor 2' });
    await call('remove_associations', { ...pair, pairs, label: 'Auditor 2' });
    await call('delete_association_label', { ...pair, label: 'Auditor 2' });
    await call('find_records', { objectType: 'companies', query: 'Versions' });
    await call('request_high_usage_report', { userId: 1 });
    await call('export_crm_data', {
      objectTypes: ['contacts'],
      associations: [{ from: 'contacts', to: 'companies' }],
    });
    await call('remove_associations', { ...pair, pairs });
    return sandbox.log.entries.map((e) => `${e.method} ${e.path.split('?')[0]}`);
  }

  it('by default (2026-03) no request uses a /v3/ or /v4/ path', async () => {
    const paths = await everyTool();
    expect(paths.length).toBeGreaterThan(20);
    expect(paths.filter((p) => /\/v[34]\//.test(p))).toEqual([]);
    for (const p of paths)
      expect(p).toMatch(/ \/(crm\/(associations|objects)\/2026-03|crm-object-schemas\/2026-03)\//);
  });

  it('HUBSPOT_API_VERSION=v4 still works end to end, on the legacy paths', async () => {
    const paths = await everyTool('v4');
    expect(paths.filter((p) => /\/2026-/.test(p))).toEqual([]);
    for (const p of paths) expect(p).toMatch(/ \/(crm\/(v4|v3|associations\/v4)|crm-object-schemas\/v3)\//);
  });

  it('2026-09 is spoken too', async () => {
    const paths = await everyTool('2026-09');
    for (const p of paths)
      expect(p).toMatch(/ \/(crm\/(associations|objects)\/2026-09|crm-object-schemas\/2026-09)\//);
  });
});
