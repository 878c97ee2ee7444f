import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import {
  type LoggingLevel,
  LoggingLevelSchema,
  type LoggingMessageNotification,
  SetLevelRequestSchema,
} from '@modelcontextprotocol/sdk/types.js';
import type { Services } from './domain/services.js';
import type { Logger } from './logger.js';
import { registerPrompts } from './prompts.js';
import { registerResources } from './resources.js';
import { registerTools, type Toolset } from './tools/register.js';
import { createTaskStore } from './tools/tasks.js';
import type { AuthKind, SignedIn } from './tools/types.js';
import { VERSION } from './version.js';

export const SERVER_NAME = 'hubspot-associations-mcp';
export const SERVER_VERSION = VERSION;

/** Everything a server uses, built once per process (src/app.ts) and shared by every session. */
export interface ServerDeps {
  /** The domain services: HubSpot client, label cache, coalescing writer, find-or-create. */
  services: Services;
  logger: Logger;
  sandbox: boolean;
  /** How the server authenticates (default: sandbox when `sandbox`, else a static token). */
  auth?: AuthKind;
  exportDir: string;
  /** Where import files may come from (HUBSPOT_IMPORT_DIR). */
  importDir?: string;
  /** Selected tools and their tools/list answer (prepareToolset(selectTools(...))). */
  toolset: Toolset;
  /** Destructive work on more items than this asks the user first (default 100). */
  confirmThreshold?: number;
  /** Said in every tool result while set (a degraded shared budget, REDIS_FAILURE=degrade). */
  notice?: () => string | undefined;
  /** MCP_HTTP_AUTH=oauth: the person this server acts for (check_connection names them). */
  signedIn?: SignedIn;
  /** HUBSPOT_JOB_DETACH_S in ms: a long call still running after this answers with a job (default 20 s). */
  jobDetachMs?: number;
}

const INSTRUCTIONS = [
  'Tools for HubSpot CRM associations: link records, read links, manage labels and limits, export to CSV.',
  'Find record ids with find_records; list_association_labels before any labeled association.',
  'Object types: names (contacts, company) or ids (0-1, 2-123). Record ids are decimal strings.',
].join(' ');

/**
 * Builds one MCP server (one per stdio process, HTTP session or stateless request); everything it
 * uses arrives in `deps` (no module-level state).
 *
 * An McpServer is used for initialize, logging, resources and prompts, but tools/list and
 * tools/call are served by our own handlers (tools/register.ts), as playwright-mcp does with the
 * low-level Server: the listing is a prompt the agent pays for on every turn, so it is computed
 * once with compact schemas, and every call is validated with the full zod schemas into tool
 * errors that name the field. The SDK's registerTool is therefore not used (it would throw
 * "A request handler for tools/list already exists").
 */
export function createServer(deps: ServerDeps): McpServer {
  const server = new McpServer(
    { name: SERVER_NAME, version: SERVER_VERSION, title: 'HubSpot Associations' },
    {
      // Long tools run as MCP tasks when the client asks (spec 2025-11-25): the SDK's tasks/*
      // handlers serve our jobs through the TaskStore seam (tools/tasks.ts).
      capabilities: {
        logging: {},
        ...(deps.toolset.tasks ? { tasks: { list: {}, cancel: {}, requests: { tools: { call: {} } } } } : {}),
      },
      ...(deps.toolset.tasks ? { taskStore: createTaskStore(deps.services.jobs) } : {}),
      instructions: deps.sandbox
        ? `sandbox: true — this is the embedded sandbox portal with demo data, not a real HubSpot account. ${INSTRUCTIONS}`
        : INSTRUCTIONS,
    },
  );
  registerTools(
    server,
    deps.toolset,
    {
      ...deps.services,
      sandbox: deps.sandbox,
      auth: deps.auth ?? (deps.sandbox ? 'sandbox' : 'token'),
      exportDir: deps.exportDir,
      importDir: deps.importDir,
      logger: deps.logger,
      enabledTools: [...deps.toolset.byName.keys()],
      confirmThreshold: deps.confirmThreshold ?? 100,
      ...(deps.notice ? { notice: deps.notice } : {}),
      ...(deps.signedIn ? { signedIn: deps.signedIn } : {}),
    },
    deps.jobDetachMs === undefined ? {} : { detachMs: deps.jobDetachMs },
  );
  registerResources(server);
  registerPrompts(server);

  forwardOwnLogs(server, deps.logger);
  return server;
}

const SEVERITY = new Map<string, number>(LoggingLevelSchema.options.map((level, index) => [level, index]));

/**
 * Sends this server's client the log records produced while handling that client's messages, and
 * nothing else: every incoming message is dispatched inside a log scope owned by this server, and
 * records from another session's scope or from no scope (process-wide events) are not sent. A
 * record made during a request travels with that request (its POST stream over HTTP).
 */
function forwardOwnLogs(server: McpServer, logger: Logger): void {
  const owner = {};
  const connect = server.server.connect.bind(server.server);
  server.server.connect = async (transport) => {
    await connect(transport);
    const dispatch = transport.onmessage;
    transport.onmessage = (message, extra) => {
      const requestId = 'method' in message && 'id' in message ? message.id : undefined;
      logger.withScope({ owner, requestId }, () => dispatch?.(message, extra));
    };
  };
  // The level this client asked for (the SDK keys its own by session id, which we never pass).
  let clientLevel: LoggingLevel | undefined;
  server.server.setRequestHandler(SetLevelRequestSchema, (request) => {
    clientLevel = request.params.level;
    return {};
  });
  // Only records made while handling this client's own messages are sent, so nothing can precede
  // the initialize answer (its handler logs nothing), and a stateless server (one per POST, never
  // initialized itself) still reports on the request it serves.
  const unsubscribe = logger.onRecord((record, scope) => {
    if (scope?.owner !== owner || !server.isConnected()) return;
    if (clientLevel && (SEVERITY.get(record.level) ?? 0) < (SEVERITY.get(clientLevel) ?? 0)) return;
    const notification: LoggingMessageNotification = {
      method: 'notifications/message',
      params: {
        level: record.level as LoggingLevel,
        logger: record.logger,
        data: { message: record.message, data: record.data },
      },
    };
    const related = scope.requestId === undefined ? undefined : { relatedRequestId: scope.requestId };
    // After its request was answered a record can only go out on the session's own stream.
    server.server
      .notification(notification, related)
      .catch(() => (related ? server.server.notification(notification) : undefined))
      .catch(() => {});
  });
  const close = server.close.bind(server);
  server.close = async () => {
    unsubscribe();
    await close();
  };
}
