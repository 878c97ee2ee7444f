import { homedir } from 'node:os';
import { join, parse, resolve } from 'node:path';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { type Config, ConfigError } from './config.js';
import { createFileJournal, createMemoryJournal } from './domain/journal/store.js';
import { createServices } from './domain/services.js';
import { createHubSpot, type HubSpot } from './hubspot/index.js';
import { oauthRefreshToken } from './hubspot/oauth.js';
import type { Logger } from './logger.js';
import { createServer, type ServerDeps } from './server.js';
import { selectTools, TOOL_NAMES, unknownTools } from './tools/index.js';
import { prepareToolset } from './tools/register.js';

/**
 * Where export_crm_data writes. A desktop client may start us with `/` as the working directory,
 * where a relative default cannot be created: then the user's home directory is used instead.
 */
function exportRoot(out: string): string {
  const cwd = process.cwd();
  const root = parse(cwd).root === cwd && !out.startsWith('/') ? homedir() : cwd;
  return resolve(root, out);
}

/** Where the change journal lives: HUBSPOT_STATE_DIR, else the per-user state directory. */
export function stateDir(configured: string | undefined): string {
  if (configured) return resolve(configured);
  if (process.platform === 'win32') return join(homedir(), 'AppData', 'Local', 'hubspot-associations-mcp');
  return join(homedir(), '.local', 'state', 'hubspot-associations-mcp');
}

export interface App {
  hubspot: HubSpot;
  createMcpServer: () => McpServer;
  close(): Promise<void>;
}

/** Connects to HubSpot (or starts the in-process sandbox portal) and returns a server factory. */
export async function connectHubSpot(
  config: Config,
  logger: Logger,
): Promise<{ hubspot: HubSpot; close(): Promise<void> }> {
  const log = logger.child('hubspot');
  const onRetry = (info: {
    method: string;
    path: string;
    status: number;
    delayMs: number;
    attempt: number;
  }) => log.info(`retrying ${info.method} ${info.path} after HTTP ${info.status || 'network error'}`, info);
  if (config.sandbox) {
    const { startSandbox } = await import('hubspot-sandbox'); // only sandbox mode loads the portal
    const sandbox = await startSandbox({ seed: true, searchLagMs: config.sandboxSearchLagMs });
    const hubspot = createHubSpot({
      baseUrl: sandbox.url,
      token: sandbox.token,
      rateLimit: config.hubspot.rateLimit,
      apiVersion: config.hubspot.apiVersion,
      onRetry,
    });
    log.info(`sandbox portal running at ${sandbox.url}`);
    return {
      hubspot,
      async close() {
        await hubspot.close();
        await sandbox.close();
      },
    };
  }
  const { accessToken, oauth, baseUrl, rateLimit, apiVersion } = config.hubspot;
  // A static token (private app or service key), else the OAuth refresh flow.
  const token =
    accessToken ??
    (oauth ? oauthRefreshToken({ ...oauth, baseUrl, onToken: (t) => logger.addSecret(t) }) : undefined);
  if (!token) throw new Error('HUBSPOT_ACCESS_TOKEN is required without --sandbox'); // config already checked
  const hubspot = createHubSpot({ baseUrl, token, rateLimit, apiVersion, onRetry });
  return { hubspot, close: () => hubspot.close() };
}

export async function createApp(config: Config, logger: Logger): Promise<App> {
  // Selected once: an unknown --tools name fails at start-up, and every session shares the listing.
  const unknown = unknownTools(config.tools ?? []);
  if (unknown.length > 0) {
    throw new ConfigError(
      `unknown tool name(s) in --tools: ${unknown.join(', ')}; valid: ${TOOL_NAMES.join(', ')}`,
    );
  }
  const toolset = prepareToolset(selectTools({ readOnly: config.readOnly, tools: config.tools }));
  const { hubspot, close } = await connectHubSpot(config, logger);
  // One HubSpot budget, label cache, writer and find-or-create memory for every session. After a
  // create whose answer was lost, search is re-checked for longer than the index lags: HubSpot's
  // lag is reportedly up to ~10 s; the embedded portal's is known.
  const services = createServices(hubspot, {
    records: config.sandbox ? { settleMs: config.sandboxSearchLagMs + 1_000, pollMs: 250 } : {},
    // The journal of a sandbox run lives and dies with its in-memory portal.
    journal: config.sandbox ? createMemoryJournal() : createFileJournal(stateDir(config.stateDir)),
  });
  const deps: ServerDeps = {
    services,
    toolset,
    logger,
    sandbox: config.sandbox,
    exportDir: exportRoot(config.export.out),
    // Resolved like the export directory; import files must come from inside it.
    importDir: exportRoot(config.import.dir),
    confirmThreshold: config.confirmThreshold,
  };
  return { hubspot, createMcpServer: () => createServer(deps), close };
}
