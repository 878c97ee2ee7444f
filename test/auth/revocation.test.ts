/** HubSpot revoking a person's sign-in: their next call fails, the one after is a 401, and signing in again works. */
import { type Sandbox, startSandbox } from 'hubspot-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callTool } from '../helpers/mcp.js';
import { signIn, startTeam, type Team } from './team.js';

let sandbox: Sandbox;
let team: Team;
beforeAll(async () => {
  sandbox = await startSandbox({ users: ['a@x.example'] });
  team = await startTeam(sandbox.url);
});
afterAll(async () => {
  await team?.close();
  await sandbox?.close();
});

describe('revocation at HubSpot', () => {
  it('answers 401 once the refresh is refused, and a new sign-in works', async () => {
    const a = await signIn(team, 'a@x.example');
    const token = a.token();
    expect((await callTool(a.client, 'check_connection', {})).data.user).toBe('a@x.example');
    expect(sandbox.revokeUser('a@x.example')).toBe(1);
    // HubSpot's 401 → one refresh → BAD_REFRESH_TOKEN: the grant is deleted, the call fails.
    const failed = await a.client
      .callTool({ name: 'find_records', arguments: { objectType: 'contacts', query: 'x' } })
      .then(
        (r) => Boolean(r.isError),
        () => true,
      );
    expect(failed).toBe(true);
    const next = await fetch(team.url, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(next.status).toBe(401);
    expect(next.headers.get('www-authenticate')).toContain('invalid_token');
    await a.close().catch(() => {});
    const again = await signIn(team, 'a@x.example');
    expect((await callTool(again.client, 'check_connection', {})).data.user).toBe('a@x.example');
    await again.close();
  });
});
