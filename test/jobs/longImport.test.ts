import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import {
  type CallToolResult,
  CallToolResultSchema,
  CreateTaskResultSchema,
  type Progress,
} from '@modelcontextprotocol/sdk/types.js';
import { type Sandbox, startSandbox } from 'hubspot-sandbox';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryJournal, type JournalStore } from '../../src/domain/journal/store.js';
import { callTool, connectInMemory } from '../helpers/mcp.js';
import { peopleRows, portalState, useImportDir, writeCsv } from '../import/helpers.js';

/**
 * A 30,000-row import that takes tens of seconds (a budget of 40 requests a second against the
 * sandbox): as an MCP task polled to its result, detached as a job and followed with get_job,
 * and cancelled half-way (cancel_job, tasks/cancel) then run again. Spoken to by the SDK client.
 */
const ROWS = 30_000;
const COMPANIES = 300;
const SLOW = { rateLimit: 40, limiter: { windowMs: 1_000, searchPerSecond: 40 } };
const FAST = { rateLimit: 1_000, limiter: { windowMs: 1_000, searchPerSecond: 200 } };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The tool's answer without what differs between two runs of it (its change id). */
const comparable = (data: Record<string, unknown>) => {
  const { changeId: _changeId, ...rest } = data;
  return rest;
};

