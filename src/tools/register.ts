import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { createCaller } from './call.js';
import { ToolCallRequest } from './callErrors.js';
import { createJobCalls } from './jobCall.js';
import type { Toolset } from './listing.js';
import type { ToolDeps } from './types.js';

export { prepareToolset, type Toolset } from './listing.js';

/** Default HUBSPOT_JOB_DETACH_S: a long call still running after this answers with a job. */
export const JOB_DETACH_MS = 20_000;

/**
 * Serves tools/list and tools/call from the registry. tools/list is a prompt the agent pays for on
 * every turn, so it is answered with compact schemas computed once (listing.ts); tools/call is
 * call.ts (full zod validation, journal, formatting). Long tools run as jobs (jobCall.ts): as an
 * MCP task when the client asks for one (the SDK's tasks/* handlers serve them through
 * tasks.ts), else detached after `detachMs`.
 */
export function registerTools(
  server: McpServer,
  toolset: Toolset,
  deps: ToolDeps,
  options: { detachMs?: number } = {},
): void {
  server.server.registerCapabilities({ tools: { listChanged: false } });
  server.server.setRequestHandler(ListToolsRequestSchema, () => toolset.listing);
  const caller = createCaller(server, toolset, deps);
  const jobs = createJobCalls(server, toolset, deps, caller, options.detachMs ?? JOB_DETACH_MS);
  server.server.setRequestHandler(ToolCallRequest, async (request, extra) => {
    const call = request.params;
    if (call.task && !call.problem) return jobs.task(call, extra);
    if (toolset.byName.get(call.name)?.tool.longRunning && !call.problem) return jobs.detachable(call, extra);
    return caller(call, extra);
  });
}
