import { z } from 'zod';
import { describeJob, jobData, jobId, jobOut, structuredOf, unknownJob } from './jobOutput.js';
import { defineTool } from './types.js';

export const getJob = defineTool({
  name: 'get_job',
  title: 'Get job',
  description: "Progress and result of a long call's job.",
  inputSchema: { jobId },
  outputSchema: { job: jobOut, result: z.record(z.string(), z.unknown()).optional() },
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
  async handler(deps, args) {
    const found = await deps.jobs.get(args.jobId);
    if (!found) throw unknownJob(args.jobId);
    const result = structuredOf(found.result);
    return {
      data: { job: jobData(found.view), ...(result ? { result } : {}) },
      summary: describeJob(found),
      isError: found.view.status === 'failed' || found.view.status === 'lost',
    };
  },
});
