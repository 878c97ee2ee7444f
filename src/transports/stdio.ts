import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { Logger } from '../logger.js';

export interface StdioHandle {
  close(): Promise<void>;
  /** Settles when the client goes away (stdin ends) or close() ran: time to shut down. */
  closed: Promise<void>;
}

/** Serve one MCP session over stdin/stdout. stdout carries protocol messages only. */
export async function serveStdio(
  createMcpServer: () => McpServer,
  logger: Logger,
  streams: { stdin?: NodeJS.ReadableStream; stdout?: NodeJS.WritableStream } = {},
): Promise<StdioHandle> {
  const stdin = streams.stdin ?? process.stdin;
  const stdout = streams.stdout ?? process.stdout;
  const log = logger.child('stdio');
  const server = createMcpServer();
  const transport = new StdioServerTransport(stdin as never, stdout as never);
  let markClosed = () => {};
  const closed = new Promise<void>((resolve) => {
    markClosed = resolve;
  });

  transport.onerror = (error) => log.warning('stdio transport error', { error });
  // The SDK transport ignores end-of-input; without this a client that exits would leave us running.
  const onEnd = () => {
    log.info('stdin closed: client disconnected');
    markClosed();
  };
  stdin.once('end', onEnd);
  stdin.once('close', onEnd);
  // Writing to a closed pipe raises EPIPE on stdout: the client is gone, so wind down instead of crashing.
  const onStdoutError = (error: NodeJS.ErrnoException) => {
    log.info('stdout closed: client disconnected', { code: error.code });
    markClosed();
  };
  stdout.on('error', onStdoutError);

  await server.connect(transport);
  log.debug('serving MCP over stdio');

  let closing: Promise<void> | undefined;
  return {
    closed,
    close: () => {
      closing ??= (async () => {
        stdin.off('end', onEnd);
        stdin.off('close', onEnd);
        await server.close();
        stdout.off('error', onStdoutError);
        markClosed();
      })();
      return closing;
    },
  };
}
