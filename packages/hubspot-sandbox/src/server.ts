/**
 * The HTTP front door: correlation id, auth, injected faults, rate limits, routing, logging.
 * Order matters: 401s and 429s cost no budget; an injected 429 bypasses the real limiter.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import {
  asSandboxError,
  errorBody,
  expiredAuthentication,
  newCorrelationId,
  SandboxError,
  unauthorized,
} from './errors.js';
import { type ArmedFault, type FaultQueue, faultReply } from './faults.js';
import type { TokenStatus } from './oauth.js';
import type { UserTokenStatus } from './oauthUsers.js';
import type { PortalState } from './portal.js';
import { rateLimitBody } from './rateLimit.js';
import type { RecordingLog } from './requestLog.js';
import type { Reply, Route, RouteContext, Router } from './router.js';
import { scopeRefusal } from './scopes.js';
import { isObject, type ParsedBody, parseBody } from './validate.js';

export interface ServerDeps {
  router: Router;
  state: PortalState;
  log: RecordingLog;
  faults: FaultQueue;
  token: string;
  /** Access tokens issued by the OAuth token endpoint, accepted besides `token` until they expire. */
  oauth?: { status(token: string): TokenStatus | undefined };
  /** Tokens of signed-in users (oauthUsers.ts): accepted until they expire, logged with the user. */
  users?: { status(token: string): UserTokenStatus | undefined };
  /** The only scopes the token has (unset: all); see scopes.ts. */
  scopes?: ReadonlySet<string>;
}

/** Bodies above this are refused (HubSpot's batch bodies stay far below it). */
const MAX_BODY_BYTES = 32 * 1024 * 1024;

const digest = (text: string) => createHash('sha256').update(text).digest();

