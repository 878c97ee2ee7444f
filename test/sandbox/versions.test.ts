/**
 * One model, three path families (docs/hubspot-fidelity.md §7): v4 (with objects v3), and the
 * date-versioned 2025-09, 2026-03 and 2026-09 paths. Same bodies everywhere; archive, labels/archive
 * and configurations purge answer 204 in v4 and 200 + BatchResponse in dated versions.
 */
import type { CrmObject } from 'hubspot-sandbox';
import { beforeEach, describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox.js';

const HS = 'HUBSPOT_DEFINED';
const DATED = ['2025-09', '2026-03', '2026-09'] as const;
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

/** The three families' path prefixes, as HubSpot publishes them. */
const family = (version: 'v4' | (typeof DATED)[number]) =>
  version === 'v4'
    ? {
        batch: '/crm/v4/associations',
        schema: '/crm/associations/v4',
        records: '/crm/v4/objects',
        objects: '/crm/v3/objects',
      }
    : {
        batch: `/crm/associations/${version}`,
        schema: `/crm/associations/${version}`,
        records: `/crm/objects/${version}`,
        objects: `/crm/objects/${version}`,
      };

describe('API versions served from one model', () => {
  const ctx = useSandbox({ sandbox: { seed: false } });
  let contacts: CrmObject[];
  let companies: CrmObject[];

  beforeEach(() => {
    contacts = ctx.sandbox.portal.createObjects('contacts', 3, (i) => ({ email: `v${i}@example.com` }));
    companies = ctx.sandbox.portal.createObjects('companies', 3, (i) => ({ name: `Version ${i}` }));
  });

  it.each(DATED)(
    '%s: a PUT on the dated path is read back on v4 and the dated path alike, logged as sent',
    async (version) => {
      const { records } = family(version);
      const path = `${records}/contacts/${contacts[0]!.id}/associations/companies/${companies[0]!.id}`;
      const put = await ctx.call('PUT', path, [{ associationCategory: HS, associationTypeId: 1 }]);
      expect(put.status).toBe(201);
      expect(put.headers.get('location')).toBe(path);
      expect(put.body).toEqual({
        fromObjectTypeId: '0-1',
        fromObjectId: Number(contacts[0]!.id),
        toObjectTypeId: '0-2',
        toObjectId: Number(companies[0]!.id),
        labels: ['Primary'],
      });
      const expected = [
        {
          toObjectId: Number(contacts[0]!.id),
          associationTypes: [
            { category: HS, typeId: 2, label: 'Contact with Primary Company' },
            { category: HS, typeId: 280, label: null },
          ],
        },
      ];
      for (const base of [records, '/crm/v4/objects']) {
        const list = await ctx.call('GET', `${base}/companies/${companies[0]!.id}/associations/contacts`);
        expect(list.status).toBe(200);
        expect(list.body.results).toEqual(expected);
      }
      const sent = ctx.sandbox.log.entries.map((e) => e.path);
      expect(sent[0]).toBe(path);
      expect(ctx.sandbox.log.count(`PUT ${records}/`)).toBe(1);
      expect(ctx.sandbox.log.entries[0]!.operation).toBe(
        `PUT ${records}/{objectType}/{objectId}/associations/{toObjectType}/{toObjectId}`,
      );
    },
  );

  it.each(DATED)('%s: batch create 201, read 200 (numbers), associate/default 200', async (version) => {
    const { batch } = family(version);
    const create = await ctx.call('POST', `${batch}/contacts/companies/batch/create`, {
      inputs: [
        {
          from: { id: contacts[0]!.id },
          to: { id: companies[1]!.id },
          types: [{ associationCategory: HS, associationTypeId: 279 }],
        },
      ],
    });
    expect(create.status).toBe(201);
    expect(create.body.results[0]).toMatchObject({ fromObjectId: Number(contacts[0]!.id), labels: [] });
    const def = await ctx.call('POST', `${batch}/contacts/companies/batch/associate/default`, {
      inputs: [{ from: { id: contacts[1]!.id }, to: { id: companies[1]!.id } }],
    });
    expect(def.status).toBe(200);
    expect(def.body.results.map((r: { associationSpec: unknown }) => r.associationSpec)).toEqual([
      { associationCategory: HS, associationTypeId: 279 },
      { associationCategory: HS, associationTypeId: 280 },
    ]);
    const read = await ctx.call('POST', `${batch}/companies/contacts/batch/read`, {
      inputs: [{ id: companies[1]!.id }],
    });
    expect(read.status).toBe(200);
    expect(read.body.results[0].to.map((t: { toObjectId: unknown }) => t.toObjectId)).toEqual([
      Number(contacts[0]!.id),
      Number(contacts[1]!.id),
    ]);
  });

  const link = () => {
    ctx.sandbox.portal.associate('contacts', contacts[0]!.id, 'companies', companies[0]!.id, [1]);
    ctx.sandbox.portal.associate('contacts', contacts[1]!.id, 'companies', companies[0]!.id);
  };
  const removal = (batch: string) =>
    [
      [
        `${batch}/contacts/companies/batch/labels/archive`,
        {
          inputs: [
            {
              from: { id: contacts[0]!.id },
              to: { id: companies[0]!.id },
              types: [{ associationCategory: HS, associationTypeId: 1 }],
            },
          ],
        },
      ],
      [
        `${batch}/contacts/companies/batch/archive`,
        { inputs: [{ from: { id: contacts[1]!.id }, to: [{ id: companies[0]!.id }] }] },
      ],
    ] as const;

  it('v4: batch/archive and batch/labels/archive answer 204 with no body', async () => {
    link();
    for (const [path, body] of removal(family('v4').batch)) {
      const answer = await ctx.call('POST', path, body);
      expect(answer.status, path).toBe(204);
      expect(answer.body).toBeUndefined();
    }
    expect(ctx.sandbox.portal.associations('contacts', contacts[0]!.id, 'companies')[0]?.types).toEqual([
      { category: HS, typeId: 279, label: null },
    ]);
    expect(ctx.sandbox.portal.associations('contacts', contacts[1]!.id, 'companies')).toEqual([]);
  });

  it.each(DATED)(
    '%s: batch/archive and batch/labels/archive answer 200 with a BatchResponse',
    async (version) => {
      link();
      for (const [path, body] of removal(family(version).batch)) {
        const answer = await ctx.call('POST', path, body);
        expect(answer.status, path).toBe(200);
        expect(answer.body).toEqual({
          status: 'COMPLETE',
          results: [],
          startedAt: expect.stringMatching(ISO),
          completedAt: expect.stringMatching(ISO),
        });
      }
      expect(ctx.sandbox.portal.associations('contacts', contacts[0]!.id, 'companies')[0]?.types).toEqual([
        { category: HS, typeId: 279, label: null },
      ]);
      expect(ctx.sandbox.portal.associations('contacts', contacts[1]!.id, 'companies')).toEqual([]);
      // Archiving what is not there is no error (docs/hubspot-fidelity.md §2, a sandbox choice).
      const again = await ctx.call(
        'POST',
        removal(family(version).batch)[1][0],
        removal(family(version).batch)[1][1],
      );
      expect(again.status).toBe(200);
      expect(again.body.results).toEqual([]);
    },
  );

  it.each(['v4', ...DATED] as const)(
    '%s: labels CRUD and limit configurations (purge 204 in v4, 200 + body when dated)',
    async (version) => {
      const { schema, batch } = family(version);
      const created = await ctx.call('POST', `${schema}/contacts/companies/labels`, {
        label: 'Mentor',
        name: 'mentor',
      });
      expect(created.status).toBe(200);
      const typeId = created.body.results.find((r: { typeId: number }) =>
        ctx.sandbox.portal.labels('contacts', 'companies').some((d) => d.typeId === r.typeId),
      ).typeId;
      const renamed = await ctx.call('PUT', `${schema}/contacts/companies/labels`, {
        associationTypeId: typeId,
        label: 'Coach',
      });
      expect(renamed.status).toBe(204);
      const base = `${schema}/definitions/configurations/contacts/companies`;
      const limit = await ctx.call('POST', `${base}/batch/create`, {
        inputs: [{ category: 'USER_DEFINED', typeId, maxToObjectIds: 2 }],
      });
      expect(limit.status).toBe(201);
      expect(limit.body.results).toEqual([
        { category: 'USER_DEFINED', typeId, label: 'Coach', userEnforcedMaxToObjectIds: 2 },
      ]);
      const updated = await ctx.call('POST', `${base}/batch/update`, {
        inputs: [{ category: 'USER_DEFINED', typeId, maxToObjectIds: 3 }],
      });
      expect(updated.status).toBe(200);
      const purged = await ctx.call('POST', `${base}/batch/purge`, {
        inputs: [{ category: 'USER_DEFINED', typeId }],
      });
      if (version === 'v4') {
        expect(purged.status).toBe(204);
        expect(purged.body).toBeUndefined();
      } else {
        expect(purged.status).toBe(200);
        expect(purged.body).toMatchObject({ status: 'COMPLETE', results: [] });
      }
      expect(ctx.sandbox.portal.limits()).toEqual([]);
      const deleted = await ctx.call('DELETE', `${schema}/contacts/companies/labels/${typeId}`);
      expect(deleted.status).toBe(204);
      const report = await ctx.call('POST', `${batch}/usage/high-usage-report/42`);
      expect(report.status).toBe(200);
      expect(ctx.sandbox.portal.highUsageReports()).toEqual([42]);
    },
  );

  it.each(DATED)('%s: objects CRUD, batch and search on /crm/objects/%s', async (version) => {
    const { objects } = family(version);
    const created = await ctx.call('POST', `${objects}/contacts`, {
      properties: { email: 'dated@example.com', firstname: 'Dee' },
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect(
      (await ctx.call('GET', `${objects}/contacts/${id}?properties=firstname`)).body.properties,
    ).toMatchObject({
      firstname: 'Dee',
    });
    expect(
      (await ctx.call('PATCH', `${objects}/contacts/${id}`, { properties: { jobtitle: 'CTO' } })).status,
    ).toBe(200);
    const list = await ctx.call('GET', `${objects}/contacts?limit=2`);
    expect(list.body.results).toHaveLength(2);
    expect(list.body.paging.next.after).toBe(list.body.results[1].id);
    const read = await ctx.call('POST', `${objects}/contacts/batch/read`, {
      inputs: [{ id }],
      properties: ['jobtitle'],
    });
    expect(read.status).toBe(200);
    expect(read.body.results[0].properties.jobtitle).toBe('CTO');
    const batchCreate = await ctx.call('POST', `${objects}/companies/batch/create`, {
      inputs: [{ properties: { name: 'Dated Co' } }],
    });
    expect(batchCreate.status).toBe(201);
    expect(
      (
        await ctx.call('POST', `${objects}/companies/batch/update`, {
          inputs: [{ id: batchCreate.body.results[0].id, properties: { city: 'Oslo' } }],
        })
      ).status,
    ).toBe(200);
    const upsert = await ctx.call('POST', `${objects}/contacts/batch/upsert`, {
      inputs: [{ id: 'dated@example.com', idProperty: 'email', properties: { lastname: 'Doe' } }],
    });
    expect(upsert.body.results[0]).toMatchObject({ id, new: false });
    const search = await ctx.call('POST', `${objects}/contacts/search`, {
      filterGroups: [{ filters: [{ propertyName: 'email', operator: 'EQ', value: 'dated@example.com' }] }],
    });
    expect(search.status).toBe(200);
    expect(search.body.total).toBe(1);
    expect(search.headers.get('x-hubspot-ratelimit-max')).toBeNull();
    // Objects batch/archive answers 204 in 2026-03 too (spec crm-objects-2026-03-dated.json).
    const archived = await ctx.call('POST', `${objects}/companies/batch/archive`, {
      inputs: [{ id: batchCreate.body.results[0].id }],
    });
    expect(archived.status).toBe(204);
    expect((await ctx.call('DELETE', `${objects}/contacts/${id}`)).status).toBe(204);
    expect(ctx.sandbox.portal.getObject('contacts', id)).toBeUndefined();
  });

  it('answers 404 for a version HubSpot never shipped, and a default-associate PUT on every family', async () => {
    const unknown = await ctx.call('GET', '/crm/associations/2024-01/contacts/companies/labels');
    expect(unknown.status).toBe(404);
    expect(unknown.body.category).toBe('OBJECT_NOT_FOUND');
    for (const version of ['v4', ...DATED] as const) {
      const answer = await ctx.call(
        'PUT',
        `${family(version).records}/contacts/${contacts[2]!.id}/associations/default/companies/${companies[2]!.id}`,
      );
      expect(answer.status, version).toBe(200);
    }
    expect(ctx.sandbox.portal.associations('contacts', contacts[2]!.id, 'companies')).toHaveLength(1);
  });
});
