import { z } from 'zod';
import type { Found } from '../domain/jobs/jobs.js';
import type { JobView } from '../domain/jobs/types.js';
import { InputError } from '../hubspot/errors.js';
import { quote } from './callErrors.js';

/** What a job that no process runs any more tells the one waiting for its answer. */
export const LOST = (tool: string) =>
  `the server running it stopped before it finished (its lease lapsed). Run ${tool} again with the same input: what it did is found, not repeated; list_changes shows what was journaled.`;

/** A job as get_job, cancel_job and a detached answer show it. */
export const jobOut = z.object({
  jobId: z.string(),
  status: z.enum(['running', 'done', 'failed', 'cancelled', 'lost']),
  done: z.number(),
  total: z.number(),
  tool: z.string().optional(),
  message: z.string().optional(),
  startedAt: z.string().optional(),
  updatedAt: z.string().optional(),
  cancelRequested: z.boolean().optional(),
});

export type JobOut = z.infer<typeof jobOut>;

/** The job's fields, times as ISO text. */
export function jobData(view: JobView): JobOut {
  return {
    jobId: view.jobId,
    status: view.status,
    done: Math.round(view.done),
    total: Math.round(view.total),
    tool: view.tool,
    ...(view.message ? { message: view.message } : {}),
    startedAt: new Date(view.createdAt).toISOString(),
    updatedAt: new Date(view.updatedAt).toISOString(),
    ...(view.cancelRequested ? { cancelRequested: true } : {}),
  };
}

/** "12000 of 30000" (or "12000 done" while the total is unknown). */
export const progressText = (view: Pick<JobView, 'done' | 'total'>): string =>
  view.total > 0 ? `${Math.round(view.done)} of ${Math.round(view.total)}` : `${Math.round(view.done)} done`;

/** The tool's one-line summary inside a stored answer (its first text content). */
export function summaryOf(result: unknown): string | undefined {
  const first = (result as { content?: Array<{ type?: string; text?: string }> } | undefined)?.content?.[0];
  return first?.type === 'text' ? first.text : undefined;
}

/** The tool's structured answer inside a stored one. */
export function structuredOf(result: unknown): Record<string, unknown> | undefined {
  return (result as { structuredContent?: Record<string, unknown> } | undefined)?.structuredContent;
}

export const jobId = z.string().min(1).max(100);

/** An unknown or expired job id: the same clear error for get_job and cancel_job. */
export function unknownJob(id: string): InputError {
  return new InputError(
    'jobId',
    `no job ${quote(id, 40)}: unknown, or it ended more than an hour ago`,
    'use the jobId a tool answered with; list_changes shows what finished jobs changed',
  );
}

/** One line on a job: progress while it runs, else its own answer's summary. */
export function describeJob(found: Found): string {
  const { view } = found;
  const head = `Job ${view.jobId} (${view.tool})`;
  if (view.status === 'running')
    return `${head} is running: ${progressText(view)}${view.message ? ` (${view.message})` : ''}. Call get_job again in a few seconds; cancel_job stops it.`;
  if (view.status === 'lost') return `${head} is lost: ${LOST(view.tool)}`;
  const said = summaryOf(found.result)?.replace(/^\[sandbox\] /, '');
  return `${head} ${view.status}${said ? `: ${said}` : '.'}`;
}
