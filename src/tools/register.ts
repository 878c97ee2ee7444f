import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { type CallToolResult, ListToolsRequestSchema, type Tool } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { HubSpotError, InputError } from '../hubspot/errors.js';
import type { ToolDefinition, ToolDeps } from './types.js';

/** A tool error the agent can act on: the field (when known), what is wrong, and the fix. */
export function errorResult(error: InputError | HubSpotError, deps: ToolDeps, tool: string): CallToolResult {
  const detail =
    error instanceof InputError
      ? { field: error.field, message: error.message }
      : {
          status: error.status,
          category: error.category,
          correlationId: error.correlationId,
          message: error.hint,
        };
  const text = deps.logger.redact(`${tool} failed: ${detail.message}`);
  return {
    isError: true,
    content: [{ type: 'text', text: deps.sandbox ? `[sandbox] ${text}` : text }],
    structuredContent: { error: { ...detail, message: text }, ...(deps.sandbox ? { sandbox: true } : {}) },
  };
}

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

/** Only the type of a nested value: the agent reads the data itself; the text summary explains it. */
function typeOnly(schema: Record<string, unknown>): Record<string, unknown> {
  if (Array.isArray(schema.anyOf))
    return { anyOf: schema.anyOf.map((s) => typeOnly(s as Record<string, unknown>)) };
  return schema.type === undefined ? {} : { type: schema.type };
}

/** Output schemas list their top-level fields fully and nested values by type (the zod schema still checks everything). */
function shallow(schema: Record<string, unknown>): Record<string, unknown> {
  const properties = (schema.properties ?? {}) as Record<string, Record<string, unknown>>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(properties)) {
    out[key] = typeOnly(value);
  }
  return { type: 'object', properties: out };
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
  };
}

/** Registers tools on the server, wrapping each handler with validation errors, logging and the sandbox mark. */
/** The tools a server registers and their tools/list answer, built once per process and shared by every session. */
export interface Toolset {
  tools: readonly ToolDefinition[];
  listing: { tools: Tool[] };
}

export function prepareToolset(tools: readonly ToolDefinition[]): Toolset {
  return { tools, listing: { tools: tools.map(listEntry) } };
}

export function registerTools(server: McpServer, toolset: Toolset, deps: ToolDeps): void {
  const { tools, listing } = toolset;
  for (const tool of tools) {
    server.registerTool(
      tool.name,
      {
        title: tool.title,
        description: tool.description,
        inputSchema: tool.inputSchema,
        // Results in sandbox mode also carry `sandbox: true`; output schemas are open, so it needs no field.
        outputSchema: tool.outputSchema,
        annotations: tool.annotations,
      },
      async (args: Record<string, unknown>, extra) => {
        try {
          const result = await tool.handler(deps, args as never, extra);
          const data = deps.sandbox ? { ...result.data, sandbox: true } : result.data;
          const summary = deps.sandbox ? `[sandbox] ${result.summary}` : result.summary;
          return {
            // The one-line summary, then the same data as JSON for clients that ignore structuredContent.
            content: [
              { type: 'text', text: summary },
              { type: 'text', text: JSON.stringify(data) },
            ],
            structuredContent: data,
            ...(result.isError ? { isError: true } : {}),
          };
        } catch (error) {
          if (error instanceof InputError || error instanceof HubSpotError) {
            deps.logger.info(`${tool.name}: ${error.message}`, { status: (error as HubSpotError).status });
            return errorResult(error, deps, tool.name);
          }
          deps.logger.error(`${tool.name} crashed`, {
            error: error instanceof Error ? error.message : String(error),
          });
          throw error;
        }
      },
    );
  }
  // tools/list is a prompt the agent pays for on every turn: answer it with compact schemas
  // (computed once per process) instead of the SDK's verbose conversion. tools/call stays the SDK's.
  server.server.setRequestHandler(ListToolsRequestSchema, () => listing);
}
