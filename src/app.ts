import { homedir } from 'node:os';
import { join, parse, resolve } from 'node:path';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { RequestHandler, Router } from 'express';
import { type Config, ConfigError } from './config.js';
import { createFileJournal } from './domain/journal/fileJournal.js';
import { createMemoryJournal } from './domain/journal/store.js';
import { createServices } from './domain/services.js';
import { createHubSpot, type HubSpot, type HubSpotOptions } from './hubspot/index.js';
import { oauthRefreshToken } from './hubspot/oauth.js';
import type { Logger } from './logger.js';
import type { Readiness, Replicas } from './replicas.js';
import { createServer, type ServerDeps } from './server.js';
import { selectTools, TOOL_NAMES, unknownTools } from './tools/index.js';
import { prepareToolset } from './tools/register.js';
import { TOOLSET_NAMES, unknownToolsets } from './tools/toolsets.js';

/** The flags that chose the tools, as the user wrote them, for a one-line startup error. */
function describeSelection(config: Config): string {
  return [
    config.toolsets ? `--toolsets ${config.toolsets.join(',')}` : '',
    config.tools ? `--tools ${config.tools.join(',')}` : '',
    config.readOnly ? '--read-only' : '',
  ]
    .filter(Boolean)
    .join(' with ');
}

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
  /** The process's HubSpot client; absent with MCP_HTTP_AUTH=oauth (one per person, src/team.ts). */
  hubspot?: HubSpot;
  /** `auth`: the verified request's AuthInfo (HTTP); with MCP_HTTP_AUTH=oauth it names the person. */
  createMcpServer: (auth?: AuthInfo) => McpServer;
  /** MCP_HTTP_AUTH=oauth: the OAuth endpoints (at the origin's root) and the guard of /mcp. */
  httpAuth?: { routes: Router; guard: RequestHandler };
  /** For /readyz: Redis reachable (with REDIS_URL) and the budget's state. */
  readiness(): Promise<Readiness>;
  /**
   * Every long call and job of this process stops at its next batch boundary and journals what
   * it did; resolves once all have (a shutdown: SIGTERM, the host gone). close() does it first.
   */
  stopJobs(reason: string): Promise<void>;
  close(): Promise<void>;
}

/** REDIS_URL: the budget (and journal) shared with the other replicas of this HubSpot app. */
async function replicasFor(
  config: Config,
  logger: Logger,
  credential: string,
): Promise<Replicas | undefined> {
  if (!config.hubspot.redisUrl) return undefined;
  const { connectReplicas } = await import('./replicas.js'); // ioredis loads only with REDIS_URL
  return connectReplicas(config, logger, { credential });
}

/** The budget settings of createHubSpot: configured, or shared through Redis. */
function budgetOptions(config: Config, replicas: Replicas | undefined) {
  return {
    rateLimit: replicas?.hubspot.rateLimit ?? config.hubspot.rateLimit,
    limiter: { windowMs: config.hubspot.rateWindowMs, ...replicas?.hubspot.limiter },
    ...(replicas?.hubspot.shared ? { shared: replicas.hubspot.shared } : {}),
  };
}

/** Connects to HubSpot (or starts the in-process sandbox portal) and returns a server factory. */
export async function connectHubSpot(
  config: Config,
  logger: Logger,
): Promise<{ hubspot: HubSpot; replicas?: Replicas; close(): Promise<void> }> {
  const log = logger.child('hubspot');
  const onRetry = (info: {
    method: string;
    path: string;
    status: number;
    delayMs: number;
    attempt: number;
  }) => log.info(`retrying ${info.method} ${info.path} after HTTP ${info.status || 'network error'}`, info);
  // Where requests go and with what: the in-process sandbox portal, or HubSpot with a static token
  // (private app or service key), else the OAuth refresh flow.
  let target: { baseUrl: string; token: HubSpotOptions['token']; credential: string };
  let portal: { close(): Promise<void> } | undefined;
  if (config.sandbox) {
    const { startSandbox } = await import('hubspot-sandbox'); // only sandbox mode loads the portal
    const sandbox = await startSandbox({ seed: true, searchLagMs: config.sandboxSearchLagMs });
    portal = sandbox;
    // Each process has a portal of its own: its address is part of what the credential names.
    target = { baseUrl: sandbox.url, token: sandbox.token, credential: `${sandbox.url}\n${sandbox.token}` };
    log.info(`sandbox portal running at ${sandbox.url}`);
  } else {
    const { accessToken, oauth, baseUrl } = config.hubspot;
    const token =
      accessToken ??
      (oauth ? oauthRefreshToken({ ...oauth, baseUrl, onToken: (t) => logger.addSecret(t) }) : undefined);
    if (!token) throw new Error('HUBSPOT_ACCESS_TOKEN is required without --sandbox'); // config already checked
    // Replicas share by credential alone (one private app or OAuth app install in one account),
    // not by the URL it reaches HubSpot through.
    target = { baseUrl, token, credential: accessToken ?? `${oauth?.clientId}:${oauth?.refreshToken}` };
  }
  const replicas = await replicasFor(config, logger, target.credential);
  const hubspot = createHubSpot({
    baseUrl: target.baseUrl,
    token: target.token,
    ...budgetOptions(config, replicas),
    apiVersion: config.hubspot.apiVersion,
    onRetry,
  });
  return {
    hubspot,
    ...(replicas ? { replicas } : {}),
    async close() {
      await hubspot.close();
      await replicas?.close();
      await portal?.close();
    },
  };
}

