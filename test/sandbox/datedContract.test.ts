/**
 * The sandbox's 2026-03 answers checked against HubSpot's dated specs by the project's validating
 * proxy. Only exchanges whose operation the spec index knows are sent: the test runs once the dated
 * spec files are among the index's SPEC_FILES, and is skipped before that.
 */
import { type Sandbox, startSandbox } from 'hubspot-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOperation } from '../contract/openapi.js';
import { startValidatingProxy, type ValidatingProxy } from '../contract/validatingProxy.js';
import { type Call, caller } from './helpers.js';

const HS = 'HUBSPOT_DEFINED';
const V = '2026-03';
const indexed =
  findOperation('POST', `/crm/associations/${V}/contacts/companies/batch/archive`) !== undefined;

describe.skipIf(!indexed)('sandbox 2026-03 answers conform to HubSpot’s dated specs', () => {
  let sandbox: Sandbox;
  let proxy: ValidatingProxy;
  let call: Call;

  beforeAll(async () => {
    sandbox = await startSandbox({ batchReadPageSize: 2 });
    proxy = await startValidatingProxy({ target: sandbox.url });
    call = caller({ ...sandbox, url: proxy.url });
  });
  afterAll(async () => {
    await proxy.close();
    await sandbox.close();
  });

  it('for records, batches, labels, limits, objects, search, schemas and limits tracking', async () => {
    const [c1, c2] = sandbox.portal.findObjects('contacts');
    const [co1, co2] = sandbox.portal.findObjects('companies');
    const [project] = sandbox.portal.findObjects('2-3508467');
    const batch = `/crm/associations/${V}/contacts/companies/batch`;
    const schema = `/crm/associations/${V}`;
    const pair = `/crm/objects/${V}/contacts/${c1!.id}/associations/companies/${co2!.id}`;
    const spec = (typeId: number) => [{ associationCategory: HS, associationTypeId: typeId }];
    const calls: Array<[string, string, unknown?]> = [
      ['PUT', pair, spec(1)],
      ['PUT', `/crm/objects/${V}/contacts/${c2!.id}/associations/default/companies/${co1!.id}`],
      ['GET', `/crm/objects/${V}/companies/${co1!.id}/associations/contacts?limit=2`],
      [
        'POST',
        `${batch}/create`,
        { inputs: [{ from: { id: c2!.id }, to: { id: co2!.id }, types: spec(279) }] },
      ],
      ['POST', `${batch}/create`, { inputs: [{ from: { id: '1' }, to: { id: co2!.id }, types: spec(279) }] }],
      ['POST', `${batch}/associate/default`, { inputs: [{ from: { id: c2!.id }, to: { id: co1!.id } }] }],
      ['POST', `/crm/associations/${V}/companies/contacts/batch/read`, { inputs: [{ id: co1!.id }] }],
      [
        'POST',
        `${batch}/labels/archive`,
        { inputs: [{ from: { id: c1!.id }, to: { id: co2!.id }, types: spec(1) }] },
      ],
      ['POST', `${batch}/archive`, { inputs: [{ from: { id: c1!.id }, to: [{ id: co2!.id }] }] }],
      ['DELETE', `/crm/objects/${V}/contacts/${c2!.id}/associations/companies/${co1!.id}`],
      ['POST', `/crm/associations/${V}/usage/high-usage-report/7`],
      ['GET', `${schema}/contacts/companies/labels`],
      ['POST', `${schema}/contacts/companies/labels`, { label: 'Dated', name: 'dated', inverseLabel: 'Inv' }],
      ['DELETE', `${schema}/contacts/companies/labels/1`],
      [
        'POST',
        `${schema}/definitions/configurations/contacts/companies/batch/create`,
        { inputs: [{ category: HS, typeId: 279, maxToObjectIds: 50 }] },
      ],
      [
        'POST',
        `${schema}/definitions/configurations/contacts/companies/batch/update`,
        { inputs: [{ category: HS, typeId: 279, maxToObjectIds: 40 }] },
      ],
      ['GET', `${schema}/definitions/configurations/all`],
      ['GET', `${schema}/definitions/configurations/contacts/companies`],
      [
        'POST',
        `${schema}/definitions/configurations/contacts/companies/batch/purge`,
        { inputs: [{ category: HS, typeId: 279 }] },
      ],
      ['GET', `/crm/objects/${V}/contacts?limit=2&properties=email`],
      ['GET', `/crm/objects/${V}/2-3508467/${project!.id}?properties=name,status`],
      [
        'POST',
        `/crm/objects/${V}/contacts`,
        { properties: { email: 'dated-spec@example.com' }, associations: [] },
      ],
      ['PATCH', `/crm/objects/${V}/contacts/${c2!.id}`, { properties: { jobtitle: 'CFO' } }],
      [
        'POST',
        `/crm/objects/${V}/contacts/batch/read`,
        { inputs: [{ id: c1!.id }], properties: ['email'], propertiesWithHistory: [] },
      ],
      [
        'POST',
        `/crm/objects/${V}/companies/batch/create`,
        { inputs: [{ properties: { name: 'Spec Co' }, associations: [] }] },
      ],
      [
        'POST',
        `/crm/objects/${V}/2-3508467/search`,
        { filterGroups: [], properties: ['name'], sorts: [], limit: 2, after: '0', query: 'rollout' },
      ],
      ['POST', `/crm/objects/${V}/contacts/batch/archive`, { inputs: [{ id: c2!.id }] }],
      ['GET', `/crm-object-schemas/${V}/schemas`],
      ['GET', `/crm-object-schemas/${V}/schemas/2-3508467`],
      ['GET', `/crm/limits/${V}/associations/records/0-1/0-2`],
      ['GET', `/crm/limits/${V}/associations/labels`],
      ['GET', `/account-info/${V}/details`],
    ];
    const known = calls.filter(([method, path]) => findOperation(method, path) !== undefined);
    for (const [method, path, body] of known) await call(method, path, body);
    expect(known.length).toBeGreaterThan(10);
    expect(proxy.exchanges).toBe(known.length);
    expect(proxy.violations.filter((v) => v.where === 'response')).toEqual([]);
  });
});
