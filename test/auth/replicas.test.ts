/**
 * Two replicas on one Redis (MCP_HTTP_AUTH=oauth, REDIS_URL): a sign-in made on one works on the
 * other, concurrent calls when the HubSpot token is due cause exactly one refresh, another
 * deployment's token is refused, and no token appears in Redis keys, Redis values or the logs.
 */
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Sandbox, startSandbox } from 'hubspot-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callTool } from '../helpers/mcp.js';
import { freePort, type RedisServer, startRedis } from '../helpers/redis.js';
import { clientOn, type Person, signIn, startTeam, type Team } from './team.js';

const TTL_S = 3;
let redis: RedisServer;
let sandbox: Sandbox;
let one: Team;
let two: Team;
let other: Team;
let a: Person;

beforeAll(async () => {
  redis = await startRedis();
  sandbox = await startSandbox({ users: ['a@x.example', 'b@y.example'], app: { tokenTtlS: TTL_S } });
  const key = randomBytes(32).toString('base64');
  const port = await freePort();
  one = await startTeam(sandbox.url, { redisUrl: redis.url, key, port });
  // The second replica serves the same public URL (behind one load balancer) from another port.
  two = await startTeam(sandbox.url, {
    redisUrl: redis.url,
    key,
    publicUrl: one.url,
    port: await freePort(),
  });
  other = await startTeam(sandbox.url, { redisUrl: redis.url, key });
  a = await signIn(one, 'a@x.example');
}, 30_000);
afterAll(async () => {
  await a?.close();
  for (const t of [one, two, other]) await t?.close();
  await sandbox?.close();
  await redis?.stop();
});

const portOf = (t: Team) => Number(new URL(t.url).port);

describe('two replicas on one Redis', () => {
  it('concurrent calls on both replicas when the HubSpot token is due make exactly one refresh', async () => {
    const onTwo = await clientOn(two.port, a.token());
    try {
      // Both replicas act for the same person.
      expect((await callTool(onTwo, 'check_connection', {})).data.user).toBe('a@x.example');
      await sleep((TTL_S * 1000) / 2 + 200); // the HubSpot token is now within its refresh margin
      sandbox.log.reset();
      const calls = [a.client, onTwo, a.client, onTwo, a.client, onTwo].map((c) =>
        c.callTool({ name: 'list_changes', arguments: {} }),
      );
      const results = await Promise.all(calls);
      expect(results.every((r) => !r.isError)).toBe(true);
      expect(sandbox.log.count('POST /oauth/2026-03/token')).toBe(1);
      // And the refreshed token works for HubSpot calls.
      expect((await callTool(onTwo, 'check_connection', {})).data.user).toBe('a@x.example');
    } finally {
      await onTwo.close();
    }
  });

  it('one journal per portal in Redis: a change made on one replica is listed and undone on the other', async () => {
    const contact = sandbox.portal.createObject('contacts', { email: 'replica@example.com' }).id;
    const company = sandbox.portal.createObject('companies', { name: 'Replica' }).id;
    const linked = await callTool(a.client, 'associate_records', {
      fromObjectType: 'contacts',
      toObjectType: 'companies',
      pairs: [{ fromId: contact, toId: company }],
    });
    const onTwo = await clientOn(two.port, a.token());
    try {
      const listed = await callTool(onTwo, 'list_changes', {});
      expect(listed.data.changes.map((c: { changeId: string }) => c.changeId)).toContain(
        linked.data.changeId,
      );
      const undone = await callTool(onTwo, 'undo_change', { changeId: linked.data.changeId });
      expect(undone.data.counts).toEqual({ restored: 1 });
    } finally {
      await onTwo.close();
    }
  });

  it('refuses a token of another deployment (another MCP_PUBLIC_URL) on the same Redis', async () => {
    const res = await fetch(other.url, {
      method: 'POST',
      headers: { authorization: `Bearer ${a.token()}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(401);
    expect(portOf(other)).not.toBe(portOf(one));
  });

  it('A and B share one budget per HubSpot app and portal', async () => {
    const b = await signIn(two, 'b@y.example');
    try {
      await callTool(b.client, 'check_connection', {});
      await callTool(a.client, 'check_connection', {});
      const budgets = redis.cli('--scan', '--pattern', '*:budget:general').split('\n').filter(Boolean);
      expect(budgets).toHaveLength(1);
    } finally {
      await b.close();
    }
  });

  it('is ready while Redis answers', async () => {
    const res = await fetch(`http://127.0.0.1:${two.port}/readyz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ready: true, auth: 'oauth', redis: { reachable: true } });
  });

  it('keeps no token in Redis keys or values, nor in the logs', async () => {
    const tokens = a.provider.tokens()!;
    const keys = redis.cli('--scan').split('\n').filter(Boolean);
    expect(keys.some((k) => k.includes(':oauth:grant:'))).toBe(true);
    const dump = keys
      .filter((k) => k.includes(':oauth:'))
      .map((k) => `${k} ${redis.cli('GET', k)}`)
      .join('\n');
    for (const secret of [tokens.access_token, tokens.refresh_token!]) expect(dump).not.toContain(secret);
    // HubSpot's tokens (the sandbox's prefixes) are sealed in the grant.
    expect(dump).not.toMatch(/sandbox-(user|refresh)-/);
    const logs = [...one.logs, ...two.logs].join('');
    expect(logs.length).toBeGreaterThan(0);
    for (const secret of [tokens.access_token, tokens.refresh_token!]) expect(logs).not.toContain(secret);
    expect(logs).not.toMatch(/sandbox-(user|refresh)-/);
  });
});
