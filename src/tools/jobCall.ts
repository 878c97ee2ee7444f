import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import {
  type CallToolResult,
  type CreateTaskResult,
  ErrorCode,
  McpError,
  RELATED_TASK_META_KEY,
  type ServerNotification,
} from '@modelcontextprotocol/sdk/types.js';
import type { JobHandle } from '../domain/jobs/jobs.js';
import type { Caller } from './call.js';
import { type Call, internalErrorResult, quote } from './callErrors.js';
import { progressText } from './jobOutput.js';
import type { Toolset } from './listing.js';
import { toTask } from './tasks.js';
import type { ToolDeps, ToolExtra } from './types.js';

const judge = (result: CallToolResult) => (result.isError ? 'failed' : 'done');

/**
 * A task's notification carries its related-task `_meta` (spec 2025-11-25) and goes out on the
 * session's stream: its request was answered long ago. (The SDK's `relatedTask` option would queue
 * it for tasks/result instead, which a host polling tasks/get never reads.)
 */
function relatedTo(n: ServerNotification, taskId: string): ServerNotification {
  const params = { ...n.params, _meta: { ...n.params?._meta, [RELATED_TASK_META_KEY]: { taskId } } };
  return { ...n, params } as ServerNotification;
}

/**
 * The handler's view of a call run as a job: the job's signal, and progress kept for get_job and
 * tasks/get (a progress token is made up when the client gave none) and passed on while someone
 * listens (`forward`), under the client's own token.
 */
function jobExtra(
  extra: ToolExtra,
  job: JobHandle<CallToolResult>,
  forward: (n: ServerNotification) => Promise<void> | undefined,
): ToolExtra {
  const token = extra._meta?.progressToken;
  return {
    ...extra,
    signal: job.signal,
    _meta: { ...extra._meta, progressToken: token ?? job.jobId },
    sendNotification: async (n) => {
      if (n.method !== 'notifications/progress') return forward(n)?.catch(() => {});
      const { progress, total, message } = n.params;
      job.progress(progress, total ?? 0, message);
      if (token !== undefined)
        await forward({ ...n, params: { ...n.params, progressToken: token } })?.catch(() => {});
    },
  };
}

/**
 * Long tools (ToolDefinition.longRunning) run as jobs (docs/DESIGN.md "Long jobs"). Asked as an
 * MCP task, the call answers the task at once. Otherwise it answers in time as usual or, still
 * running after `detachMs`, with `{ job }` and a summary that says to call get_job: the work goes
 * on, and from then on only cancel_job or tasks/cancel stop it. Before that, the client
 * cancelling (notifications/cancelled, its session closing) stops it at the next batch boundary,
 * with what it did journaled.
 */
export function createJobCalls(
  server: McpServer,
  toolset: Toolset,
  deps: ToolDeps,
  caller: Caller,
  detachMs: number,
) {
  async function detachable(call: Call, extra: ToolExtra): Promise<CallToolResult> {
    let listening = true;
    const job = deps.jobs.start(
      { tool: call.name, ...(extra.sessionId ? { session: extra.sessionId } : {}) },
      (handle) =>
        caller(
          call,
          jobExtra(extra, handle, (n) => (listening ? extra.sendNotification(n) : undefined)),
        ),
      judge,
    );
    const cancel = () => job.cancel('the client cancelled the call');
    extra.signal.addEventListener('abort', cancel, { once: true });
    if (extra.signal.aborted) cancel();
    let timer: NodeJS.Timeout | undefined;
    const due = new Promise<'due'>((resolve) => {
      timer = setTimeout(() => resolve('due'), detachMs);
    });
    const first = await Promise.race([job.finished, due]);
    clearTimeout(timer);
    extra.signal.removeEventListener('abort', cancel);
    // Finished in time, or cancelled before it detached: the answer (the report of what it did).
    if (first !== 'due' || job.signal.aborted || job.view().status !== 'running') return answerOf(job);
    try {
      await job.publish();
    } catch (error) {
      deps.logger.warning(`${call.name} could not be detached as a job; it answers when done`, { error });
      return answerOf(job);
    }
    listening = false;
    return detached(job.view(), detachMs);
  }

  async function answerOf(job: JobHandle<CallToolResult>): Promise<CallToolResult> {
    const { result } = await job.finished;
    return result ?? internalErrorResult(new Error('the job ended without an answer'), deps, job.view().tool);
  }

  function detached(view: ReturnType<JobHandle<CallToolResult>['view']>, ms: number): CallToolResult {
    const data = {
      job: {
        jobId: view.jobId,
        status: 'running',
        done: Math.round(view.done),
        total: Math.round(view.total),
      },
      ...(deps.sandbox ? { sandbox: true } : {}),
    };
    const text = `${view.tool} is still running after ${Math.round(ms / 1000)} s and goes on as job ${view.jobId} (${progressText(view)}). Call get_job with {"jobId":"${view.jobId}"} for its progress and, once it ends, its result; cancel_job stops it.`;
    const summary = deps.sandbox ? `[sandbox] ${text}` : text;
    return {
      content: [
        { type: 'text', text: summary },
        { type: 'text', text: JSON.stringify(data) },
      ],
      structuredContent: data,
    };
  }

  async function task(call: Call, extra: ToolExtra): Promise<CreateTaskResult> {
    if (!toolset.byName.get(call.name)?.tool.longRunning) {
      throw new McpError(
        ErrorCode.MethodNotFound,
        `${quote(call.name)} does not run as a task (taskSupport forbidden): call it without "task"`,
      );
    }
    const job = deps.jobs.start(
      { tool: call.name, ...(extra.sessionId ? { session: extra.sessionId } : {}) },
      (handle) =>
        caller(
          call,
          jobExtra(extra, handle, (n) => server.server.notification(relatedTo(n, handle.jobId))),
          { taskId: handle.jobId },
        ),
      judge,
    );
    try {
      await job.publish();
    } catch (error) {
      job.cancel('its task could not be stored');
      throw new McpError(
        ErrorCode.InternalError,
        `the task could not be stored: ${error instanceof Error ? error.message : error}`,
      );
    }
    return {
      task: toTask(job.view()),
      _meta: {
        'io.modelcontextprotocol/model-immediate-response': `${call.name} runs as task ${job.jobId}; its result comes when it ends (get_job ${job.jobId} shows progress).`,
      },
    };
  }

  return { detachable, task };
}