describe('a 30,000-row import as a long job', () => {
  const files = useImportDir();
  const open: Array<{ close(): Promise<void> }> = [];
  afterEach(async () => {
    for (const o of open.splice(0).reverse()) await o.close();
  });

  const start = async (options: Parameters<typeof connectInMemory>[1] = {}, sandbox?: Sandbox) => {
    const portal =
      sandbox ?? (await startSandbox({ seed: false, rateLimit: 100_000, searchPerSecond: 1_000 }));
    if (!sandbox) open.push(portal);
    const mcp = await connectInMemory(portal, { importDir: files.dir, hubspot: SLOW, ...options });
    open.push(mcp);
    return { sandbox: portal, mcp };
  };

  /** get_job until the job has ended (or `until` holds). */
  const follow = async (
    client: Client,
    jobId: string,
    until: (job: { status: string; done: number }) => boolean = (job) => job.status !== 'running',
  ) => {
    for (;;) {
      const got = await callTool(client, 'get_job', { jobId });
      expect(got.data.job.jobId).toBe(jobId);
      if (until(got.data.job)) return got;
      await sleep(500);
    }
  };

  /** Every contact and company exactly once, every row's pair linked, and the journal lists exactly what was created. */
  const expectComplete = async (sandbox: Sandbox, journal: JournalStore) => {
    const state = portalState(sandbox);
    expect(state.contacts).toHaveLength(ROWS);
    expect(state.companies).toHaveLength(COMPANIES);
    expect([...state.byEmail.values()].every((ids) => ids.length === 1)).toBe(true);
    expect([...state.byDomain.values()].every((ids) => ids.length === 1)).toBe(true);
    for (const c of state.contacts) {
      const links = sandbox.portal.associations('contacts', c.id, 'companies').map((l) => l.toObjectId);
      expect(links).toEqual(state.byDomain.get(c.properties.email!.split('@')[1]!));
    }
    const { entries } = await journal.list({ limit: 100 });
    const created = entries.flatMap((e) => (e.change.kind === 'records' ? e.change.created : []));
    const ids = (type: string) => created.filter((r) => r.type.name === type).map((r) => r.id);
    expect(ids('contacts').sort()).toEqual(state.contacts.map((c) => c.id).sort());
    expect(ids('companies').sort()).toEqual(state.companies.map((c) => c.id).sort());
    const linked = entries.flatMap((e) =>
      e.change.kind === 'records' ? (e.change.links?.pairs ?? []).map((p) => `${p.fromId}>${p.toId}`) : [],
    );
    expect(new Set(linked).size).toBe(ROWS);
    expect(linked).toHaveLength(ROWS);
  };

  it('(a) as a task, polled to its result, and (b) detached, followed with get_job to the same result', async () => {
    await writeCsv(files.dir, 'people.csv', peopleRows(ROWS, COMPANIES));
    const args = { file: 'people.csv' };

    // (a) A host with MCP tasks: the task at once, progress with totals, tasks/get to the end.
    const a = await start();
    const { tools } = await a.mcp.client.listTools();
    expect(tools.find((t) => t.name === 'import_contact_company_pairs')?.execution).toEqual({
      taskSupport: 'optional',
    });
    const progress: Progress[] = [];
    const statuses: string[] = [];
    let taskResult: CallToolResult | undefined;
    let taskId = '';
    for await (const message of a.mcp.client.experimental.tasks.callToolStream(
      { name: 'import_contact_company_pairs', arguments: args },
      CallToolResultSchema,
      { task: { ttl: 600_000 }, onprogress: (p) => progress.push(p), timeout: 120_000 },
    )) {
      if (message.type === 'taskCreated') {
        expect(message.task.status).toBe('working');
        taskId = message.task.taskId;
      }
      if (message.type === 'taskStatus') statuses.push(message.task.status);
      if (message.type === 'result') taskResult = message.result;
      if (message.type === 'error') throw message.error;
    }
    expect(statuses.filter((s) => s === 'working').length).toBeGreaterThan(1);
    expect(statuses.at(-1)).toBe('completed');
    expect(progress.length).toBeGreaterThan(1);
    for (const p of progress) expect(p.total).toBe(ROWS);
    expect(progress.at(-1)?.progress).toBe(ROWS);
    const done = taskResult?.structuredContent as Record<string, unknown>;
    expect(taskResult?.isError ?? false).toBe(false);
    expect(done).toMatchObject({
      rows: ROWS,
      counts: { contactsCreated: ROWS, companiesCreated: COMPANIES, associated: ROWS, failed: 0 },
    });
    // tasks/list shows it, and get_job answers for the task id with the same result.
    const listed = await a.mcp.client.experimental.tasks.listTasks();
    expect(listed.tasks.find((t) => t.taskId === taskId)?.status).toBe('completed');
    const got = await callTool(a.mcp.client, 'get_job', { jobId: taskId });
    expect(comparable(got.data.result)).toEqual(comparable(done));
    expect(got.data.result.changeId).toBe(done.changeId);

    // (b) A host without tasks, whose timeout (15 s) is longer than the detach time (5 s).
    const b = await start({ jobDetachMs: 5_000 });
    const answer = await b.mcp.client.callTool(
      { name: 'import_contact_company_pairs', arguments: args },
      undefined,
      { timeout: 15_000 },
    );
    const job = (
      answer.structuredContent as { job: { jobId: string; status: string; done: number; total: number } }
    ).job;
    expect(job).toMatchObject({ status: 'running', total: ROWS });
    expect(job.done).toBeLessThan(ROWS);
    expect((answer.content as Array<{ text: string }>)[0]?.text).toMatch(/get_job/);
    const followed = await follow(b.mcp.client, job.jobId);
    expect(followed.data.job).toMatchObject({
      status: 'done',
      done: ROWS,
      total: ROWS,
      tool: 'import_contact_company_pairs',
    });
    expect(followed.isError).toBe(false);
    // The same result the call (and the task) would have answered.
    expect(comparable(followed.data.result)).toEqual(comparable(done));
    expect(followed.text).toContain(`${ROWS} rows: ${ROWS} contacts created`);
  }, 240_000);

  /** Runs half of the import slowly, stops it with `cancel`, then runs it again on a fresh server. */
  const cancelledThenRerun = async (
    cancel: (client: Client, jobId: string) => Promise<void>,
    asTask: boolean,
  ) => {
    await writeCsv(files.dir, 'people.csv', peopleRows(ROWS, COMPANIES));
    const journal = createMemoryJournal();
    const first = await start({ journal, jobDetachMs: 2_000 });
    let jobId: string;
    if (asTask) {
      const created = await first.mcp.client.request(
        {
          method: 'tools/call',
          params: { name: 'import_contact_company_pairs', arguments: { file: 'people.csv' }, task: {} },
        },
        CreateTaskResultSchema,
      );
      jobId = created.task.taskId;
    } else {
      const answer = await callTool(first.mcp.client, 'import_contact_company_pairs', { file: 'people.csv' });
      jobId = answer.data.job.jobId;
    }
    await follow(first.mcp.client, jobId, (job) => job.done >= ROWS / 2);
    await cancel(first.mcp.client, jobId);
    const stopped = await follow(first.mcp.client, jobId);
    expect(stopped.data.job.status).toBe('cancelled');
    const report = stopped.data.result;
    expect(report.counts.cancelled).toBeGreaterThan(0);
    expect(report.counts.cancelled).toBeLessThan(ROWS);
    expect(report.counts.failed).toBe(0);
    expect(report.changeId).toMatch(/^chg_/);
    expect(stopped.text).toMatch(/cancelled before they were reached: run it again/);
    // Nothing more is written once it has stopped.
    const atStop = portalState(first.sandbox).contacts.length;
    expect(atStop).toBeLessThan(ROWS);

    // Run again (a fresh server, as after a restart): done rows are found, the rest finished.
    const again = await start({ journal, hubspot: FAST }, first.sandbox);
    const second = await callTool(again.mcp.client, 'import_contact_company_pairs', { file: 'people.csv' });
    expect(second.isError).toBe(false);
    expect(second.data.counts).toMatchObject({ failed: 0, rows: ROWS });
    expect(second.data.counts.cancelled ?? 0).toBe(0);
    await expectComplete(first.sandbox, journal);
  };

  it('(c) cancelled half-way with cancel_job, then run again: every record once, every pair linked, the journal exact', async () => {
    await cancelledThenRerun(async (client, jobId) => {
      const cancelled = await callTool(client, 'cancel_job', { jobId });
      expect(cancelled.isError).toBe(false);
      expect(cancelled.data.job.jobId).toBe(jobId);
      // Cancelling again changes nothing and says so.
      await follow(client, jobId);
      const again = await callTool(client, 'cancel_job', { jobId });
      expect(again.text).toMatch(/changes nothing/);
      expect(again.data.job.status).toBe('cancelled');
    }, false);
  }, 240_000);

  it('(c) cancelled half-way with tasks/cancel, then run again: the same', async () => {
    await cancelledThenRerun(async (client, jobId) => {
      const task = await client.experimental.tasks.cancelTask(jobId);
      expect(task.status).toBe('cancelled');
      // tasks/result waits for the report of what it did before it stopped.
      const result = await client.experimental.tasks.getTaskResult(jobId, CallToolResultSchema);
      expect(
        (result.structuredContent as { counts: Record<string, number> }).counts.cancelled,
      ).toBeGreaterThan(0);
      // A cancelled task cannot be cancelled again (spec: -32602).
      await expect(client.experimental.tasks.cancelTask(jobId)).rejects.toThrow(/terminal/);
    }, true);
  }, 240_000);
});
