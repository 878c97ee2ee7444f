import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import type { ServerNotification, ServerRequest, ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
import type { z } from 'zod';
import type { Change } from '../domain/journal/changes.js';
import type { Services } from '../domain/services.js';
import type { Logger } from '../logger.js';

/**
 * What every tool handler may use: the domain services (shared by every session) and the
 * server's settings. Handlers call into the domain; they do not call HubSpot themselves.
 */
export interface ToolDeps extends Services {
  sandbox: boolean;
  /** How the server authenticates: a static token (private app or service key), OAuth, or the sandbox. */
  auth: AuthKind;
  /** Destructive work on more items than this asks the user first (HUBSPOT_CONFIRM_THRESHOLD). */
  confirmThreshold: number;
  /** Said in every tool result while set (a degraded shared budget). */
  notice?: () => string | undefined;
  /** Asks the user through MCP elicitation; absent when the client cannot. Set per call. */
  ask?: Ask;
  /** The MCP client's name (clientInfo), for the change journal. Set per call. */
  clientName?: string;
  /** Root directory export files are confined to. */
  exportDir: string;
  /** Root directory import files must come from (HUBSPOT_IMPORT_DIR); unset: no file imports. */
  importDir?: string;
  logger: Logger;
  /** The names of the tools this server serves (--read-only, --toolsets): what a view may offer. */
  enabledTools?: readonly string[];
  /** MCP_HTTP_AUTH=oauth: the signed-in person every call acts for. */
  signedIn?: SignedIn;
}

/** A person signed in through MCP_HTTP_AUTH=oauth: portal, HubSpot user and MCP client. */
export interface SignedIn {
  hubId: number;
  userId: number;
  /** The HubSpot user's e-mail, when HubSpot said. */
  user?: string;
  clientId: string;
}

/** The user's answer to "go ahead?", or undefined when the client cannot ask (no elicitation). */
export type Ask = (message: string) => Promise<'accept' | 'decline'>;

export type AuthKind = 'token' | 'oauth' | 'sandbox';

export type ToolExtra = RequestHandlerExtra<ServerRequest, ServerNotification>;

export interface ToolResult<O> {
  data: O;
  /** One line for the text content; the structured data carries the details. */
  summary: string;
  /** A result that reports failures for every item is still data, but flagged as an error. */
  isError?: boolean;
  /** What the call changed in the portal, for the change journal (absent for reads and dry runs). */
  change?: Change;
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
  /** Listed as the tool's `_meta` (e.g. the MCP App resource that draws its results). */
  _meta?: Record<string, unknown>;
  /**
   * Can outlast a host's patience (one line per tool): listed with `execution.taskSupport:
   * "optional"` (MCP tasks), detached after HUBSPOT_JOB_DETACH_S as a job (get_job, cancel_job),
   * its outputSchema admits `{ job }`, and the handler's `extra.signal` is the job's.
   */
  longRunning?: true;
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
