import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { LoggingLevel } from '@modelcontextprotocol/sdk/types.js';
import { createLabelCatalog, type LabelCatalog } from './associations/labels.js';
import { createPairWriter, type PairWriter } from './associations/pairWriter.js';
import { createRecordFinder, type RecordFinder } from './associations/recordFinder.js';
import type { HubSpot } from './hubspot/index.js';
import type { Logger } from './logger.js';
import { registerPrompts } from './prompts.js';
import { registerResources } from './resources.js';
import { selectTools } from './tools/index.js';
import { prepareToolset, registerTools, type Toolset } from './tools/register.js';
import { VERSION } from './version.js';

export const SERVER_NAME = 'hubspot-associations-mcp';
export const SERVER_VERSION = VERSION;

export interface ServerDeps {
  hubspot: HubSpot;
  logger: Logger;
  sandbox: boolean;
  exportDir: string;
  readOnly?: boolean;
  tools?: readonly string[];
  /** Shared across sessions so label lookups are cached once per process. */
  labels?: LabelCatalog;
  /** Shared across sessions so concurrent calls coalesce. */
  pairs?: PairWriter;
  /** Shared across sessions so concurrent find-or-create calls never create twice. */
  records?: RecordFinder;
  /** Selected tools and their tools/list answer, computed once per process. */
  toolset?: Toolset;
}

const INSTRUCTIONS = [
  'Tools for HubSpot CRM associations: link records, read links, manage labels and limits, export to CSV.',
  'Find record ids with find_records; list_association_labels before any labeled association.',
  'Object types: names (contacts, company) or ids (0-1, 2-123). Record ids are decimal strings.',
].join(' ');

/** Builds one MCP server; everything it uses arrives in `deps` (no module-level state). */
export function createServer(deps: ServerDeps): McpServer {
  const server = new McpServer(
    { name: SERVER_NAME, version: SERVER_VERSION, title: 'HubSpot Associations' },
    {
      capabilities: { logging: {} },
      instructions: deps.sandbox
        ? `sandbox: true — this is the embedded sandbox portal with demo data, not a real HubSpot account. ${INSTRUCTIONS}`
        : INSTRUCTIONS,
    },
  );
  const labels = deps.labels ?? createLabelCatalog(deps.hubspot);
  const pairs = deps.pairs ?? createPairWriter(deps.hubspot);
  const records = deps.records ?? createRecordFinder(deps.hubspot);
  const toolDeps = {
    hubspot: deps.hubspot,
    labels,
    pairs,
    records,
    sandbox: deps.sandbox,
    exportDir: deps.exportDir,
    logger: deps.logger,
  };
  const toolset = deps.toolset ?? prepareToolset(selectTools({ readOnly: deps.readOnly, tools: deps.tools }));
  registerTools(server, toolset, toolDeps);
  registerResources(server);
  registerPrompts(server);

  // Forward our log records to the client as MCP logging notifications (its level filter applies).
  // Only once the client has initialized: nothing may precede the initialize answer.
  let initialized = false;
  server.server.oninitialized = () => {
    initialized = true;
  };
  const unsubscribe = deps.logger.onRecord((record) => {
    if (!initialized || !server.isConnected()) return;
    const level = record.level as LoggingLevel;
    server
      .sendLoggingMessage({
        level,
        logger: record.logger,
        data: { message: record.message, data: record.data },
      })
      .catch(() => {});
  });
  const close = server.close.bind(server);
  server.close = async () => {
    unsubscribe();
    await close();
  };
  return server;
}
