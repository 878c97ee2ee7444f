import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { callTool } from './connect.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** get_job through `client` until `until` holds; answers that get_job. */
export async function followJob(
  client: Client,
  jobId: string,
  until: (job: { status: string; done: number }) => boolean,
) {
  for (;;) {
    const got = await callTool(client, 'get_job', { jobId });
    if (until(got.data.job)) return got;
    await sleep(300);
  }
}
