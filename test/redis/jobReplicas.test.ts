import { CallToolResultSchema, CreateTaskResultSchema } from '@modelcontextprotocol/sdk/types.js';
import { type Sandbox, startSandbox } from 'hubspot-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { followJob } from '../helpers/jobs.js';
import { callTool } from '../helpers/mcp.js';
import { type RedisServer, startRedis } from '../helpers/redis.js';
import { type Replica, startReplica } from '../helpers/replica.js';
import { peopleRows, useImportDir, writeCsv } from '../import/helpers.js';

// The built CLI (`npm test` builds first; run `npm run build` before vitest alone).

/**
 * Two stateless HTTP replicas on one Redis: a job runs on the replica that started it, and any
 * replica answers get_job, cancel_job and tasks/* for it; when its replica dies, it is `lost`.
 */
describe('long jobs across replicas (real redis-server, built server)', () => {
  const files = useImportDir(false);
  let redis: RedisServer;
  let sandbox: Sandbox;
  let a: Replica;
  let b: Replica;

  beforeAll(async () => {
    redis = await startRedis();
    sandbox = await startSandbox({ seed: false, rateLimit: 100_000, searchPerSecond: 1_000 });
    const env = {
      HUBSPOT_API_BASE_URL: sandbox.url,
      HUBSPOT_ACCESS_TOKEN: sandbox.token,
      HUBSPOT_RATE_LIMIT: '40',
      HUBSPOT_RATE_WINDOW_MS: '1000',
      HUBSPOT_JOB_DETACH_S: '2',
      HUBSPOT_IMPORT_DIR: files.dir,
      HUBSPOT_STATE_DIR: '/nonexistent/journal-must-be-in-redis',
      REDIS_URL: redis.url,
      LOG_LEVEL: 'info', // startReplica waits for the "listening" line
    };
    [a, b] = await Promise.all([startReplica(env), startReplica(env)]);
  });
  afterAll(async () => {
    await Promise.all([a?.kill('SIGKILL'), b?.kill('SIGKILL')]);
    await sandbox?.close();
    await redis?.stop();
  });

  it("a job started on one replica is followed and cancelled through the other, as a job and as a task; a dead replica's job is lost", async () => {
    await writeCsv(files.dir, 'people.csv', peopleRows(30_000, 300));
    const onA = await a.client('starter');
    const onB = await b.client('follower');

    // Detached on A after 2 s; B follows it and cancels it.
    const started = await callTool(onA, 'import_contact_company_pairs', { file: 'people.csv' });
    const { jobId } = started.data.job;
    expect(started.data.job).toMatchObject({ status: 'running', total: 30_000 });
    const seen = await followJob(onB, jobId, (job) => job.done >= 3_000);
    expect(seen.data.job).toMatchObject({
      status: 'running',
      tool: 'import_contact_company_pairs',
      total: 30_000,
    });
    const cancelled = await callTool(onB, 'cancel_job', { jobId });
    expect(cancelled.isError).toBe(false);
    const stopped = await followJob(onB, jobId, (job) => job.status !== 'running');
    expect(stopped.data.job.status).toBe('cancelled');
    expect(stopped.data.result.counts.cancelled).toBeGreaterThan(0);
    expect(stopped.data.result.changeId).toMatch(/^chg_/);
    const listed = await callTool(onB, 'list_changes', {});
    expect(listed.data.changes[0].changeId).toBe(stopped.data.result.changeId);
    // A says the same about it.
    expect((await callTool(onA, 'get_job', { jobId })).data.job.status).toBe('cancelled');

    // As a task on A: tasks/get, tasks/cancel and tasks/result through B.
    const created = await onA.request(
      {
        method: 'tools/call',
        params: { name: 'import_contact_company_pairs', arguments: { file: 'people.csv' }, task: {} },
      },
      CreateTaskResultSchema,
    );
    const taskId = created.task.taskId;
    await followJob(onB, taskId, (job) => job.done >= 1);
    expect((await onB.experimental.tasks.getTask(taskId)).status).toBe('working');
    expect((await onB.experimental.tasks.cancelTask(taskId)).status).toBe('cancelled');
    const report = await onB.experimental.tasks.getTaskResult(taskId, CallToolResultSchema);
    expect((report.structuredContent as { counts: Record<string, number> }).counts.rows).toBe(30_000);
    expect((await onA.experimental.tasks.getTask(taskId)).status).toBe('cancelled');

    // A replica dies with a job running: the other says `lost` within a lease (30 s), and how to resume.
    const doomed = await callTool(onA, 'import_contact_company_pairs', { file: 'people.csv' });
    const lostId = doomed.data.job.jobId as string;
    await a.kill('SIGKILL');
    const lost = await followJob(onB, lostId, (job) => job.status !== 'running');
    expect(lost.data.job.status).toBe('lost');
    expect(lost.isError).toBe(true);
    expect(lost.text).toMatch(/Run import_contact_company_pairs again with the same input/);
    const refused = await callTool(onB, 'cancel_job', { jobId: lostId });
    expect(refused.text).toMatch(/changes nothing/);
  }, 150_000);
});
