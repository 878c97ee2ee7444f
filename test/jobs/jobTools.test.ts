import {
  CallToolResultSchema,
  CreateTaskResultSchema,
  ErrorCode,
  McpError,
} from '@modelcontextprotocol/sdk/types.js';
import { startSandbox } from 'hubspot-sandbox';
import { describe, expect, it } from 'vitest';
import { selectTools } from '../../src/tools/index.js';
import { TOOL_SCOPES } from '../../src/tools/scopes.js';
import { callTool, connectInMemory, useSandboxServer } from '../helpers/mcp.js';

const LONG = [
  'associate_records',
  'remove_associations',
  'export_crm_data',
  'undo_change',
  'import_contact_company_pairs',
  'import_associations',
  'audit_associations',
  'repair_associations',
];

const names = (options: Parameters<typeof selectTools>[0]) => selectTools(options).map((t) => t.name);

describe('get_job and cancel_job', () => {
  const ctx = useSandboxServer({ sandbox: { seed: false }, each: false });

  it('are served with any long tool (--read-only too) and only then; they need no HubSpot scope', () => {
    expect(names({})).toEqual(expect.arrayContaining(['get_job', 'cancel_job']));
    expect(names({ toolsets: ['export'] })).toEqual(['export_crm_data', 'get_job', 'cancel_job']);
    expect(names({ tools: ['list_changes'] })).toEqual(['list_changes']);
    expect(names({ toolsets: ['jobs'] })).toEqual([]);
    // No long tool is read-only today (export writes files): --read-only serves neither.
    expect(names({ readOnly: true })).not.toContain('get_job');
    expect(TOOL_SCOPES.get_job?.needs).toEqual([]);
    expect(TOOL_SCOPES.cancel_job?.needs).toEqual([]);
  });

  it('long tools say so in tools/list (taskSupport optional, { job } in the outputSchema); the server offers tasks', async () => {
    const { tools } = await ctx.mcp.client.listTools();
    for (const tool of tools) {
      const long = LONG.includes(tool.name);
      expect(tool.execution, tool.name).toEqual(long ? { taskSupport: 'optional' } : undefined);
      if (long) expect(tool.outputSchema?.properties, tool.name).toHaveProperty('job');
    }
    expect(ctx.mcp.client.getServerCapabilities()?.tasks).toEqual({
      list: {},
      cancel: {},
      requests: { tools: { call: {} } },
    });
  });

  it('an unknown jobId is a clear error, for get_job, cancel_job and tasks/*', async () => {
    for (const tool of ['get_job', 'cancel_job']) {
      const answer = await callTool(ctx.mcp.client, tool, { jobId: 'job_nosuchjob' });
      expect(answer.isError).toBe(true);
      expect(answer.text).toMatch(/no job "job_nosuchjob": unknown, or it ended more than an hour ago/);
    }
    await expect(ctx.mcp.client.experimental.tasks.getTask('job_nosuchjob')).rejects.toThrow(/not found/i);
    await expect(ctx.mcp.client.experimental.tasks.cancelTask('job_nosuchjob')).rejects.toThrow(/not found/i);
  });

  it('a tool that does not run long refuses a task (-32601); a task answers like the call, errors included', async () => {
    const refused = ctx.mcp.client.request(
      { method: 'tools/call', params: { name: 'list_changes', arguments: {}, task: {} } },
      CreateTaskResultSchema,
    );
    await expect(refused).rejects.toSatisfy(
      (e) => e instanceof McpError && e.code === ErrorCode.MethodNotFound,
    );
    // Bad input as a task: the task fails with the same tool error the call would answer.
    const bad = { name: 'import_associations', arguments: { fromObjectType: 'contacts' } };
    const direct = await ctx.mcp.client.callTool(bad);
    const created = await ctx.mcp.client.request(
      { method: 'tools/call', params: { ...bad, task: {} } },
      CreateTaskResultSchema,
    );
    const result = await ctx.mcp.client.experimental.tasks.getTaskResult(
      created.task.taskId,
      CallToolResultSchema,
    );
    expect(result.isError).toBe(true);
    expect(result.content).toEqual(direct.content);
    expect((await ctx.mcp.client.experimental.tasks.getTask(created.task.taskId)).status).toBe('failed');
  });

  it('a task answers exactly what the call answers (an import on two fresh portals)', async () => {
    const rows = Array.from({ length: 300 }, (_, i) => ({
      contact: { email: `t${i}@x${i % 7}.example` },
      company: { name: `X${i % 7}`, domain: `x${i % 7}.example` },
    }));
    const answers = [];
    for (const asTask of [false, true]) {
      const portal = await startSandbox({ seed: false });
      const mcp = await connectInMemory(portal);
      try {
        const params = { name: 'import_contact_company_pairs', arguments: { rows } };
        if (!asTask) answers.push(await mcp.client.callTool(params));
        else {
          const created = await mcp.client.request(
            { method: 'tools/call', params: { ...params, task: {} } },
            CreateTaskResultSchema,
          );
          answers.push(
            await mcp.client.experimental.tasks.getTaskResult(created.task.taskId, CallToolResultSchema),
          );
        }
      } finally {
        await mcp.close();
        await portal.close();
      }
    }
    const [call, task] = answers.map((a) => {
      const { changeId: _id, ...data } = a.structuredContent as Record<string, unknown>;
      const text = (a.content as Array<{ text: string }>)[0]?.text.replace(/chg_\w+/g, 'chg');
      return { data, text, isError: a.isError ?? false };
    });
    expect(task).toEqual(call);
    expect(call?.data).toMatchObject({ rows: 300, counts: { contactsCreated: 300, associated: 300 } });
  });

  it('a call that ends in time answers as always (no job); a finished job cannot be cancelled', async () => {
    const contact = ctx.sandbox.portal.createObject('contacts', { email: 'j@example.com' }).id;
    const company = ctx.sandbox.portal.createObject('companies', { name: 'J' }).id;
    const linked = await callTool(ctx.mcp.client, 'associate_records', {
      fromObjectType: 'contacts',
      toObjectType: 'companies',
      pairs: [{ fromId: contact, toId: company }],
    });
    expect(linked.data.job).toBeUndefined();
    expect(linked.data.counts.associated).toBe(1);
    // As a task, the same answer under tasks/result; then cancelling it changes nothing.
    const created = await ctx.mcp.client.request(
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
    const result = await ctx.mcp.client.experimental.tasks.getTaskResult(jobId, CallToolResultSchema);
    expect(result.structuredContent).toMatchObject({ counts: { unchanged: 1 } });
    const cancelled = await callTool(ctx.mcp.client, 'cancel_job', { jobId });
    expect(cancelled.isError).toBe(false);
    expect(cancelled.text).toMatch(/Cancelling changes nothing: it had already ended/);
    expect(cancelled.data.job).toMatchObject({ jobId, status: 'done' });
    await expect(ctx.mcp.client.experimental.tasks.cancelTask(jobId)).rejects.toThrow(/terminal/);
    const got = await callTool(ctx.mcp.client, 'get_job', { jobId });
    expect(got.data.result).toEqual(result.structuredContent);
  });

  it("the detached answer passes the SDK client's outputSchema check (export_crm_data)", async () => {
    for (let i = 0; i < 30; i++) ctx.sandbox.portal.createObjects('contacts', 100);
    const slow = await connectInMemory(ctx.sandbox, {
      hubspot: { rateLimit: 2, limiter: { windowMs: 1_000 } },
      jobDetachMs: 1_000,
    });
    try {
      const answer = await callTool(slow.client, 'export_crm_data', { objectTypes: ['contacts'] });
      expect(answer.isError).toBe(false);
      expect(answer.data.job).toMatchObject({ status: 'running' });
      expect(answer.text).toMatch(/still running after 1 s and goes on as job job_\S+ .*Call get_job/);
      const { jobId } = answer.data.job;
      await callTool(slow.client, 'cancel_job', { jobId });
      let got = await callTool(slow.client, 'get_job', { jobId });
      while (got.data.job.status === 'running') got = await callTool(slow.client, 'get_job', { jobId });
      expect(got.data.job.status).toBe('cancelled');
      expect(got.text).toMatch(/export failed: cancelled \(cancel_job\); run it again for complete files/);
      expect(got.data.result.complete).toBe(false);
    } finally {
      await slow.close();
    }
  });
});
