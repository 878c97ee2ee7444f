/**
 * Every endpoint's answers, successes and errors alike, checked against HubSpot's OpenAPI specs
 * by the project's validating proxy (with its documented reality corrections).
 */

import { type Sandbox, startSandbox } from 'hubspot-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startValidatingProxy, type ValidatingProxy } from '../contract/validatingProxy.js';
import { type Call, caller } from './helpers.js';

const HS = 'HUBSPOT_DEFINED';

describe('sandbox answers conform to HubSpot’s specs', () => {
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

  it('for records, batches, labels, limits, objects and search', async () => {
    const [c1, c2] = sandbox.portal.findObjects('contacts');
    const [co1, co2] = sandbox.portal.findObjects('companies');
    const pair = (a: string, b: string) => `/crm/v4/objects/contacts/${a}/associations/companies/${b}`;
    const calls: Array<[string, string, unknown?]> = [
      ['PUT', pair(c1!.id, co2!.id), [{ associationCategory: HS, associationTypeId: 931 }]],
      ['PUT', pair(c1!.id, co2!.id), [{ associationCategory: HS, associationTypeId: 2 }]],
      ['PUT', `/crm/v4/objects/contacts/${c2!.id}/associations/default/companies/${co1!.id}`],
      ['GET', `/crm/v4/objects/companies/${co1!.id}/associations/contacts?limit=2`],
      ['GET', `/crm/v4/objects/contacts/1/associations/companies`],
      ['DELETE', pair(c2!.id, co1!.id)],
      [
        'POST',
        '/crm/v4/associations/contacts/companies/batch/create',
        {
          inputs: [
            {
              from: { id: c2!.id },
              to: { id: co2!.id },
              types: [{ associationCategory: HS, associationTypeId: 279 }],
            },
            {
              from: { id: '1' },
              to: { id: co2!.id },
              types: [{ associationCategory: HS, associationTypeId: 279 }],
            },
          ],
        },
      ],
      [
        'POST',
        '/crm/v4/associations/contacts/companies/batch/create',
        { inputs: [{ from: { id: c2!.id }, to: { id: co1!.id }, types: [] }] },
      ],
      [
        'POST',
        '/crm/v4/associations/contacts/companies/batch/associate/default',
        {
          inputs: [
            { from: { id: c2!.id }, to: { id: co1!.id } },
            { from: { id: '1' }, to: { id: co1!.id } },
          ],
        },
      ],
      [
        'POST',
        '/crm/v4/associations/companies/contacts/batch/read',
        { inputs: [{ id: co1!.id }, { id: '1' }] },
      ],
      ['POST', '/crm/v4/associations/companies/contacts/batch/read', { inputs: [{ id: co1!.id }] }],
      [
        'POST',
        '/crm/v4/associations/contacts/companies/batch/labels/archive',
        {
          inputs: [
            {
              from: { id: c1!.id },
              to: { id: co2!.id },
              types: [{ associationCategory: HS, associationTypeId: 931 }],
            },
          ],
        },
      ],
      [
        'POST',
        '/crm/v4/associations/contacts/companies/batch/archive',
        { inputs: [{ from: { id: c1!.id }, to: [{ id: co2!.id }] }] },
      ],
      ['POST', '/crm/v4/associations/usage/high-usage-report/7'],
      ['POST', '/crm/v4/associations/contacts/companies/batch/create', { inputs: [], extra: 1 }],
      ['POST', '/crm/v4/associations/contacts/companies/batch/read', {}],
    ];
    for (const prefix of ['/crm/associations/v4', '/crm/v4/associations']) {
      calls.push(
        ['GET', `${prefix}/contacts/companies/labels`],
        [
          'POST',
          `${prefix}/contacts/companies/labels`,
          { label: `L ${prefix}`, name: `l_${prefix.length}x${calls.length}`, inverseLabel: 'Inv' },
        ],
        ['POST', `${prefix}/contacts/companies/labels`, { label: 'Bad', name: 'bad-name' }],
        ['DELETE', `${prefix}/contacts/companies/labels/1`],
        ['DELETE', `${prefix}/contacts/companies/labels/99999`],
      );
    }
    const base = '/crm/associations/v4/definitions/configurations';
    calls.push(
      [
        'POST',
        `${base}/contacts/companies/batch/create`,
        { inputs: [{ category: HS, typeId: 279, maxToObjectIds: 50 }] },
      ],
      [
        'POST',
        `${base}/contacts/companies/batch/create`,
        { inputs: [{ category: HS, typeId: 279, maxToObjectIds: 50 }] },
      ],
      [
        'POST',
        `${base}/contacts/companies/batch/update`,
        { inputs: [{ category: HS, typeId: 279, maxToObjectIds: 40 }] },
      ],
      [
        'POST',
        `${base}/contacts/companies/batch/update`,
        { inputs: [{ category: HS, typeId: 1, maxToObjectIds: 1 }] },
      ],
      ['GET', `${base}/all`],
      ['GET', `${base}/contacts/companies`],
      ['POST', `${base}/contacts/companies/batch/purge`, { inputs: [{ category: HS, typeId: 279 }] }],
      ['GET', '/crm/v3/objects/contacts?limit=3&properties=email,mobilephone'],
      ['GET', `/crm/v3/objects/contacts/${c1!.id}?associations=companies&propertiesWithHistory=email`],
      ['GET', '/crm/v3/objects/contacts/1'],
      [
        'POST',
        '/crm/v3/objects/contacts',
        { properties: { email: 'spec@example.com', firstname: 'Spec' }, associations: [] },
      ],
      ['POST', '/crm/v3/objects/contacts', { properties: { email: 'spec@example.com' }, associations: [] }],
      ['PATCH', `/crm/v3/objects/contacts/${c2!.id}`, { properties: { jobtitle: 'CFO' } }],
      [
        'POST',
        '/crm/v3/objects/contacts/batch/read',
        { inputs: [{ id: c1!.id }, { id: '9' }], properties: ['email'], propertiesWithHistory: [] },
      ],
      [
        'POST',
        '/crm/v3/objects/contacts/batch/create',
        {
          inputs: [
            { properties: { email: 'b1@example.com' }, associations: [], objectWriteTraceId: 't1' },
            { properties: { email: 'spec@example.com' }, associations: [], objectWriteTraceId: 't2' },
          ],
        },
      ],
      [
        'POST',
        '/crm/v3/objects/contacts/batch/update',
        { inputs: [{ id: c1!.id, properties: { jobtitle: 'CTO' } }] },
      ],
      [
        'POST',
        '/crm/v3/objects/contacts/batch/upsert',
        {
          inputs: [{ id: 'upsert@example.com', idProperty: 'email', properties: { firstname: 'U' } }],
        },
      ],
      [
        'POST',
        '/crm/v3/objects/contacts/search',
        {
          filterGroups: [
            { filters: [{ propertyName: 'email', operator: 'CONTAINS_TOKEN', value: 'example.com' }] },
          ],
          properties: ['email', 'phone'],
          sorts: [],
          limit: 2,
          after: '0',
        },
      ],
      ['POST', '/crm/v3/objects/contacts/batch/archive', { inputs: [{ id: c2!.id }] }],
      ['DELETE', `/crm/v3/objects/contacts/${c1!.id}`],
    );
    for (const [method, path, body] of calls) await call(method, path, body);
    sandbox.faults.inject({ status: 429, policyName: 'TEN_SECONDLY_ROLLING' });
    await call('GET', '/crm/associations/v4/contacts/companies/labels');
    sandbox.faults.inject({ status: 503 });
    await call('GET', '/crm/associations/v4/contacts/companies/labels');

    expect(proxy.exchanges).toBe(calls.length + 2);
    // Unset asked-for properties come back null, as in HubSpot: a documented reality correction.
    expect(proxy.violations.filter((v) => v.where === 'response')).toEqual([]);
  });
});
