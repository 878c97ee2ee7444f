import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { type Change, InterruptedChange, isEmptyChange } from '../domain/journal/changes.js';
import { CancelledError, HubSpotError, InputError } from '../hubspot/errors.js';
import {
  type Call,
  cancelledResult,
  errorResult,
  internalErrorResult,
  invalidInput,
  missingAsRequired,
  quote,
} from './callErrors.js';
import { askerFor } from './confirm.js';
import type { Toolset } from './listing.js';
import type { ToolDeps, ToolExtra } from './types.js';

/** How a call's questions reach the user: on its request's stream, or (a task) on the session's. */
export interface CallContext {
  /** A task: elicitation is related to it, not to the request (answered long ago). */
  taskId?: string;
}

/**
 * One tools/call from arguments to answer: validates them with the full zod schema (a mistake is a
 * tool error that names the field), runs the handler, checks its output, journals what it changed
 * (also when it stopped part-way) and formats `structuredContent` plus a one-line summary (with
 * the sandbox mark). An unexpected failure becomes a tool error with a reference for the server
 * log: no message, stack or path from inside reaches the client. Never throws.
 */
export function createCaller(server: McpServer, toolset: Toolset, deps: ToolDeps) {
  const known = [...toolset.byName.keys()].join(', ');
  return async (call: Call, extra: ToolExtra, context: CallContext = {}): Promise<CallToolResult> => {
    const name = call.name;
    const entry = toolset.byName.get(name);
    if (call.problem || !entry) {
      const { field, problem } = call.problem ?? { field: 'name', problem: `unknown tool ${quote(name)}` };
      const fix = field === 'name' ? `use one of: ${known}` : "send them as the tool's inputSchema describes";
      return errorResult(new InputError(field, problem, fix), deps, entry ? name : 'tools/call');
    }
    try {
      const parsed = entry.input.safeParse(call.arguments ?? {}, { error: missingAsRequired });
      if (!parsed.success) return errorResult(invalidInput(parsed.error), deps, name);
      const ask = askerFor(server, extra, context.taskId);
      const clientName = server.server.getClientVersion()?.name?.slice(0, 100);
      const callDeps = { ...deps, ...(ask ? { ask } : {}), ...(clientName ? { clientName } : {}) };
      const result = await entry.tool.handler(callDeps, parsed.data as never, extra);
      if (!result.isError && !entry.output.safeParse(result.data).success) {
        throw new Error(`${name} produced output that does not match its outputSchema`);
      }
      // Every write lands in the change journal, so list_changes shows it and undo_change reverts it.
      const recorded = await record(deps, server, name, result.change);
      const written = recorded ? { ...result.data, changeId: recorded } : result.data;
      const data = deps.sandbox ? { ...written, sandbox: true } : written;
      const said = recorded
        ? `${result.summary} Change ${recorded} (undo_change reverts it).`
        : result.summary;
      const notice = deps.notice?.();
      const noted = notice ? `${said} (Note: ${notice}.)` : said;
      const summary = deps.sandbox ? `[sandbox] ${noted}` : noted;
      return {
        // The one-line summary, then the same data as JSON for clients that ignore structuredContent.
        content: [
          { type: 'text', text: summary },
          { type: 'text', text: JSON.stringify(data) },
        ],
        structuredContent: data,
        ...(result.isError ? { isError: true } : {}),
      };
    } catch (thrown) {
      // A write that stopped part-way is journaled for what it did, so that part can be undone.
      const interrupted = thrown instanceof InterruptedChange ? thrown : undefined;
      const error = interrupted ? interrupted.error : thrown;
      let result: CallToolResult;
      if (error instanceof InputError || error instanceof HubSpotError) {
        deps.logger.info(`${name}: ${error.message}`, { status: (error as HubSpotError).status });
        result = errorResult(error, deps, name);
      } else if (error instanceof CancelledError) {
        deps.logger.info(`${name}: cancelled (${error.reason})`);
        result = cancelledResult(error, deps, name);
      } else result = internalErrorResult(error, deps, name);
      const recorded =
        interrupted && (await record(deps, server, name, interrupted.change).catch(() => undefined));
      return recorded ? withChange(result, recorded) : result;
    }
  };
}

export type Caller = ReturnType<typeof createCaller>;

/** An error result that also names the change journaled for the part done before the stop. */
function withChange(result: CallToolResult, changeId: string): CallToolResult {
  const note = ` What was done before it stopped is change ${changeId} (undo_change reverts it).`;
  const [first, ...rest] = result.content;
  return {
    ...result,
    content: first?.type === 'text' ? [{ ...first, text: first.text + note }, ...rest] : result.content,
    structuredContent: { ...result.structuredContent, changeId },
  };
}

/** Journals a write that changed something; returns its changeId. */
async function record(
  deps: ToolDeps,
  server: McpServer,
  tool: string,
  change: Change | undefined,
): Promise<string | undefined> {
  if (!change || isEmptyChange(change)) return undefined;
  const client = server.server.getClientVersion()?.name;
  const entry = await deps.journal.append({
    tool,
    change,
    ...(client ? { client: client.slice(0, 100) } : {}),
  });
  return entry.changeId;
}
