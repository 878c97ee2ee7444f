import { createHash, timingSafeEqual } from 'node:crypto';
import { hostHeaderValidation } from '@modelcontextprotocol/sdk/server/middleware/hostHeaderValidation.js';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { isLoopbackHost } from '../config.js';

/** Answer with a JSON-RPC error envelope (id null: the request was never dispatched). */
export function sendJsonRpcError(res: Response, status: number, message: string, code = -32000): void {
  if (res.headersSent) return;
  res.status(status).json({ jsonrpc: '2.0', error: { code, message }, id: null });
}

const LOOPBACK_HOSTNAMES = ['localhost', '127.0.0.1', '[::1]'];
const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '']);

/** Host header names as URL.hostname spells them (IPv6 in brackets, lower case). */
export function hostnameForHeader(host: string): string {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  return bare.includes(':') ? `[${bare}]` : bare;
}

/**
 * Which Host header names to accept (DNS-rebinding protection). Loopback bind: loopback names.
 * Specific address: that address. Wildcard bind: only names the operator listed; with none we
 * cannot know the public name, so Host is not checked and the (mandatory) bearer token protects.
 */
export function allowedHostnames(bindHost: string, extra: string[]): string[] | undefined {
  const listed = extra.map(hostnameForHeader);
  if (isLoopbackHost(bindHost))
    return [...new Set([...LOOPBACK_HOSTNAMES, hostnameForHeader(bindHost), ...listed])];
  if (WILDCARD_HOSTS.has(bindHost)) return listed.length > 0 ? listed : undefined;
  return [...new Set([hostnameForHeader(bindHost), ...listed])];
}

/** DNS-rebinding protection: the SDK's Host check when there is a list, nothing when there is none. */
export function hostGuard(allowed: string[] | undefined): RequestHandler {
  return allowed ? hostHeaderValidation(allowed) : (_req, _res, next) => next();
}

const LOOPBACK_ORIGIN = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?$/i;

/** Spec: a present Origin that is not ours → 403. Requests without Origin (non-browser clients) pass. */
export function originGuard(extraOrigins: string[]): RequestHandler {
  const allowed = new Set(extraOrigins.map((o) => o.toLowerCase()));
  return (req, res, next) => {
    const origin = req.headers.origin;
    if (origin === undefined || LOOPBACK_ORIGIN.test(origin) || allowed.has(origin.toLowerCase()))
      return next();
    sendJsonRpcError(
      res,
      403,
      `Forbidden: origin ${JSON.stringify(origin)} is not allowed (see --allowed-origins)`,
    );
  };
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Bearer check in constant time (both sides hashed first, so lengths leak nothing either). */
export function bearerGuard(token: string | undefined): RequestHandler {
  if (!token) return (_req, _res, next) => next();
  const expected = digest(token);
  return (req: Request & { auth?: unknown }, res: Response, next: NextFunction) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    const presented = match?.[1];
    if (!presented || !timingSafeEqual(digest(presented), expected)) {
      const challenge = presented
        ? 'Bearer realm="mcp", error="invalid_token", error_description="The bearer token is not valid"'
        : 'Bearer realm="mcp"';
      res.setHeader('WWW-Authenticate', challenge);
      return sendJsonRpcError(
        res,
        401,
        presented
          ? 'Unauthorized: invalid bearer token'
          : 'Unauthorized: send Authorization: Bearer <MCP_HTTP_TOKEN>',
      );
    }
    // Tools see it as extra.authInfo.
    req.auth = { token: presented, clientId: 'mcp-http-token', scopes: [] };
    next();
  };
}
