/** Each person acts as themselves: check_connection, the sandbox log, the journal, session ownership. */

import { CreateTaskResultSchema } from '@modelcontextprotocol/sdk/experimental/tasks/types.js';
import { CallToolResultSchema } from '@modelcontextprotocol/sdk/types.js';
import { type Sandbox, startSandbox } from 'hubspot-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callTool } from '../helpers/mcp.js';
import { type Person, signIn, startTeam, type Team } from './team.js';

let sandbox: Sandbox;
let team: Team;
let a: Person;
let b: Person;
beforeAll(async () => {
  sandbox = await startSandbox({ users: ['a@x.example', 'b@y.example'] });
  team = await startTeam(sandbox.url);
  a = await signIn(team, 'a@x.example');
  b = await signIn(team, 'b@y.example');
});
afterAll(async () => {
  await a?.close();
  await b?.close();
  await team?.close();
  await sandbox?.close();
});

const link = async (who: Person, name: string) => {
  const contact = sandbox.portal.createObject('contacts', { email: `${name}@example.com` }).id;
  const company = sandbox.portal.createObject('companies', { name }).id;
  const linked = await callTool(who.client, 'associate_records', {
    fromObjectType: 'contacts',
    toObjectType: 'companies',
    pairs: [{ fromId: contact, toId: company }],
  });
  return { contact, company, changeId: linked.data.changeId as string };
};

describe('identity', () => {
  it('check_connection names the signed-in user and portal; the sandbox log names who acted', async () => {
    sandbox.log.reset();
    const checked = await callTool(a.client, 'check_connection', {});
    expect(checked.data).toMatchObject({
      auth: 'oauth',
      user: 'a@x.example',
      portalId: expect.any(Number),
      // The default HUBSPOT_OAUTH_SCOPES cover every tool (the sandbox enforces the signed-in scopes).
      missingScopes: [],
    });
    expect(sandbox.log.entries.length).toBeGreaterThan(0);
    expect(sandbox.log.entries.every((e) => e.user === 'a@x.example')).toBe(true);
    const other = await callTool(b.client, 'check_connection', {});
    expect(other.data.user).toBe('b@y.example');
  });

  it('A and B each see and undo only their own changes', async () => {
    const mine = await link(a, 'alpha');
    const theirs = await link(b, 'bravo');
    const listedA = await callTool(a.client, 'list_changes', {});
    const listedB = await callTool(b.client, 'list_changes', {});
    const ids = (r: typeof listedA) => (r.data.changes as Array<{ changeId: string }>).map((c) => c.changeId);
    expect(ids(listedA)).toEqual([mine.changeId]);
    expect(ids(listedB)).toEqual([theirs.changeId]);

    const refused = await b.client.callTool({ name: 'undo_change', arguments: { changeId: mine.changeId } });
    expect(refused.isError).toBe(true);
    expect(sandbox.portal.associations('contacts', mine.contact, 'companies')).toHaveLength(1);

    const undone = await callTool(a.client, 'undo_change', { changeId: mine.changeId });
    expect(undone.data.counts).toEqual({ restored: 1 });
    expect(sandbox.portal.associations('contacts', mine.contact, 'companies')).toEqual([]);
    expect(sandbox.portal.associations('contacts', theirs.contact, 'companies')).toHaveLength(1);
  });

  it("another person's token gets 404 for a session", async () => {
    const sessionId = a.transport.sessionId!;
    const res = await fetch(team.url, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${b.token()}`,
        'mcp-session-id': sessionId,
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 9, method: 'tools/list' }),
    });
    expect(res.status).toBe(404);
    // The owner still works.
    expect((await a.client.listTools()).tools.length).toBeGreaterThan(0);
  });

  it('a job or task belongs to the person who started it: the other gets "unknown" for it', async () => {
    const contact = sandbox.portal.createObject('contacts', { email: 'tasker@example.com' }).id;
    const company = sandbox.portal.createObject('companies', { name: 'Tasker' }).id;
    const created = await a.client.request(
      {
        method: 'tools/call',
        params: {
          name: 'associate_records',
          arguments: {
            fromObjectType: 'contacts',
            toObjectType: 'companies',
            pairs: [{ fromId: contact, toId: company }],
          },
          task: {},
        },
      },
      CreateTaskResultSchema,
    );
    const jobId = created.task.taskId;
    const result = await a.client.experimental.tasks.getTaskResult(jobId, CallToolResultSchema);
    expect(result.isError).toBeFalsy();
    expect((await callTool(a.client, 'get_job', { jobId })).data.job).toMatchObject({ status: 'done' });
    const asB = await b.client.callTool({ name: 'get_job', arguments: { jobId } });
    expect(asB.isError).toBe(true);
    const cancelAsB = await b.client.callTool({ name: 'cancel_job', arguments: { jobId } });
    expect(cancelAsB.isError).toBe(true);
    await expect(b.client.experimental.tasks.getTask(jobId)).rejects.toThrow(/not found/i);
    expect(sandbox.portal.associations('contacts', contact, 'companies')).toHaveLength(1);
  });
});