function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Batch inputs (or array items) in a body, for the request log. */
function inputCount(parsed: ParsedBody | undefined): number | undefined {
  if (!parsed?.ok) return undefined;
  const v = parsed.value;
  if (Array.isArray(v)) return v.length;
  if (isObject(v) && Array.isArray(v.inputs)) return v.inputs.length;
  return undefined;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function createSandboxServer(deps: ServerDeps): Server {
  const { router, state, log, faults } = deps;
  const expected = digest(`Bearer ${deps.token}`);

  /** undefined when the request may pass; otherwise HubSpot's 401 (expired or invalid token). */
  const refusal = (req: IncomingMessage): SandboxError | undefined => {
    const header = req.headers.authorization?.trim();
    if (typeof header !== 'string') return unauthorized();
    if (timingSafeEqual(digest(header), expected)) return undefined;
    const bearer = header.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    const status =
      bearer === undefined ? undefined : (deps.oauth?.status(bearer) ?? deps.users?.status(bearer));
    if (status?.live) return undefined;
    return status ? expiredAuthentication(status.expiresAt, Date.now()) : unauthorized();
  };

  const send = (res: ServerResponse, reply: Reply, correlationId: string, extra: Record<string, string>) => {
    const headers: Record<string, string> = {
      'X-HubSpot-Correlation-Id': correlationId,
      'X-Request-Id': correlationId,
      ...extra,
      ...reply.headers,
    };
    if (reply.html !== undefined) {
      headers['Content-Type'] = 'text/html;charset=utf-8';
      res.writeHead(reply.status, headers).end(reply.html);
      return;
    }
    if (reply.body === undefined) {
      res.writeHead(reply.status, headers).end();
      return;
    }
    const text = JSON.stringify(reply.body);
    headers['Content-Type'] = 'application/json;charset=utf-8';
    headers['Content-Length'] = String(Buffer.byteLength(text));
    res.writeHead(reply.status, headers).end(text);
  };

  const errorReply = (error: SandboxError, correlationId: string): Reply => ({
    status: error.status,
    body: errorBody(error, correlationId),
  });

  const run = (route: Route, ctx: RouteContext, correlationId: string): Reply => {
    try {
      return route.handle(ctx);
    } catch (error) {
      return errorReply(asSandboxError(error), correlationId);
    }
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const arrivedAt = Date.now();
    const correlationId = newCorrelationId();
    const method = req.method ?? 'GET';
    const path = req.url ?? '/';
    const url = new URL(path, 'http://127.0.0.1');
    const match = router.match(method, url.pathname);
    const route = match?.route;
    const operation = route ? router.operation(route) : `${method} (no route)`;
    let parsed: ParsedBody | undefined;
    const auth = req.headers.authorization?.trim();
    const signedIn = auth?.startsWith('Bearer ') ? deps.users?.status(auth.slice(7).trim()) : undefined;
    const user = signedIn?.user.email;
    const finish = (status: number) => {
      const inputs = inputCount(parsed);
      log.record({
        method,
        path,
        operation,
        status,
        at: Date.now(),
        arrivedAt,
        ...(inputs === undefined ? {} : { inputs }),
        ...(user ? { user } : {}),
      });
    };
    const answer = (reply: Reply, extra: Record<string, string> = {}) => {
      send(res, reply, correlationId, extra);
      finish(reply.status);
    };

    const raw = await readBody(req);
    if (raw === undefined) {
      answer(errorReply(new SandboxError(413, 'VALIDATION_ERROR', 'Request body too large'), correlationId));
      return;
    }
    if (raw.trim() !== '') parsed = parseBody(raw);

    const refused = route?.open ? undefined : refusal(req);
    if (refused) {
      answer(errorReply(refused, correlationId));
      return;
    }

    const armed: ArmedFault | undefined = faults.next(method, path, operation);
    if (armed?.fault.status === 429) {
      armed.consume();
      await deliverFault(armed, {});
      return;
    }

    // OAuth tokens share the static token's budget; the token endpoint is outside it.
    const verdict = route?.open
      ? ({ ok: true, headers: {} } as const)
      : state.limiter.admit(deps.token, route?.kind ?? 'standard');
    if (!verdict.ok) {
      answer({ status: 429, body: rateLimitBody(verdict.policy, correlationId) }, verdict.headers);
      return;
    }
    const rateHeaders = verdict.headers;

    if (!route) {
      const allowed = match && 'allowed' in match ? match.allowed : [];
      const error =
        allowed.length > 0
          ? new SandboxError(
              405,
              'VALIDATION_ERROR',
              `Method ${method} is not allowed here; use ${allowed.join(', ')}`,
            )
          : new SandboxError(
              404,
              'OBJECT_NOT_FOUND',
              `No endpoint ${method} ${url.pathname} in the sandbox portal`,
            );
      answer(errorReply(error, correlationId), rateHeaders);
      return;
    }

    // A signed-in user's token has the scopes granted at sign-in; the static token has `scopes`.
    const granted = signedIn ? new Set(signedIn.scopes) : deps.scopes;
    const missing = granted && scopeRefusal(granted, method, url.pathname);
    if (missing) {
      answer(errorReply(missing, correlationId), rateHeaders);
      return;
    }

    const ctx: RouteContext = {
      method,
      pathname: url.pathname,
      params: match.params,
      query: url.searchParams,
      raw,
      contentType: req.headers['content-type'] ?? '',
      correlationId,
      json() {
        const body = parsed ?? parseBody(raw);
        if (!body.ok) throw body.error;
        return body.value;
      },
    };

    if (armed) {
      armed.consume();
      // "Committed but the answer was lost": the write happens, the client sees only the fault.
      if (armed.fault.commitThenFail) run(route, ctx, correlationId);
      await deliverFault(armed, rateHeaders);
      return;
    }
    answer(run(route, ctx, correlationId), rateHeaders);

    async function deliverFault(fault: ArmedFault, headers: Record<string, string>): Promise<void> {
      if (fault.fault.delayMs) await sleep(fault.fault.delayMs);
      if (fault.fault.status === 0) {
        req.socket.destroy();
        finish(0);
        return;
      }
      const reply = faultReply(fault.fault, correlationId);
      answer(reply, reply.status === 429 ? {} : headers);
    }
  }

  return createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) {
        const correlationId = newCorrelationId();
        send(res, errorReply(asSandboxError(error), correlationId), correlationId, {});
      } else {
        res.destroy();
      }
    });
  });
}
