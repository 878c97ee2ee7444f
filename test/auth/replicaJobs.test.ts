/**
 * Team mode (MCP_HTTP_AUTH=oauth) on two replicas and one Redis: a long call person A started on
 * one replica detaches, and the other replica answers get_job and cancel_job for it (the job runs
 * where it started); person B gets "unknown" for A's jobs on either replica.
 */
import { randomBytes } from 'node:crypto';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { type Sandbox, startSandbox } from 'hubspot-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { followJob } from '../helpers/jobs.js';
import { callTool } from '../helpers/mcp.js';
import { freePort, type RedisServer, startRedis } from '../helpers/redis.js';
import { clientOn, type Person, signIn, startTeam, type Team } from './team.js';

// Detach after 1 s; 5 HubSpot requests a second for the portal (shared through Redis): an import
// sends about one request per 40 rows, so 1,500 rows run for some 7 s and 5,000 for over 20 s.
const ENV = { HUBSPOT_JOB_DETACH_S: '1', HUBSPOT_RATE_LIMIT: '5', HUBSPOT_RATE_WINDOW_MS: '1000' };

const rows = (n: number, prefix: string) =>
  Array.from({ length: n }, (_, i) => ({
    contact: { email: `${prefix}${i}@${prefix}${i % 20}.example` },
    company: { name: `${prefix} ${i % 20}`, domain: `${prefix}${i % 20}.example` },
  }));

let redis: RedisServer;
let sandbox: Sandbox;
let one: Team;
let two: Team;
let a: Person;
let b: Person;
let aOnTwo: Client;
let bOnTwo: Client;

beforeAll(async () => {
  redis = await startRedis();
  sandbox = await startSandbox({
    seed: false,
    users: ['a@x.example', 'b@y.example'],
    rateLimit: 100_000,
    searchPerSecond: 1_000,
  });
  const key = randomBytes(32).toString('base64');
  one = await startTeam(sandbox.url, { redisUrl: redis.url, key, port: await freePort(), env: ENV });
  // The second replica serves the same public URL (behind one load balancer) from another port.
  two = await startTeam(sandbox.url, {
    redisUrl: redis.url,
    key,
    publicUrl: one.url,
    port: await freePort(),
    env: ENV,
  });
  // Both sign in through the public URL (replica one); each also gets a client on replica two.
  a = await signIn(one, 'a@x.example');
  b = await signIn(one, 'b@y.example');
  aOnTwo = await clientOn(two.port, a.token());
  bOnTwo = await clientOn(two.port, b.token());
}, 30_000);
afterAll(async () => {
  for (const c of [aOnTwo, bOnTwo, a?.client, b?.client]) await c?.close();
  for (const t of [one, two]) await t?.close();
  await sandbox?.close();
  await redis?.stop();
});

/** Person B, on either replica, is told the job is unknown (as identity.test.ts checks on one). */
async function refusedToB(jobId: string) {
  for (const client of [b.client, bOnTwo]) {
    for (const tool of ['get_job', 'cancel_job']) {
      const answer = await callTool(client, tool, { jobId });
      expect(answer.isError, tool).toBe(true);
      expect(answer.text).toMatch(/unknown, or it ended more than an hour ago/);
    }
    await expect(client.experimental.tasks.getTask(jobId)).rejects.toThrow(/not found/i);
  }
}

describe("team jobs across replicas: A's job is A's on every replica", () => {
  it('a call A started on replica one detaches; replica two shows it running, then done with the result', async () => {
    const started = await callTool(a.client, 'import_contact_company_pairs', { rows: rows(1_500, 'first') });
    expect(started.data.job.status).toBe('running');
    const jobId = started.data.job.jobId as string;

    const running = await callTool(aOnTwo, 'get_job', { jobId });
    expect(running.isError).toBe(false);
    expect(running.data.job).toMatchObject({
      jobId,
      status: 'running',
      tool: 'import_contact_company_pairs',
    });
    await refusedToB(jobId);

    const done = await followJob(aOnTwo, jobId, (job) => job.status !== 'running');
    expect(done.data.job.status).toBe('done');
    expect(done.data.result).toMatchObject({ dryRun: false, rows: 1_500, failures: [] });
    expect(sandbox.portal.findObjects('contacts')).toHaveLength(1_500);
    // Replica one, where it ran, says the same; B still gets nothing, finished or not.
    expect((await callTool(a.client, 'get_job', { jobId })).data.job.status).toBe('done');
    await refusedToB(jobId);

    // One job store: A's (B started none); no key names a person, only hashes.
    const indexes = redis.cli('--scan', '--pattern', '*:jobs:index').split('\n').filter(Boolean);
    expect(indexes).toHaveLength(1);
    expect(indexes.join('\n')).not.toMatch(/x\.example|y\.example|sandbox-client-id/);
  }, 90_000);

  it("cancel_job through replica two stops A's job running on replica one; B's cancel_job changes nothing", async () => {
    const started = await callTool(a.client, 'import_contact_company_pairs', { rows: rows(5_000, 'second') });
    const jobId = started.data.job.jobId as string;
    expect(started.data.job.status).toBe('running');
    await followJob(aOnTwo, jobId, (job) => job.done >= 1);

    await refusedToB(jobId);
    expect((await callTool(aOnTwo, 'get_job', { jobId })).data.job).not.toHaveProperty('cancelRequested');

    const cancelled = await callTool(aOnTwo, 'cancel_job', { jobId });
    expect(cancelled.isError).toBe(false);
    const stopped = await followJob(aOnTwo, jobId, (job) => job.status !== 'running');
    expect(stopped.data.job.status).toBe('cancelled');
    expect(stopped.data.result.counts.cancelled).toBeGreaterThan(0);
    expect((await callTool(a.client, 'get_job', { jobId })).data.job.status).toBe('cancelled');
  }, 90_000);
});
