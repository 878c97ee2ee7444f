import { describeJob, jobData, jobId, jobOut, unknownJob } from './jobOutput.js';
import { defineTool } from './types.js';

/** How long cancel_job waits for the job to reach its next batch boundary before it answers. */
const STOP_WAIT_MS = 5_000;

export const cancelJob = defineTool({
  name: 'cancel_job',
  title: 'Cancel job',
  description: 'Stops a job at its next batch (journaled).',
  inputSchema: { jobId },
  outputSchema: { job: jobOut },
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async handler(deps, args) {
    const asked = await deps.jobs.cancel(args.jobId, 'cancel_job');
    if (!asked) throw unknownJob(args.jobId);
    if (!asked.changed && asked.view.status !== 'running') {
      return {
        data: { job: jobData(asked.view) },
        summary: `Cancelling changes nothing: it had already ended. ${describeJob(asked)}`,
      };
    }
    // Most jobs reach a batch boundary within seconds: answer with what it did when it does.
    const found = (await deps.jobs.settle(args.jobId, STOP_WAIT_MS)) ?? asked;
    const stopping = found.view.status === 'running';
    const note = asked.changed ? '' : ' (it was already stopping)';
    return {
      data: { job: jobData(found.view) },
      summary: stopping
        ? `Job ${found.view.jobId} stops at its next batch${note}; get_job shows its report (what it did, journaled) once it has.`
        : `${describeJob(found)}${note}`,
    };
  },
});
