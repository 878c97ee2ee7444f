#!/usr/bin/env node
import { checkNodeVersion, REQUIRED_NODE } from './config/nodeVersion.js';
import type { Config } from './config.js';
import type { Logger } from './logger.js';

// The only static import is the Node version check: it runs before any other module is loaded, so
// an old Node gets one clear line instead of failing later on a missing global. Every other module
// is imported on demand: --help, --version and flag errors stay instant and do not depend on the
// server's module graph loading.

/** Exit codes: 0 ok, 1 runtime failure, 2 bad flags or environment. */
const EXIT_RUNTIME = 1;
const EXIT_USAGE = 2;

const nodeProblem = checkNodeVersion(process.versions.node, REQUIRED_NODE);
if (nodeProblem) {
  process.stderr.write(`hubspot-associations-mcp: ${nodeProblem}\n`);
  process.exit(EXIT_USAGE);
}

const [
  { ConfigError, configSecrets, loadConfig, metaRequest, PROGRAM },
  { helpText },
  { createLogger },
  { onShutdown },
] = await Promise.all([
  import('./config.js'),
  import('./help.js'),
  import('./logger.js'),
  import('./transports/shutdown.js'),
]);

/**
 * Keeps the heap near its live size (src/heap.ts) from here on. Called once the job's modules are
 * loaded: set before, it costs the cold start ~20 ms of extra collections while they compile.
 */
async function keepHeapLean(): Promise<void> {
  (await import('./heap.js')).keepHeapLean();
}

/** One plain line on stderr for the human at the terminal (logs are JSON; this is not a log). */
function say(line: string): void {
  process.stderr.write(`${PROGRAM}: ${line}\n`);
}

