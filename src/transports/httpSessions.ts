import { createHash, randomUUID } from 'node:crypto';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { Response } from 'express';
import type { Logger } from '../logger.js';

export interface Session {
  transport: StreamableHTTPServerTransport;
  server: McpServer;
  /** Requests (and SSE streams) open right now. */
  inFlight: number;
  /** When inFlight last dropped to 0. */
  idleSince: number;
  idleTimer?: NodeJS.Timeout;
  /** MCP_HTTP_AUTH=oauth: whose session it is (portal:user:client). */
  owner?: string;
}

export interface SessionOptions {
  /** Sessions open at once (initialized or initializing); a new initialize beyond it is refused. */
  maxSessions: number;
  /** A session with no request in flight for this long is closed. */
  idleMs: number;
  log: Logger;
}

export interface Sessions {
  get(id: string): Session | undefined;
  /** A new session for an initialize request, or undefined when maxSessions are open. */
  open(createMcpServer: () => McpServer, owner?: string): Session | undefined;
  /** Counts `res` as in flight on the session until it closes, then arms the idle timer. */
  track(session: Session, res: Response): void;
  /** Seconds until the earliest idle session expires (frees a slot), at least 1. */
  retryAfterSeconds(): number;
  close(session: Session): Promise<void>;
  closeAll(): Promise<void>;
}

/** Session ids are bearer-like: logs carry a short one-way tag instead. */
export const sessionTag = (id: string): string => createHash('sha256').update(id).digest('hex').slice(0, 8);

/** The stateful HTTP mode's session map, with its cap and idle expiry. */
export function createSessions(options: SessionOptions): Sessions {
  const { log, idleMs } = options;
  const sessions = new Map<string, Session>();
  let initializing = 0;

  const close = async (session: Session) => {
    clearTimeout(session.idleTimer);
    await session.transport.close();
    await session.server.close();
  };

  return {
    get: (id) => sessions.get(id),

    open(createMcpServer, owner) {
      if (sessions.size + initializing >= options.maxSessions) return undefined;
      const server = createMcpServer(); // may throw: nothing counted yet
      initializing++;
      let counted = true;
      const settle = () => {
        if (counted) initializing--;
        counted = false;
      };
      const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        onsessioninitialized: (id) => {
          settle();
          sessions.set(id, session);
          log.debug('session opened', { session: sessionTag(id), sessions: sessions.size });
        },
      });
      const session: Session = {
        transport,
        server,
        inFlight: 0,
        idleSince: Date.now(),
        ...(owner ? { owner } : {}),
      };
      // Set before connect(): the SDK chains the server's own cleanup after ours (DELETE, idle, shutdown).
      transport.onclose = () => {
        settle();
        clearTimeout(session.idleTimer);
        const id = transport.sessionId;
        if (id && sessions.delete(id))
          log.debug('session closed', { session: sessionTag(id), sessions: sessions.size });
        // Lets the server release what it holds (log listeners); its close() of this transport is a no-op now.
        void session.server.close();
      };
      transport.onerror = (error) => log.debug('transport error', { error: error.message });
      return session;
    },

    track(session, res) {
      clearTimeout(session.idleTimer);
      session.inFlight++;
      res.on('close', () => {
        session.inFlight--;
        const id = session.transport.sessionId;
        if (session.inFlight > 0 || !id || !sessions.has(id)) return;
        session.idleSince = Date.now();
        session.idleTimer = setTimeout(() => {
          log.info('closing idle session', { session: sessionTag(id) });
          void close(session);
        }, idleMs).unref();
      });
    },

    retryAfterSeconds() {
      const now = Date.now();
      let soonest = idleMs;
      for (const session of sessions.values()) {
        if (session.inFlight === 0) soonest = Math.min(soonest, session.idleSince + idleMs - now);
      }
      return Math.max(1, Math.ceil(soonest / 1000));
    },

    close,
    closeAll: async () => {
      await Promise.allSettled([...sessions.values()].map(close));
    },
  };
}
