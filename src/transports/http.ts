import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { Logger } from '../logger.js';
import {
  allowedHostnames,
  bearerGuard,
  hostGuard,
  hostnameForHeader,
  originGuard,
  sendJsonRpcError,
} from './httpGuards.js';

export interface HttpOptions {
  host: string;
  /** 0 picks a free port; the handle reports the real one. */
  port: number;
  stateless: boolean;
  token?: string;
  allowedOrigins: string[];
  /** Extra Host header names (a reverse proxy's public name). */
  allowedHosts?: string[];
  logger: Logger;
  /** Stateful mode: a session with no request in flight for this long is closed. Default 30 min. */
  sessionIdleTimeoutMs?: number;
}

export interface HttpHandle {
  url: string;
  port: number;
  close(): Promise<void>;
}

export const MCP_PATH = '/mcp';
/** Same ceiling as the SDK transport's own body limit; associate_records may carry 10 000 pairs. */
const MAX_BODY = '4mb';

interface Session {
  transport: StreamableHTTPServerTransport;
  server: McpServer;
  inFlight: number;
  idleTimer?: NodeJS.Timeout;
}

/** Streamable HTTP at /mcp: stateful (session map) or stateless (server + transport per POST). */
export async function serveHttp(createMcpServer: () => McpServer, options: HttpOptions): Promise<HttpHandle> {
  const log = options.logger.child('http');
  const sessions = new Map<string, Session>();
  const idleMs = options.sessionIdleTimeoutMs ?? 30 * 60_000;

  const app = express();
  app.disable('x-powered-by');
  // Order matters: reject foreign Host/Origin and bad credentials before reading any body.
  app.use(hostGuard(allowedHostnames(options.host, options.allowedHosts ?? [])));
  app.use(originGuard(options.allowedOrigins));
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.use(bearerGuard(options.token));
  app.use(express.json({ limit: MAX_BODY }));

  if (options.stateless) {
    app.post(MCP_PATH, async (req, res) => {
      const server = createMcpServer();
      const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
      res.on('close', () => {
        void transport.close();
        void server.close();
      });
      await server.connect(transport);
      await transport.handleRequest(req, res, req.body);
    });
    app.all(MCP_PATH, (_req, res) => {
      res.setHeader('Allow', 'POST');
      sendJsonRpcError(res, 405, 'Method not allowed: this server is stateless, use POST');
    });
  } else {
    const track = (session: Session, res: Response) => {
      clearTimeout(session.idleTimer);
      session.inFlight++;
      res.on('close', () => {
        session.inFlight--;
        const id = session.transport.sessionId;
        if (session.inFlight === 0 && id && sessions.has(id)) {
          session.idleTimer = setTimeout(() => {
            log.info('closing idle session', { sessionId: id });
            void session.transport.close();
          }, idleMs).unref();
        }
      });
    };

    app.post(MCP_PATH, async (req, res) => {
      const sessionId = req.headers['mcp-session-id'];
      if (typeof sessionId === 'string') {
        const session = sessions.get(sessionId);
        if (!session) return sendJsonRpcError(res, 404, 'Session not found: initialize a new session');
        track(session, res);
        return session.transport.handleRequest(req, res, req.body);
      }
      if (!isInitializeRequest(req.body)) {
        return sendJsonRpcError(
          res,
          400,
          'Bad Request: Mcp-Session-Id header is required (send initialize first)',
        );
      }
      const session = openSession(createMcpServer, sessions, log);
      track(session, res);
      await session.server.connect(session.transport);
      await session.transport.handleRequest(req, res, req.body);
      // initialize was refused (e.g. bad protocol version): nothing will ever address this session.
      if (!session.transport.sessionId) await closeSession(session);
    });
    const bySession = async (req: Request, res: Response) => {
      const sessionId = req.headers['mcp-session-id'];
      if (typeof sessionId !== 'string')
        return sendJsonRpcError(res, 400, 'Bad Request: Mcp-Session-Id header is required');
      const session = sessions.get(sessionId);
      if (!session) return sendJsonRpcError(res, 404, 'Session not found: initialize a new session');
      track(session, res);
      await session.transport.handleRequest(req, res);
    };
    app.get(MCP_PATH, bySession);
    app.delete(MCP_PATH, bySession);
    app.all(MCP_PATH, (_req, res) => {
      res.setHeader('Allow', 'GET, POST, DELETE');
      sendJsonRpcError(res, 405, 'Method not allowed');
    });
  }

  app.use((_req: Request, res: Response) =>
    sendJsonRpcError(res, 404, `Not found: the MCP endpoint is ${MCP_PATH}`),
  );
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const type = (err as { type?: string }).type;
    if (type === 'entity.parse.failed')
      return sendJsonRpcError(res, 400, 'Parse error: invalid JSON', -32700);
    if (type === 'entity.too.large')
      return sendJsonRpcError(res, 413, `Request body larger than ${MAX_BODY}`);
    log.error('HTTP request failed', { error: err });
    sendJsonRpcError(res, 500, 'Internal server error', -32603);
  });

  const httpServer = createServer(app);
  await listen(httpServer, options.port, options.host);
  const port = (httpServer.address() as AddressInfo).port;
  const url = `http://${hostnameForHeader(options.host)}:${port}${MCP_PATH}`;
  log.debug('listening', { url, stateless: options.stateless, auth: Boolean(options.token) });

  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    close: () => {
      closing ??= (async () => {
        const stopped = new Promise<void>((resolve) => httpServer.close(() => resolve()));
        await Promise.allSettled([...sessions.values()].map(closeSession));
        // Open SSE streams and keep-alive sockets would otherwise hold close() open.
        httpServer.closeAllConnections();
        await stopped;
      })();
      return closing;
    },
  };
}

function openSession(createMcpServer: () => McpServer, sessions: Map<string, Session>, log: Logger): Session {
  const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
    sessionIdGenerator: () => randomUUID(),
    onsessioninitialized: (id) => {
      sessions.set(id, session);
      log.debug('session opened', { sessionId: id, sessions: sessions.size });
    },
  });
  const session: Session = { transport, server: createMcpServer(), inFlight: 0 };
  // Set before connect(): the SDK chains the server's own cleanup after ours (DELETE, idle, shutdown).
  transport.onclose = () => {
    clearTimeout(session.idleTimer);
    const id = transport.sessionId;
    if (id && sessions.delete(id)) log.debug('session closed', { sessionId: id, sessions: sessions.size });
    // Lets the server release what it holds (log listeners); its close() of this transport is a no-op now.
    void session.server.close();
  };
  transport.onerror = (error) => log.debug('transport error', { error });
  return session;
}

async function closeSession(session: Session): Promise<void> {
  clearTimeout(session.idleTimer);
  await session.transport.close();
  await session.server.close();
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