export async function createApp(config: Config, logger: Logger): Promise<App> {
  // Selected once: an unknown --tools name fails at start-up, and every session shares the listing.
  const unknown = unknownTools(config.tools ?? []);
  if (unknown.length > 0) {
    throw new ConfigError(
      `unknown tool name(s) in --tools: ${unknown.join(', ')}; valid: ${TOOL_NAMES.join(', ')}`,
    );
  }
  const badGroups = unknownToolsets(config.toolsets ?? []);
  if (badGroups.length > 0) {
    throw new ConfigError(
      `unknown tool group(s) in --toolsets: ${badGroups.join(', ')}; valid: ${TOOLSET_NAMES.join(', ')}`,
    );
  }
  const selected = selectTools({ readOnly: config.readOnly, tools: config.tools, toolsets: config.toolsets });
  if (selected.length === 0) {
    throw new ConfigError(
      `no tool left to serve: ${describeSelection(config)} selects none; drop --read-only or name a tool or group with read-only tools (e.g. --toolsets records)`,
    );
  }
  const toolset = prepareToolset(selected);
  const common = {
    toolset,
    logger,
    sandbox: config.sandbox,
    exportDir: exportRoot(config.export.out),
    // Resolved like the export directory; import files must come from inside it.
    importDir: exportRoot(config.import.dir),
    confirmThreshold: config.confirmThreshold,
    // HUBSPOT_JOB_DETACH_S for both modes: a team's long calls detach like anyone's.
    jobDetachMs: config.jobDetachS * 1_000,
  };
  if (config.transport === 'http' && config.http.oauth) return createTeamServer(config, logger, common);
  const { hubspot, replicas, close } = await connectHubSpot(config, logger);
  // One HubSpot budget, label cache, writer and find-or-create memory for every session. After a
  // create whose answer was lost, search is re-checked for longer than the index lags: HubSpot's
  // lag is reportedly up to ~10 s; the embedded portal's is known.
  const services = createServices(hubspot, {
    records: config.sandbox ? { settleMs: config.sandboxSearchLagMs + 1_000, pollMs: 250 } : {},
    labels: { maxAgeMs: config.labelCacheMs },
    // The journal of a sandbox run lives and dies with its in-memory portal; replicas share Redis's.
    journal: config.sandbox
      ? createMemoryJournal()
      : (replicas?.journal ?? createFileJournal(stateDir(config.stateDir))),
    // With REDIS_URL any replica answers get_job / cancel_job; the job runs where it started.
    jobs: {
      ...(replicas?.jobs ? { store: replicas.jobs } : {}),
      onError: (what, error) => logger.warning(`jobs: ${what} failed`, { error }),
    },
  });
  const deps: ServerDeps = {
    ...common,
    services,
    auth: config.sandbox ? 'sandbox' : config.hubspot.accessToken ? 'token' : 'oauth',
    // A degraded budget (REDIS_FAILURE=degrade) is said in every tool result.
    notice: () => replicas?.notice ?? hubspot.client.budget.notice,
  };
  const readiness = async (): Promise<Readiness> => {
    const budget = hubspot.client.budget;
    return replicas ? replicas.readiness(budget) : { ready: true, budget: { ...budget, shared: false } };
  };
  const stopJobs = (reason: string) => services.jobs.stopAll(reason);
  return {
    hubspot,
    createMcpServer: () => createServer(deps),
    readiness,
    stopJobs,
    async close() {
      await stopJobs('the server is stopping');
      await close();
    },
  };
}

/**
 * MCP_HTTP_AUTH=oauth: every server is built for the person its verified request names, on that
 * person's services (src/team.ts); without a person (never past the guard) it refuses to build.
 */
async function createTeamServer(
  config: Config,
  logger: Logger,
  common: Omit<ServerDeps, 'services' | 'auth'>,
): Promise<App> {
  const { createTeamApp } = await import('./teamApp.js');
  const teamApp = await createTeamApp(config, logger, stateDir(config.stateDir));
  return {
    createMcpServer(auth) {
      const person = teamApp.identity(auth);
      if (!person) throw new Error('MCP_HTTP_AUTH=oauth: a server is built only for a signed-in person');
      return createServer({
        ...common,
        services: teamApp.team.servicesFor(person),
        auth: 'oauth',
        signedIn: {
          hubId: person.hubId,
          userId: person.userId,
          ...(person.user ? { user: person.user } : {}),
          clientId: person.clientId,
        },
      });
    },
    httpAuth: { routes: teamApp.broker.routes, guard: teamApp.broker.guard },
    readiness: () => teamApp.readiness(),
    stopJobs: (reason) => teamApp.team.stopJobs(reason),
    close: () => teamApp.close(),
  };
}
