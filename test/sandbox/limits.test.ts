import type { CrmObject } from 'hubspot-sandbox';
import { beforeEach, describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox.js';

const HS = 'HUBSPOT_DEFINED';

describe.each(['/crm/associations/v4', '/crm/v4/associations'])(
  'association limits under %s (C1–C5)',
  (prefix) => {
    const base = `${prefix}/definitions/configurations`;
    const ctx = useSandbox({ sandbox: { seed: false } });
    let contact: CrmObject;
    let companies: CrmObject[];

    beforeEach(() => {
      contact = ctx.sandbox.portal.createObject('contacts', { email: 'limit@example.com' });
      companies = ctx.sandbox.portal.createObjects('companies', 4, (i) => ({ name: `Co ${i}` }));
    });

    it('creates (201), reads, updates (200) and purges (204) a limit', async () => {
      const created = await ctx.call('POST', `${base}/contacts/companies/batch/create`, {
        inputs: [{ category: HS, typeId: 279, maxToObjectIds: 2 }],
      });
      expect(created.status).toBe(201);
      expect(created.body.results).toEqual([{ category: HS, typeId: 279, userEnforcedMaxToObjectIds: 2 }]);
      expect(ctx.sandbox.portal.limits('contacts', 'companies')).toMatchObject([
        { typeId: 279, maxToObjectIds: 2 },
      ]);

      const all = await ctx.call('GET', `${base}/all`);
      expect(all.body.results).toEqual([{ category: HS, typeId: 279, userEnforcedMaxToObjectIds: 2 }]);
      const pair = await ctx.call('GET', `${base}/contacts/companies`);
      expect(pair.body.results).toContainEqual({ category: HS, typeId: 279, userEnforcedMaxToObjectIds: 2 });
      expect(pair.body.results).toContainEqual({ category: HS, typeId: 1, label: 'Primary' });

      const updated = await ctx.call('POST', `${base}/contacts/companies/batch/update`, {
        inputs: [{ category: HS, typeId: 279, maxToObjectIds: 3 }],
      });
      expect(updated.status).toBe(200);
      expect(updated.body.results).toEqual([{ category: HS, typeId: 279, userEnforcedMaxToObjectIds: 3 }]);
      expect(ctx.sandbox.portal.limits()[0]?.maxToObjectIds).toBe(3);

      const purged = await ctx.call('POST', `${base}/contacts/companies/batch/purge`, {
        inputs: [{ category: HS, typeId: 279 }],
      });
      expect(purged.status).toBe(204);
      expect(ctx.sandbox.portal.limits()).toEqual([]);
    });

    it('answers 207 for creating an existing limit or updating a missing one, applying the rest', async () => {
      ctx.sandbox.portal.setLimit('contacts', 'companies', 279, 5);
      const create = await ctx.call('POST', `${base}/contacts/companies/batch/create`, {
        inputs: [
          { category: HS, typeId: 279, maxToObjectIds: 9 },
          { category: HS, typeId: 931, maxToObjectIds: 1 },
        ],
      });
      expect(create.status).toBe(207);
      expect(create.body.numErrors).toBe(1);
      expect(create.body.errors[0].message).toMatch(/already exists/);
      expect(
        ctx.sandbox.portal.limits('contacts', 'companies').map((l) => [l.typeId, l.maxToObjectIds]),
      ).toEqual([
        [279, 5],
        [931, 1],
      ]);
      const update = await ctx.call('POST', `${base}/contacts/companies/batch/update`, {
        inputs: [{ category: HS, typeId: 1, maxToObjectIds: 1 }],
      });
      expect(update.status).toBe(207);
      expect(update.body.errors[0].message).toMatch(/No limit is configured/);
    });

    it('refuses limits for types outside the pair, the wrong category or a non-positive maximum', async () => {
      const answer = await ctx.call('POST', `${base}/contacts/companies/batch/create`, {
        inputs: [
          { category: HS, typeId: 280, maxToObjectIds: 1 },
          { category: 'USER_DEFINED', typeId: 279, maxToObjectIds: 1 },
          { category: HS, typeId: 279, maxToObjectIds: 0 },
        ],
      });
      expect(answer.status).toBe(207);
      expect(answer.body.numErrors).toBe(3);
      expect(ctx.sandbox.portal.limits()).toEqual([]);
      const missingField = await ctx.call('POST', `${base}/contacts/companies/batch/create`, {
        inputs: [{ category: HS, typeId: 279 }],
      });
      expect(missingField.status).toBe(400);
      expect(missingField.body.message).toMatch(/\[maxToObjectIds\]/);
    });

    it('enforces a limit: single write → 400 naming the limit, batch → per-input error in a 207', async () => {
      ctx.sandbox.portal.setLimit('contacts', 'companies', 279, 2);
      for (const company of companies.slice(0, 2)) {
        const ok = await ctx.call(
          'PUT',
          `/crm/v4/objects/contacts/${contact.id}/associations/default/companies/${company.id}`,
        );
        expect(ok.status).toBe(200);
      }
      const third = await ctx.call(
        'PUT',
        `/crm/v4/objects/contacts/${contact.id}/associations/default/companies/${companies[2]!.id}`,
      );
      expect(third.status).toBe(400);
      expect(third.body.category).toBe('VALIDATION_ERROR');
      expect(third.body.message).toMatch(/limit \(maxToObjectIds\) is 2/);

      // Re-writing an existing link does not count again.
      const again = await ctx.call(
        'PUT',
        `/crm/v4/objects/contacts/${contact.id}/associations/companies/${companies[0]!.id}`,
        [{ associationCategory: HS, associationTypeId: 279 }],
      );
      expect(again.status).toBe(201);

      const batch = await ctx.call('POST', '/crm/v4/associations/contacts/companies/batch/create', {
        inputs: companies.slice(2).map((c) => ({
          from: { id: contact.id },
          to: { id: c.id },
          types: [{ associationCategory: HS, associationTypeId: 279 }],
        })),
      });
      expect(batch.status).toBe(207);
      expect(batch.body.numErrors).toBe(2);
      expect(batch.body.errors[0].context.maxToObjectIds).toEqual(['2']);
      expect(ctx.sandbox.portal.associations('contacts', contact.id, 'companies')).toHaveLength(2);
    });

    it('enforces a limit on the inverse side too, and forgets it once purged', async () => {
      const company = companies[0]!;
      const others = ctx.sandbox.portal.createObjects('contacts', 2, (i) => ({ email: `o${i}@example.com` }));
      ctx.sandbox.portal.setLimit('companies', 'contacts', 280, 1);
      ctx.sandbox.portal.associate('contacts', others[0]!.id, 'companies', company.id);
      const second = await ctx.call(
        'PUT',
        `/crm/v4/objects/contacts/${others[1]!.id}/associations/default/companies/${company.id}`,
      );
      expect(second.status).toBe(400);
      await ctx.call('POST', `${base}/companies/contacts/batch/purge`, {
        inputs: [{ category: HS, typeId: 280 }],
      });
      const retried = await ctx.call(
        'PUT',
        `/crm/v4/objects/contacts/${others[1]!.id}/associations/default/companies/${company.id}`,
      );
      expect(retried.status).toBe(200);
      expect(ctx.sandbox.portal.associations('companies', company.id, 'contacts')).toHaveLength(2);
    });
  },
);
