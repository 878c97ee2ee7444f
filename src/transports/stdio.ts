import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { Logger } from '../logger.js';
import { PipeTransport } from './stdioTransport.js';
import { watchStdoutPeer } from './stdoutPeer.js';

export interface StdioHandle {
  /**
   * Settles, with the cause, when the session is over: stdin ended or failed, stdout failed (EPIPE)
   * or closed, nobody reads our stdout any more (noticed without writing), an oversized line, or
   * close(). The host is gone or deaf to us: time to exit.
   */
  closed: Promise<string>;
  /** Wait until every request already received is answered (new ones are refused), or the pipes close. */
  drain(): Promise<void>;
  close(): Promise<void>;
}

/** Serve one MCP session over stdin/stdout. stdout carries protocol messages only. */
export async function serveStdio(
  createMcpServer: () => McpServer,
  logger: Logger,
  streams: { stdin?: NodeJS.ReadableStream; stdout?: NodeJS.WritableStream } = {},
): Promise<StdioHandle> {
  const log = logger.child('stdio');
  const server = createMcpServer();
  const stdout = streams.stdout ?? process.stdout;
  // Only the process's own fd 1 is watched; streams handed in (tests) close through their events.
  const watch = streams.stdout
    ? undefined
    : watchStdoutPeer({ pending: () => process.stdout.writableLength });
  const transport = new PipeTransport(streams.stdin ?? process.stdin, stdout, watch);
  let markClosed: (cause: string) => void = () => {};
  const closed = new Promise<string>((resolve) => {
    markClosed = resolve;
  });

  // Logged once, here, and only to stderr: these records belong to no session.
  transport.onerror = (error) => log.warning(error.message);
  // Set before connect(): the SDK chains its own cleanup after ours, so this runs whatever closed it.
  transport.onclose = () => {
    const cause = transport.closeCause ?? 'closed';
    log.info(`stdio session ended: ${cause}`);
    markClosed(cause);
  };

  await server.connect(transport);
  log.debug('serving MCP over stdio');

  let closing: Promise<void> | undefined;
  return {
    closed,
    drain: () => transport.drain(),
    close: () => {
      closing ??= server.close();
      return closing;
    },
  };
}
