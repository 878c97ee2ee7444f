/** The sandbox's own object type table: as HubSpot names and numbers types, checked two ways. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import catalogue from '../src/data/association-types.json' with { type: 'json' };
import { type Sandbox, startSandbox } from '../src/index.js';
import { findObjectType, OBJECT_TYPES } from '../src/objectTypes.js';

describe('sandbox object types', () => {
  it('agree with the association guide transcription in the package data', () => {
    const transcribed = Object.entries(catalogue.objectTypeIds)
      .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
      .map(([name, id]) => ({ id, name }));
    const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
    expect([...OBJECT_TYPES].sort(byName)).toEqual(transcribed.sort(byName));
  });

  it('resolve plural and singular names in any case, ids and custom object ids', () => {
    expect(findObjectType('contacts')).toEqual({ id: '0-1', name: 'contacts' });
    expect(findObjectType('Company')?.id).toBe('0-2');
    expect(findObjectType('LINE_ITEM')?.id).toBe('0-8');
    expect(findObjectType('tax')?.id).toBe('0-86');
    expect(findObjectType('0-5')?.name).toBe('tickets');
    expect(findObjectType('2-12345')).toEqual({ id: '2-12345', name: '2-12345' });
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
