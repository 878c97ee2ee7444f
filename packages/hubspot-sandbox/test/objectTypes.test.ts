/** The sandbox's own object type table: as HubSpot names and numbers types, checked two ways. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import catalogue from '../src/data/association-types.json' with { type: 'json' };
import { type Sandbox, startSandbox } from '../src/index.js';
import { findObjectType, OBJECT_TYPES, objectTypeLabels } from '../src/objectTypes.js';

describe('sandbox object types', () => {
  it('agree with the association guide transcription in the package data', () => {
    const transcribed = Object.entries(catalogue.objectTypeIds)
      .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
      .map(([name, id]) => ({ id, name }));
    const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
    expect([...OBJECT_TYPES].sort(byName)).toEqual(transcribed.sort(byName));
  });

  it('resolve plural and singular names in any case, and ids', () => {
    expect(findObjectType('contacts')).toEqual({ id: '0-1', name: 'contacts' });
    expect(findObjectType('Company')?.id).toBe('0-2');
    expect(findObjectType('LINE_ITEM')?.id).toBe('0-8');
    expect(findObjectType('tax')?.id).toBe('0-86');
    expect(findObjectType('0-5')?.name).toBe('tickets');
  });

  it("resolve the portal's custom object by id, fully qualified name and p_ name, never by its bare name", () => {
    const project = { id: '2-3508467', name: '2-3508467' };
    for (const key of ['2-3508467', 'p12345678_projects', 'P12345678_PROJECTS', 'p_projects']) {
      expect(findObjectType(key), key).toEqual(project);
    }
    // The bare name is HubSpot's standard Projects object; other 2-… ids are no type of this portal.
    expect(findObjectType('projects')?.id).toBe('0-970');
    expect(findObjectType('2-12345')).toBeUndefined();
    expect(findObjectType('p_nothing')).toBeUndefined();
  });

  it('label types as HubSpot displays them', () => {
    expect(objectTypeLabels({ id: '0-1', name: 'contacts' })).toEqual({
      singular: 'Contact',
      plural: 'Contacts',
    });
    expect(objectTypeLabels({ id: '0-8', name: 'line_items' })).toEqual({
      singular: 'Line item',
      plural: 'Line items',
    });
    expect(objectTypeLabels({ id: '2-3508467', name: '2-3508467' })).toEqual({
      singular: 'Project',
      plural: 'Projects',
    });
  });

  it('infer no type from unknown names, unknown standard ids or near-misses', () => {
    for (const input of [
      'xyz',
      '0-4',
      '0-999',
      'line-items',
      'lineitems',
      ' contacts',
      '1-2',
      '2-1',
      '',
      'toString',
    ]) {
      expect(findObjectType(input), input).toBeUndefined();
    }
  });

  describe('over HTTP', () => {
    let sandbox: Sandbox;
    beforeAll(async () => {
      sandbox = await startSandbox({ seed: false });
    });
    afterAll(() => sandbox.close());

    const get = (path: string) =>
      fetch(`${sandbox.url}${path}`, { headers: { authorization: `Bearer ${sandbox.token}` } });

    it("answers a type by name or id, and HubSpot's 400 for an id it does not know", async () => {
      sandbox.portal.createObject('contacts', { email: 'ada@example.com' });
      for (const type of ['contacts', 'contact', '0-1']) {
        const answer = await get(`/crm/v3/objects/${type}`);
        expect(answer.status, type).toBe(200);
        expect(((await answer.json()) as { results: unknown[] }).results).toHaveLength(1);
      }
      const wrong = await get('/crm/v3/objects/0-4');
      expect(wrong.status).toBe(400);
      expect(await wrong.json()).toMatchObject({
        category: 'VALIDATION_ERROR',
        message: 'Unable to infer object type from: 0-4',
      });
    });
  });
});
