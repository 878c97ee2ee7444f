import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import type { ServerNotification, ServerRequest, ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
import type { z } from 'zod';
import type { LabelCatalog } from '../associations/labels.js';
import type { PairWriter } from '../associations/pairWriter.js';
import type { RecordFinder } from '../associations/recordFinder.js';
import type { HubSpot } from '../hubspot/index.js';
import type { Logger } from '../logger.js';

/** What every tool handler may use; built once in createServer(deps). */
export interface ToolDeps {
  hubspot: HubSpot;
  labels: LabelCatalog;
  /** Coalescing writer for associate/remove (shared by every session). */
  pairs: PairWriter;
  /** Single-flight find-or-create with a memory of recent creations (shared by every session). */
  records: RecordFinder;
  sandbox: boolean;
  /** Root directory export files are confined to. */
  exportDir: string;
  logger: Logger;
}

export type ToolExtra = RequestHandlerExtra<ServerRequest, ServerNotification>;

export interface ToolResult<O> {
  data: O;
  /** One line for the text content; the structured data carries the details. */
  summary: string;
  /** A result that reports failures for every item is still data, but flagged as an error. */
  isError?: boolean;
}

export interface ToolDefinition<
  I extends z.ZodRawShape = z.ZodRawShape,
  O extends z.ZodRawShape = z.ZodRawShape,
> {
  name: string;
  title: string;
  description: string;
  inputSchema: I;
  outputSchema: O;
  annotations: ToolAnnotations;
  handler(
    deps: ToolDeps,
    args: z.infer<z.ZodObject<I>>,
    extra: ToolExtra,
  ): Promise<ToolResult<z.infer<z.ZodObject<O>>>>;
}

/** Keeps each tool file's types exact while the registry holds them as one array. */
export function defineTool<I extends z.ZodRawShape, O extends z.ZodRawShape>(
  tool: ToolDefinition<I, O>,
): ToolDefinition<I, O> {
  return tool;
}
