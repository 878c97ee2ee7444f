import type { CrmObject } from 'hubspot-sandbox';
import { beforeAll, describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox.js';

const HS = 'HUBSPOT_DEFINED';

describe('sandbox at scale: 20 000 contacts, 20 000 associations', () => {
  const ctx = useSandbox({ sandbox: { seed: false, rateLimit: 10_000 }, each: false });
  let contacts: CrmObject[];
  let companies: CrmObject[];

  beforeAll(() => {
    contacts = ctx.sandbox.portal.createObjects('contacts', 20_000, (i) => ({
      email: `bulk${i}@example.com`,
    }));
    companies = ctx.sandbox.portal.createObjects('companies', 4, (i) => ({ name: `Hub ${i}` }));
  });

  it('takes 20 000 associations through batch create in 2 000-input requests', async () => {
    for (let start = 0; start < contacts.length; start += 2000) {
      const inputs = contacts.slice(start, start + 2000).map((c, i) => ({
        from: { id: c.id },
        to: { id: companies[(start + i) % 4]!.id },
        types: [{ associationCategory: HS, associationTypeId: 279 }],
      }));
      const answer = await ctx.call('POST', '/crm/v4/associations/contacts/companies/batch/create', {
        inputs,
      });
      expect(answer.status).toBe(201);
    }
    expect(ctx.sandbox.portal.countAssociations()).toBe(40_000);
    expect(ctx.sandbox.log.count((e) => e.inputs === 2000)).toBe(10);
  });

  it('pages one company’s 5 000 contacts in id order', async () => {
    const seen: number[] = [];
    let after: string | undefined;
    do {
      const answer = await ctx.call(
        'GET',
        `/crm/v4/objects/companies/${companies[1]!.id}/associations/contacts?limit=500${after ? `&after=${after}` : ''}`,
      );
      seen.push(...answer.body.results.map((r: { toObjectId: number }) => r.toObjectId));
      after = answer.body.paging?.next?.after;
    } while (after);
    expect(seen).toHaveLength(5000);
    expect(seen).toEqual(contacts.filter((_, i) => i % 4 === 1).map((c) => Number(c.id)));
  });

  it('finds one contact among 20 000 by email', async () => {
    const answer = await ctx.call('POST', '/crm/v3/objects/contacts/search', {
      filterGroups: [
        { filters: [{ propertyName: 'email', operator: 'EQ', value: 'bulk19999@example.com' }] },
      ],
    });
    expect(answer.body.total).toBe(1);
    expect(answer.body.results[0].id).toBe(contacts[19_999]!.id);
  });
});
