import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
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

/** Registers tools on the server, wrapping each handler with validation errors, logging and the sandbox mark. */
export function registerTools(server: McpServer, tools: readonly ToolDefinition[], deps: ToolDeps): void {
  for (const tool of tools) {
    server.registerTool(
      tool.name,
      {
        title: tool.title,
        description: tool.description,
        inputSchema: tool.inputSchema,
        outputSchema: { ...tool.outputSchema, sandbox: z.boolean().optional() },
        annotations: tool.annotations,
      },
      async (args: Record<string, unknown>, extra) => {
        try {
          const result = await tool.handler(deps, args as never, extra);
          const data = deps.sandbox ? { ...result.data, sandbox: true } : result.data;
          const summary = deps.sandbox ? `[sandbox] ${result.summary}` : result.summary;
          return {
            content: [{ type: 'text', text: `${summary}\n${JSON.stringify(data)}` }],
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
}
