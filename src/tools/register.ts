import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { type CallToolResult, ListToolsRequestSchema, type Tool } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { type Change, InterruptedChange, isEmptyChange } from '../domain/journal/changes.js';
import { HubSpotError, InputError } from '../hubspot/errors.js';
import {
  errorResult,
  internalErrorResult,
  invalidInput,
  missingAsRequired,
  quote,
  ToolCallRequest,
} from './callErrors.js';
import { askerFor } from './confirm.js';
import type { ToolDefinition, ToolDeps } from './types.js';

const SAFE = Number.MAX_SAFE_INTEGER;

/** Keys that cost the agent tokens on every turn and tell it nothing the descriptions don't. */
const NOISE = new Set(['$schema', 'minLength', 'maxLength', 'propertyNames', 'pattern', 'exclusiveMinimum']);

/**
 * The listed JSON Schema without that noise (nor safe-integer bounds and closed-object markers).
 * The full zod schemas (lengths, id patterns) still validate every call on the server, and their
 * errors name the field.
 */
function compact(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(compact);
  if (schema === null || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (NOISE.has(key) || (key === 'additionalProperties' && value === false)) continue;
    if ((key === 'maximum' && value === SAFE) || (key === 'minimum' && value === -SAFE)) continue;
    out[key] = compact(value);
  }
  return out;
}

/**
 * Output schemas name their top-level fields and no more: the agent reads the values in each
 * result, and every character here is paid on every turn (the zod schema still checks everything).
 */
function shallow(schema: Record<string, unknown>): Record<string, unknown> {
  const names = Object.keys((schema.properties ?? {}) as Record<string, unknown>);
  return { type: 'object', properties: Object.fromEntries(names.map((name) => [name, {}])) };
}

function listEntry(tool: ToolDefinition): Tool {
  const schema = (shape: z.ZodRawShape, io: 'input' | 'output') =>
    compact(z.toJSONSchema(z.object(shape), { io, unrepresentable: 'any' })) as Tool['inputSchema'];
  return {
    name: tool.name,
    title: tool.title,
    description: tool.description,
    inputSchema: schema(tool.inputSchema, 'input'),
    outputSchema: shallow(
      schema(tool.outputSchema, 'output') as Record<string, unknown>,
    ) as Tool['outputSchema'],
    annotations: tool.annotations,
    ...(tool._meta ? { _meta: tool._meta } : {}),
  };
}

/** The tools a server serves and their tools/list answer, built once per process and shared by every session. */
export interface Toolset {
  listing: { tools: Tool[] };
  byName: ReadonlyMap<string, { tool: ToolDefinition; input: z.ZodObject; output: z.ZodObject }>;
}

export function prepareToolset(tools: readonly ToolDefinition[]): Toolset {
  return {
    listing: { tools: tools.map(listEntry) },
    byName: new Map(
      tools.map((tool) => [
        tool.name,
        { tool, input: z.object(tool.inputSchema), output: z.object(tool.outputSchema) },
      ]),
    ),
  };
}

/**
 * Serves tools/list and tools/call from the registry. tools/list is a prompt the agent pays for on
 * every turn, so it is answered with compact schemas computed once; tools/call validates input with
 * the full zod schemas and turns every mistake into a tool error that names the field (with the
 * sandbox mark, like every other result). An unexpected failure becomes a tool error with a
 * reference for the server log: no message, stack or path from inside reaches the client.
 */
export function registerTools(server: McpServer, toolset: Toolset, deps: ToolDeps): void {
  const known = [...toolset.byName.keys()].join(', ');
  server.server.registerCapabilities({ tools: { listChanged: false } });
  server.server.setRequestHandler(ListToolsRequestSchema, () => toolset.listing);
  server.server.setRequestHandler(ToolCallRequest, async (request, extra): Promise<CallToolResult> => {
    const call = request.params;
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
      const ask = askerFor(server, extra);
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
      } else result = internalErrorResult(error, deps, name);
      const recorded =
        interrupted && (await record(deps, server, name, interrupted.change).catch(() => undefined));
      return recorded ? withChange(result, recorded) : result;
    }
  });
}

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
