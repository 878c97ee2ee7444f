import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { jobOut } from './jobOutput.js';
import type { ToolDefinition } from './types.js';

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

/** A long tool's answer may also be a detached job (`{ job }`, then get_job). */
const outputOf = (tool: ToolDefinition): z.ZodRawShape =>
  tool.longRunning ? { ...tool.outputSchema, job: jobOut.optional() } : tool.outputSchema;

function listEntry(tool: ToolDefinition): Tool {
  const schema = (shape: z.ZodRawShape, io: 'input' | 'output') =>
    compact(z.toJSONSchema(z.object(shape), { io, unrepresentable: 'any' })) as Tool['inputSchema'];
  return {
    name: tool.name,
    title: tool.title,
    description: tool.description,
    inputSchema: schema(tool.inputSchema, 'input'),
    outputSchema: shallow(
      schema(outputOf(tool), 'output') as Record<string, unknown>,
    ) as Tool['outputSchema'],
    annotations: tool.annotations,
    ...(tool._meta ? { _meta: tool._meta } : {}),
    // MCP tasks (spec 2025-11-25): the client may ask for a task; without one it detaches as a job.
    ...(tool.longRunning ? { execution: { taskSupport: 'optional' as const } } : {}),
  };
}

/** The tools a server serves and their tools/list answer, built once per process and shared by every session. */
export interface Toolset {
  listing: { tools: Tool[] };
  byName: ReadonlyMap<string, { tool: ToolDefinition; input: z.ZodObject; output: z.ZodObject }>;
  /** Some tool runs long: the server offers MCP tasks. */
  tasks: boolean;
}

export function prepareToolset(tools: readonly ToolDefinition[]): Toolset {
  return {
    listing: { tools: tools.map(listEntry) },
    byName: new Map(
      tools.map((tool) => [
        tool.name,
        { tool, input: z.object(tool.inputSchema), output: z.object(outputOf(tool)) },
      ]),
    ),
    tasks: tools.some((t) => t.longRunning),
  };
}
