import type { TaskStore } from '@modelcontextprotocol/sdk/experimental/tasks/interfaces.js';
import { ErrorCode, McpError, type Result, type Task } from '@modelcontextprotocol/sdk/types.js';
import type { Jobs } from '../domain/jobs/jobs.js';
import { JOB_LIMITS, type JobView } from '../domain/jobs/types.js';
import { LOST, progressText } from './jobOutput.js';

/** How often a host should poll a task (tasks/get); tasks/result blocks, polling as often. */
export const TASK_POLL_MS = 1_000;

const STATUS = {
  running: 'working',
  done: 'completed',
  failed: 'failed',
  cancelled: 'cancelled',
  lost: 'failed',
} as const satisfies Record<JobView['status'], Task['status']>;

/**
 * A job as an MCP task (spec 2025-11-25): the ids are the same. Asked to stop, it is `cancelled`
 * at once (the spec's rule) while it stops at its next batch boundary; tasks/result then waits
 * for the report of what it did.
 */
export function toTask(view: JobView): Task {
  const status = view.status === 'running' && view.cancelRequested ? 'cancelled' : STATUS[view.status];
  const said = view.status === 'lost' ? `lost: ${LOST(view.tool)}` : view.message;
  return {
    taskId: view.jobId,
    status,
    statusMessage: `${view.tool}: ${progressText(view)}${said ? `; ${said}` : ''}`,
    createdAt: new Date(view.createdAt).toISOString(),
    lastUpdatedAt: new Date(view.updatedAt).toISOString(),
    // Kept an hour after it ends (so at least an hour from creation), at most 200 finished jobs.
    ttl: JOB_LIMITS.retentionMs,
    pollInterval: TASK_POLL_MS,
  };
}

const notFound = (taskId: string) =>
  new McpError(
    ErrorCode.InvalidParams,
    `Task not found: ${taskId.slice(0, 80)} (unknown, or ended more than an hour ago)`,
  );

/**
 * The SDK's TaskStore seam over our jobs, so its tasks/get, tasks/result, tasks/list and
 * tasks/cancel handlers (and the capability checks) serve them. Tasks are created by our own
 * tools/call handler (tools/jobCall.ts), never through createTask.
 */
export function createTaskStore(jobs: Jobs): TaskStore {
  return {
    async createTask() {
      throw new Error('tasks start with tools/call (tools/jobCall.ts)');
    },
    async getTask(taskId) {
      const found = await jobs.get(taskId);
      return found ? toTask(found.view) : null;
    },
    async storeTaskResult() {
      throw new Error("a task's result is its job's (tools/jobCall.ts)");
    },
    async getTaskResult(taskId) {
      const found = await jobs.settle(taskId);
      if (!found) throw notFound(taskId);
      if (found.result !== undefined) return found.result as Result;
      const text = `${found.view.tool} failed: ${found.view.status === 'lost' ? LOST(found.view.tool) : 'it stopped without an answer; the server log says why.'}`;
      return { isError: true, content: [{ type: 'text', text }] };
    },
    async updateTaskStatus(taskId, status) {
      // The SDK's tasks/cancel (only): the job stops at its next batch boundary.
      if (status === 'cancelled' && !(await jobs.cancel(taskId, 'tasks/cancel'))) throw notFound(taskId);
    },
    async listTasks(cursor, sessionId) {
      try {
        const page = await jobs.list({ cursor, session: sessionId, limit: 20 });
        return { tasks: page.jobs.map(toTask), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
      } catch (error) {
        throw new McpError(ErrorCode.InvalidParams, error instanceof Error ? error.message : String(error));
      }
    },
  };
}
