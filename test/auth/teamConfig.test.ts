/** Settings of the single-credential mode hold for each person in team mode too. */
import { type Sandbox, startSandbox } from 'hubspot-sandbox';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { callTool } from '../helpers/mcp.js';
import { type Person, signIn, startTeam, type Team } from './team.js';

const LABELS = '/crm/associations/2026-03/contacts/companies/labels';
let sandbox: Sandbox;
let team: Team;
let a: Person;
beforeAll(async () => {
  sandbox = await startSandbox({ users: ['a@x.example'] });
  team = await startTeam(sandbox.url, { env: { HUBSPOT_LABEL_CACHE_MS: '0' } });
  a = await signIn(team, 'a@x.example');
});
afterAll(async () => {
  await a?.close();
  await team?.close();
  await sandbox?.close();
});

it('HUBSPOT_LABEL_CACHE_MS=0: each label lookup of a signed-in person reads the list again', async () => {
  const args = { fromObjectType: 'contacts', toObjectType: 'companies' };
  sandbox.log.reset();
  for (let i = 0; i < 3; i++)
    expect((await callTool(a.client, 'list_association_labels', args)).isError).toBe(false);
  expect(sandbox.log.count((e) => e.method === 'GET' && e.path.split('?')[0] === LABELS)).toBe(3);
});
