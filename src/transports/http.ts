import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import express, {
  type NextFunction,
  type Request,
  type RequestHandler,
  type Response,
  type Router,
} from 'express';
import type { Logger } from '../logger.js';
import {
  allowedHostnames,
  bearerGuard,
  hostGuard,
  hostnameForHeader,
  originGuard,
  sendJsonRpcError,
} from './httpGuards.js';
import { createSessions, type Session } from './httpSessions.js';

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
  /**
   * Stateful mode: sessions open at once. When full, a new initialize is refused with 503 and
   * Retry-After (existing sessions are never evicted). Default 100.
   */
  maxSessions?: number;
  /** GET /readyz: 200 with this JSON when `ready`, else 503 (e.g. Redis unreachable). Default: ready. */
  readiness?: () => Promise<{ ready: boolean; [detail: string]: unknown }>;
  /**
   * MCP_HTTP_AUTH=oauth: the OAuth endpoints, mounted at the root before the Origin guard (a
   * browser posts the consent form from our own origin), and the guard of /mcp instead of the
   * MCP_HTTP_TOKEN check. A session then belongs to its AuthInfo's `extra.owner`; anyone else's
   * request for it gets 404.
   */
  auth?: { routes: Router; guard: RequestHandler };
}

type Authed = Request & { auth?: AuthInfo };
/** Who a request acts for (MCP_HTTP_AUTH=oauth), or undefined. */
const ownerOf = (req: Request): string | undefined => {
  const owner = (req as Authed).auth?.extra?.owner;
  return typeof owner === 'string' ? owner : undefined;
};

export interface HttpHandle {
  url: string;
  port: number;
  close(): Promise<void>;
}

export const MCP_PATH = '/mcp';
/** Same ceiling as the SDK transport's own body limit; associate_records may carry 10 000 pairs. */
const MAX_BODY = '4mb';

/** Streamable HTTP at /mcp: stateful (session map) or stateless (server + transport per POST). */
export async function serveHttp(
  createMcpServer: (auth?: AuthInfo) => McpServer,
  options: HttpOptions,
): Promise<HttpHandle> {
  const log = options.logger.child('http');
  const sessions = createSessions({
    maxSessions: options.maxSessions ?? 100,
    idleMs: options.sessionIdleTimeoutMs ?? 30 * 60_000,
    log,
  });

  const app = express();
  app.disable('x-powered-by');
  // Order matters: reject foreign Host/Origin and bad credentials before reading any body.
  app.use(hostGuard(allowedHostnames(options.host, options.allowedHosts ?? [])));
  if (options.auth) app.use(options.auth.routes);
  app.use(originGuard(options.allowedOrigins));
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  // Readiness for a load balancer (no bearer, like /healthz): budget counts only, nothing secret.
  app.get('/readyz', async (_req, res) => {
    const state = (await options.readiness?.().catch((error: unknown) => ({
      ready: false,
      error: error instanceof Error ? error.message : String(error),
    }))) ?? { ready: true };
    res.status(state.ready ? 200 : 503).json({ status: state.ready ? 'ready' : 'not ready', ...state });
  });
  app.use(options.auth ? options.auth.guard : bearerGuard(options.token));
  app.use(express.json({ limit: MAX_BODY }));

  if (options.stateless) {
    app.post(MCP_PATH, async (req, res) => {
      const server = createMcpServer((req as Authed).auth);
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
    const existing = (req: Request, res: Response): Session | undefined => {
      const sessionId = req.headers['mcp-session-id'];
      if (typeof sessionId !== 'string') {
        sendJsonRpcError(res, 400, 'Bad Request: Mcp-Session-Id header is required (send initialize first)');
        return undefined;
      }
      const found = sessions.get(sessionId);
      // A session belongs to one (portal, user, client): to anyone else it does not exist.
      const session = found && found.owner === ownerOf(req) ? found : undefined;
      if (!session) sendJsonRpcError(res, 404, 'Session not found: initialize a new session');
      else sessions.track(session, res);
      return session;
    };

    app.post(MCP_PATH, async (req, res) => {
      if (req.headers['mcp-session-id'] !== undefined || !isInitializeRequest(req.body)) {
        const session = existing(req, res);
        return session?.transport.handleRequest(req, res, req.body);
      }
      const session = sessions.open(() => createMcpServer((req as Authed).auth), ownerOf(req));
      if (!session) {
        res.setHeader('Retry-After', String(sessions.retryAfterSeconds()));
        return sendJsonRpcError(
          res,
          503,
          'Service Unavailable: the server has as many open sessions as MCP_HTTP_MAX_SESSIONS allows; retry later (idle sessions expire after MCP_HTTP_SESSION_IDLE_S)',
        );
      }
      sessions.track(session, res);
      try {
        await session.server.connect(session.transport);
        await session.transport.handleRequest(req, res, req.body);
      } finally {
        // initialize was refused (e.g. bad protocol version): nothing will ever address this session.
        if (!session.transport.sessionId) await sessions.close(session);
      }
    });
    const bySession = async (req: Request, res: Response) => {
      await existing(req, res)?.transport.handleRequest(req, res);
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
    const { type, status } = (typeof err === 'object' && err !== null ? err : {}) as {
      type?: string;
      status?: unknown;
    };
    if (type === 'entity.parse.failed')
      return sendJsonRpcError(res, 400, 'Parse error: invalid JSON', -32700);
    if (type === 'entity.too.large')
      return sendJsonRpcError(res, 413, `Request body larger than ${MAX_BODY}`);
    // Other body errors (unsupported charset or encoding, aborted upload): their status, a fixed text.
    if (typeof status === 'number' && status >= 400 && status < 500)
      return sendJsonRpcError(res, status, `Request body rejected (${type ?? `HTTP ${status}`})`);
    // The details (stack, file paths) go to stderr only, never to the client.
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
        await sessions.closeAll();
        // Open SSE streams and keep-alive sockets would otherwise hold close() open.
        httpServer.closeAllConnections();
        await stopped;
      })();
      return closing;
    },
  };
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
