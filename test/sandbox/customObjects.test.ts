/**
 * The portal's custom object type (2-3508467, "projects"): its schema in the shape of
 * crm-schemas-2026-03-dated.json's ObjectSchema, its seeded records and associations, and every
 * objects, associations and search endpoint addressing it by id, fully qualified name or `p_` name.
 */
import { describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox.js';

const ID = '2-3508467';
const FQN = 'p12345678_projects';
const V = '2026-03';
const UD = 'USER_DEFINED';
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

describe('custom objects', () => {
  const ctx = useSandbox({ each: true });

  it.each([
    `/crm-object-schemas/${V}/schemas`,
    '/crm-object-schemas/2026-09/schemas',
    '/crm/v3/schemas',
    '/crm-object-schemas/v3/schemas',
  ])('lists the schema under %s', async (path) => {
    const answer = await ctx.call('GET', path);
    expect(answer.status).toBe(200);
    expect(answer.body.results).toHaveLength(1);
    const [schema] = answer.body.results;
    expect(schema).toMatchObject({
      id: '3508467',
      objectTypeId: ID,
      name: 'projects',
      fullyQualifiedName: FQN,
      labels: { singular: 'Project', plural: 'Projects' },
      primaryDisplayProperty: 'name',
      requiredProperties: ['name'],
      searchableProperties: ['name'],
      secondaryDisplayProperties: ['status'],
      allowsSensitiveProperties: false,
      archived: false,
      createdAt: expect.stringMatching(ISO),
    });
    expect(schema.properties.map((p: { name: string }) => p.name)).toEqual([
      'name',
      'status',
      'budget',
      'hs_object_id',
      'hs_createdate',
      'hs_lastmodifieddate',
    ]);
    expect(schema.properties[1]).toMatchObject({
      type: 'enumeration',
      fieldType: 'select',
      groupName: 'projects_information',
      description: '',
      options: [
        { label: 'Planned', value: 'planned', hidden: false, displayOrder: 0 },
        { label: 'Active', value: 'active', hidden: false, displayOrder: 1 },
        { label: 'Done', value: 'done', hidden: false, displayOrder: 2 },
      ],
    });
    expect(schema.associations).toEqual([
      expect.objectContaining({
        id: '1401',
        name: 'project_to_contact',
        fromObjectTypeId: ID,
        toObjectTypeId: '0-1',
      }),
      expect.objectContaining({
        id: '1403',
        name: 'project_to_company',
        fromObjectTypeId: ID,
        toObjectTypeId: '0-2',
      }),
    ]);
  });

  it('reads one schema by id or fully qualified name, honours the include flags, and refuses others', async () => {
    for (const key of [ID, FQN, 'p_projects']) {
      const answer = await ctx.call('GET', `/crm-object-schemas/${V}/schemas/${key}`);
      expect(answer.status, key).toBe(200);
      expect(answer.body.objectTypeId).toBe(ID);
    }
    const bare = await ctx.call(
      'GET',
      `/crm-object-schemas/${V}/schemas/${ID}?includePropertyDefinitions=false&includeAssociationDefinitions=false&includeAuditMetadata=false`,
    );
    expect(bare.body).toMatchObject({ properties: [], associations: [] });
    expect(bare.body.createdAt).toBeUndefined();
    expect((await ctx.call('GET', `/crm-object-schemas/${V}/schemas?archived=true`)).body.results).toEqual(
      [],
    );
    const standard = await ctx.call('GET', `/crm-object-schemas/${V}/schemas/contacts`);
    expect(standard.status).toBe(404);
    const unknown = await ctx.call('GET', `/crm-object-schemas/${V}/schemas/2-999`);
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toBe('Unable to infer object type from: 2-999');
  });

  it('serves the seeded records by id, fully qualified name and p_ name; the bare name is HubSpot’s Projects', async () => {
    for (const type of [ID, FQN, 'p_projects', 'P_PROJECTS']) {
      const list = await ctx.call('GET', `/crm/objects/${V}/${type}?properties=name,status,budget&limit=10`);
      expect(list.status, type).toBe(200);
      expect(list.body.results).toHaveLength(5);
      expect(list.body.results[0].properties).toMatchObject({
        name: 'Acme Labs rollout',
        status: 'planned',
        budget: '5000',
        hs_object_id: list.body.results[0].id,
        hs_createdate: expect.stringMatching(ISO),
        hs_lastmodifieddate: expect.stringMatching(ISO),
      });
    }
    const standard = await ctx.call('GET', `/crm/v3/objects/projects`);
    expect(standard.status).toBe(200);
    expect(standard.body.results).toEqual([]);
    const unknown = await ctx.call('GET', `/crm/objects/${V}/2-999`);
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({
      category: 'VALIDATION_ERROR',
      message: 'Unable to infer object type from: 2-999',
    });
  });

  it('creates, updates, searches and archives projects; unknown properties fail as HubSpot’s do', async () => {
    const created = await ctx.call('POST', `/crm/objects/${V}/p_projects`, {
      properties: { name: 'Sandbox migration', status: 'active', budget: 12000 },
    });
    expect(created.status).toBe(201);
    expect(created.body.properties).toMatchObject({ name: 'Sandbox migration', budget: '12000' });
    const wrong = await ctx.call('POST', `/crm/v3/objects/${ID}`, { properties: { dealname: 'nope' } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.message).toMatch(/PROPERTY_DOESNT_EXIST/);
    const patched = await ctx.call('PATCH', `/crm/objects/${V}/${FQN}/${created.body.id}`, {
      properties: { status: 'done' },
    });
    expect(patched.body.properties.status).toBe('done');
    const found = await ctx.call('POST', `/crm/objects/${V}/${ID}/search`, {
      query: 'migration',
      properties: ['name', 'status'],
    });
    expect(found.body.total).toBe(1);
    expect(found.body.results[0].properties).toMatchObject({ name: 'Sandbox migration', status: 'done' });
    const batch = await ctx.call('POST', `/crm/objects/${V}/${ID}/batch/read`, {
      inputs: [{ id: created.body.id }],
      properties: ['budget'],
    });
    expect(batch.body.results[0].properties.budget).toBe('12000');
    expect((await ctx.call('DELETE', `/crm/objects/${V}/${ID}/${created.body.id}`)).status).toBe(204);
    expect(ctx.sandbox.portal.countObjects(ID)).toBe(5);
  });

  it('links projects with the schema’s USER_DEFINED unlabeled types, mirrored both ways', async () => {
    const [project] = ctx.sandbox.portal.findObjects(ID);
    const companies = await ctx.call(
      'GET',
      `/crm/objects/${V}/p_projects/${project!.id}/associations/companies`,
    );
    expect(companies.body.results).toEqual([
      { toObjectId: expect.any(Number), associationTypes: [{ category: UD, typeId: 1403, label: null }] },
    ]);
    const contacts = await ctx.call('GET', `/crm/v4/objects/${ID}/${project!.id}/associations/contacts`);
    expect(contacts.body.results).toHaveLength(2);
    const companyId = String(companies.body.results[0].toObjectId);
    const back = await ctx.call('GET', `/crm/objects/${V}/companies/${companyId}/associations/${FQN}`);
    expect(back.body.results).toEqual([
      { toObjectId: Number(project!.id), associationTypes: [{ category: UD, typeId: 1404, label: null }] },
    ]);
    const labels = await ctx.call('GET', `/crm/associations/${V}/contacts/p_projects/labels`);
    expect(labels.body.results).toEqual([{ category: UD, typeId: 1402, label: null }]);
    // The schema's unlabeled type is no label: it cannot be deleted.
    const deleted = await ctx.call('DELETE', `/crm/associations/${V}/${ID}/contacts/labels/1401`);
    expect(deleted.status).toBe(400);
  });

  it('writes, labels and removes project associations through the records and batch endpoints', async () => {
    const project = ctx.sandbox.portal.createObject(ID, { name: 'Fresh' });
    const [contact] = ctx.sandbox.portal.findObjects('contacts');
    const def = await ctx.call(
      'PUT',
      `/crm/objects/${V}/${ID}/${project.id}/associations/default/contacts/${contact!.id}`,
    );
    expect(def.status).toBe(200);
    expect(def.body.results.map((r: { associationSpec: unknown }) => r.associationSpec)).toEqual([
      { associationCategory: UD, associationTypeId: 1401 },
      { associationCategory: UD, associationTypeId: 1402 },
    ]);
    const label = await ctx.call('POST', `/crm/associations/${V}/${ID}/contacts/labels`, {
      label: 'Sponsor',
      name: 'sponsor',
    });
    expect(label.status).toBe(200);
    const sponsor = ctx.sandbox.portal.labels(ID, 'contacts').find((d) => d.label === 'Sponsor')!;
    const labelled = await ctx.call('POST', `/crm/associations/${V}/p_projects/contacts/batch/create`, {
      inputs: [
        {
          from: { id: project.id },
          to: { id: contact!.id },
          types: [{ associationCategory: UD, associationTypeId: sponsor.typeId }],
        },
      ],
    });
    expect(labelled.status).toBe(201);
    expect(labelled.body.results[0]).toMatchObject({
      fromObjectTypeId: ID,
      toObjectTypeId: '0-1',
      labels: ['Sponsor'],
    });
    expect(
      ctx.sandbox.portal.associations(ID, project.id, 'contacts')[0]!.types.map((t) => t.typeId),
    ).toEqual([1401, sponsor.typeId]);
    const view = await ctx.call('GET', `/crm/v3/objects/contacts/${contact!.id}?associations=p_projects`);
    expect(view.body.associations[ID].results).toEqual(
      expect.arrayContaining([
        { id: project.id, type: 'contact_to_project' },
        { id: project.id, type: 'sponsor' },
      ]),
    );
    const removed = await ctx.call('POST', `/crm/associations/${V}/${ID}/contacts/batch/labels/archive`, {
      inputs: [
        {
          from: { id: project.id },
          to: { id: contact!.id },
          types: [{ associationCategory: UD, associationTypeId: 1401 }],
        },
      ],
    });
    expect(removed.status).toBe(200);
    expect(ctx.sandbox.portal.associations(ID, project.id, 'contacts')).toEqual([]);
    expect(
      ctx.sandbox.portal.associations('contacts', contact!.id, ID).filter((a) => a.toObjectId === project.id),
    ).toEqual([]);
  });
});