async function main(argv: string[]): Promise<void> {
  const meta = metaRequest(argv);
  if (meta) {
    const { VERSION } = await import('./version.js');
    process.stdout.write(meta === 'help' ? helpText(VERSION) : `${VERSION}\n`);
    return;
  }

  let config: Config;
  try {
    config = loadConfig(argv, process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    say(error.message);
    process.exit(EXIT_USAGE);
  }

  const logger = createLogger({ level: config.logLevel, secrets: configSecrets(config) });
  installCrashHandlers(logger);
  try {
    if (config.command === 'sandbox') {
      await runSandbox(config, logger);
      return await keepHeapLean();
    }
    if (config.command === 'export') {
      const { runExportCommand } = await import('./commands/export.js');
      await keepHeapLean();
      return process.exit(await runExportCommand(config, logger));
    }
    if (config.command === 'changes' || config.command === 'undo') {
      const { runChangesCommand, runUndoCommand } = await import('./commands/journal.js');
      await keepHeapLean();
      return process.exit(
        config.command === 'changes'
          ? await runChangesCommand(config, logger)
          : await runUndoCommand(config, logger),
      );
    }
    if (config.command === 'audit' || config.command === 'repair') {
      const { runAuditCommand, runRepairCommand } = await import('./commands/repair.js');
      await keepHeapLean();
      return process.exit(
        config.command === 'audit'
          ? await runAuditCommand(config, logger)
          : await runRepairCommand(config, logger),
      );
    }
    if (config.command === 'import') {
      const { runImportCommand } = await import('./commands/import.js');
      await keepHeapLean();
      return process.exit(await runImportCommand(config, logger));
    }
    await serve(config, logger);
    await keepHeapLean();
  } catch (error) {
    if (error instanceof ConfigError) {
      say(error.message); // e.g. an unknown --tools name, found when the tools are selected
      process.exit(EXIT_USAGE);
    }
    say(logger.redact(describeStartupError(error, config)));
    logger.debug('startup failed', { error });
    process.exit(EXIT_RUNTIME);
  }
}

/** How long closing may take once the stdio host is gone before we exit anyway. */
const CLIENT_GONE_EXIT_MS = 1_000;

async function serve(config: Config, logger: Logger): Promise<void> {
  const { createApp } = await import('./app.js');
  const app = await createApp(config, logger);
  if (config.transport === 'http') {
    const { serveHttp } = await import('./transports/http.js');
    const publicHost = config.http.oauth ? new URL(config.http.oauth.publicUrl).hostname : undefined;
    const http = await serveHttp(app.createMcpServer, {
      ...config.http,
      // The public name people and clients reach us by (MCP_PUBLIC_URL) is an allowed Host.
      allowedHosts: [...config.http.allowedHosts, ...(publicHost ? [publicHost] : [])],
      logger,
      readiness: app.readiness,
      ...(app.httpAuth ? { auth: app.httpAuth } : {}),
    });
    onShutdown(
      async (reason) => {
        // Long calls and jobs stop at their next batch and journal what they did; calls still
        // waiting for their answer get it (the report of what they did) before the streams close.
        await app.stopJobs(`the server is stopping (${reason})`);
        await http.close();
        await app.close();
      },
      { logger },
    );
    logger.info('MCP server listening', {
      url: http.url,
      mode: config.http.stateless ? 'stateless' : 'stateful',
      auth: config.http.oauth ? 'oauth' : config.http.token ? 'bearer' : 'none',
      sandbox: config.sandbox,
    });
    return;
  }
  const { serveStdio } = await import('./transports/stdio.js');
  const stdio = await serveStdio(app.createMcpServer, logger);
  const shutdown = onShutdown(
    async (reason) => {
      // Long calls and jobs stop at their next batch and journal what they did; then a signal
      // lets the calls in flight answer first (bounded by the shutdown timeout).
      await app.stopJobs(`the server is stopping (${reason})`);
      if (reason === 'SIGTERM' || reason === 'SIGINT') await stdio.drain();
      await stdio.close();
      await app.close();
    },
    { logger },
  );
  // The host closing our stdin is the normal way a stdio server is told to stop; a failed stdout
  // means it is gone. Either way nobody can read an answer any more: exit promptly. The cause is
  // already logged ("stdio session ended: …"): one line says why we exit.
  void stdio.closed.then((cause) =>
    shutdown.shutdown(cause, { timeoutMs: CLIENT_GONE_EXIT_MS, logged: true }),
  );
  logger.info('MCP server ready on stdio', { sandbox: config.sandbox, readOnly: config.readOnly });
}

async function runSandbox(config: Config, logger: Logger): Promise<void> {
  const { startSandbox } = await import('hubspot-sandbox');
  const { port, token, rateLimit, searchLagMs, scopes, users, app } = config.sandboxServer;
  const sandbox = await startSandbox({
    port,
    token,
    rateLimit,
    searchLagMs,
    ...(scopes ? { scopes } : {}),
    ...(users ? { users } : {}),
    ...(app ? { app } : {}),
  });
  onShutdown(() => sandbox.close(), { logger });
  // The sandbox token is a local demo credential, printed on purpose so the user can copy it.
  say(
    `sandbox portal listening at ${sandbox.url} (bearer token: ${token}); try HUBSPOT_API_BASE_URL=${sandbox.url} HUBSPOT_ACCESS_TOKEN=${token} ${PROGRAM}`,
  );
}

function describeStartupError(error: unknown, config: Config): string {
  const err = error as NodeJS.ErrnoException & { port?: number; address?: string };
  if (err?.code === 'EADDRINUSE') {
    return `${err.address ?? ''}:${err.port ?? ''} is already in use: choose another --port (0 picks a free one)`;
  }
  if (err?.code === 'EACCES' || err?.code === 'EADDRNOTAVAIL') {
    return `cannot listen on ${config.command === 'sandbox' ? '' : `${config.http.host}:`}${err.port ?? ''} (${err.code}): choose another --host or --port`;
  }
  const message = error instanceof Error ? error.message : String(error);
  return `failed to start: ${message.split('\n')[0]}`;
}

/** A stray rejection must not kill a server that is otherwise serving; an exception leaves state unknown. */
function installCrashHandlers(logger: Logger): void {
  process.on('unhandledRejection', (reason) =>
    logger.error('unhandled promise rejection', { error: reason }),
  );
  process.on('uncaughtException', (error) => {
    logger.error('uncaught exception', { error });
    process.exit(EXIT_RUNTIME);
  });
}

await main(process.argv.slice(2));
