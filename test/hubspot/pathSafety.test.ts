import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHubSpot, type HubSpot, InputError } from '../../src/hubspot/index.js';
import { assertRecordId, resolveObjectType } from '../../src/hubspot/objectTypes.js';
import { useSandbox } from '../helpers/sandbox.js';

const ATTACKS = [
  '../contacts',
  'contacts/../../x',
  'contacts?limit=1',
  'contacts#x',
  'contacts%2F..',
  'cont\u0430cts',
  '0-1/..',
  '',
  ' ',
];
const BAD_IDS = ['1/../2', '12?x=1', '12#', '12%2F3', '１２３', '-1', '1.5', '1e3', '12 34', ''];

describe('path safety: hostile object types and ids never reach HubSpot', () => {
  const ctx = useSandbox({ sandbox: { seed: false }, each: false });
  let hubspot: HubSpot;
  beforeAll(() => {
    hubspot = createHubSpot({ baseUrl: ctx.sandbox.url, token: ctx.sandbox.token });
  });
  afterAll(async () => {
    await hubspot.close();
  });

  it.each(ATTACKS)('rejects object type %j before any request', (input) => {
    expect(() => resolveObjectType(input)).toThrow(InputError);
  });

  it.each(BAD_IDS)('rejects record id %j before any request', (input) => {
    expect(() => assertRecordId(input)).toThrow(InputError);
  });

  it('refuses a raw path that slipped past the api layer, sending nothing', async () => {
    ctx.sandbox.log.reset();
    for (const path of [
      '/crm/v4/../../admin',
      '/crm/v4/objects/contacts?x=1',
      '/crm/v4/objects/contacts#x',
    ]) {
      await expect(hubspot.client.request({ method: 'GET', path })).rejects.toThrow(/unsafe HubSpot path/);
    }
    expect(ctx.sandbox.log.entries).toHaveLength(0);
  });

  it('accepts names in any case and form, ids and custom ids', () => {
    expect(resolveObjectType('Contact').id).toBe('0-1');
    expect(resolveObjectType('COMPANIES').id).toBe('0-2');
    expect(resolveObjectType('line_item').id).toBe('0-8');
    expect(resolveObjectType('0-3').name).toBe('deals');
    expect(resolveObjectType('2-12345')).toEqual({ id: '2-12345', name: '2-12345' });
    expect(assertRecordId(12345)).toBe('12345');
  });
});
