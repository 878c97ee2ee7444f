/**
 * Limits tracking reads (spec crm-limits-tracking-2026-03-dated.json, docs/hubspot-fidelity.md §3):
 * records at or near a pair's association limit, and custom label usage per pair, v3 and dated.
 */
import type { CrmObject } from 'hubspot-sandbox';
import { beforeEach, describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox.js';

const PREFIXES = ['/crm/v3/limits', '/crm/limits/2026-03', '/crm/limits/2025-09', '/crm/limits/2026-09'];

describe.each(PREFIXES)('association limits tracking under %s', (prefix) => {
  const ctx = useSandbox({ sandbox: { seed: false } });
  let contacts: CrmObject[];
  let companies: CrmObject[];

  beforeEach(() => {
    contacts = ctx.sandbox.portal.createObjects('contacts', 3, (i) => ({ email: `t${i}@example.com` }));
    companies = ctx.sandbox.portal.createObjects('companies', 10, (i) => ({ name: `Tracked ${i}` }));
  });

  it('reports no record near a limit against the default 10,000', async () => {
    ctx.sandbox.portal.associate('contacts', contacts[0]!.id, 'companies', companies[0]!.id);
    const answer = await ctx.call('GET', `${prefix}/associations/records/0-1/0-2`);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      limit: 10_000,
      totalRecordsAtLimit: 0,
      totalRecordsNearLimit: 0,
      atLimitFromRecordSamples: [],
      nearLimitFromRecordSamples: [],
    });
  });

  it('reports records at and near (≥ 80%) a configured object limit, with samples', async () => {
    ctx.sandbox.portal.setLimit('contacts', 'companies', 279, 5);
    for (const company of companies.slice(0, 5)) {
      ctx.sandbox.portal.associate('contacts', contacts[0]!.id, 'companies', company.id);
    }
    for (const company of companies.slice(0, 4)) {
      ctx.sandbox.portal.associate('contacts', contacts[1]!.id, 'companies', company.id);
    }
    ctx.sandbox.portal.associate('contacts', contacts[2]!.id, 'companies', companies[0]!.id);
    const answer = await ctx.call('GET', `${prefix}/associations/records/contacts/companies`);
    expect(answer.body).toEqual({
      limit: 5,
      totalRecordsAtLimit: 1,
      totalRecordsNearLimit: 1,
      atLimitFromRecordSamples: [{ label: 't0@example.com', objectId: Number(contacts[0]!.id) }],
      nearLimitFromRecordSamples: [
        { label: 't1@example.com', objectId: Number(contacts[1]!.id), percentage: 80, usage: 4 },
      ],
    });
    const unknown = await ctx.call('GET', `${prefix}/associations/records/0-1/nothing`);
    expect(unknown.status).toBe(400);
  });

  it('reports custom label usage per pair against the label limit, filtered by type', async () => {
    ctx.sandbox.portal.createLabel('contacts', 'companies', {
      label: 'Owner',
      name: 'owner',
      inverseLabel: 'Owned',
    });
    ctx.sandbox.portal.createLabel('deals', 'contacts', { label: 'Signer', name: 'signer' });
    const all = await ctx.call('GET', `${prefix}/associations/labels`);
    expect(all.status).toBe(200);
    expect(all.body.results).toEqual([
      {
        fromObjectType: { objectTypeId: '0-1', singularLabel: 'Contact', pluralLabel: 'Contacts' },
        toObjectType: { objectTypeId: '0-2', singularLabel: 'Company', pluralLabel: 'Companies' },
        limit: 10,
        usage: 1,
        percentage: 10,
        allLabels: ['Owner'],
      },
      expect.objectContaining({
        fromObjectType: expect.objectContaining({ objectTypeId: '0-3' }),
        toObjectType: expect.objectContaining({ objectTypeId: '0-1' }),
        allLabels: ['Signer'],
      }),
    ]);
    const fromCompanies = await ctx.call('GET', `${prefix}/associations/labels?fromObjectTypeId=0-2`);
    expect(fromCompanies.body.results).toEqual([
      expect.objectContaining({
        fromObjectType: expect.objectContaining({ objectTypeId: '0-2' }),
        toObjectType: expect.objectContaining({ objectTypeId: '0-1' }),
        usage: 1,
        allLabels: ['Owned'],
      }),
    ]);
    const toContacts = await ctx.call('GET', `${prefix}/associations/labels?toObjectTypeId=0-1`);
    expect(
      toContacts.body.results.map(
        (r: { fromObjectType: { objectTypeId: string } }) => r.fromObjectType.objectTypeId,
      ),
    ).toEqual(['0-2', '0-3']);
    const unused = await ctx.call(
      'GET',
      `${prefix}/associations/labels?fromObjectTypeId=0-1&toObjectTypeId=0-5`,
    );
    expect(unused.body.results).toEqual([
      expect.objectContaining({ usage: 0, percentage: 0, allLabels: [] }),
    ]);
  });
});
