/** Route table: templates like '/crm/v4/objects/{objectType}/{objectId}', literals win over params. */
import type { RequestKind } from './rateLimit.js';

export interface Reply {
  status: number;
  body?: unknown;
  /** An HTML page instead of a JSON body (the OAuth sign-in page). */
  html?: string;
  headers?: Record<string, string>;
}

export interface RouteContext {
  method: string;
  /** Path without the query string. */
  pathname: string;
  params: Record<string, string>;
  query: URLSearchParams;
  /** Raw request body text. */
  raw: string;
  /** The request's Content-Type header ('' without one). */
  contentType: string;
  /** Parsed JSON body; throws HubSpot's 400 for a missing or malformed body. */
  json(): unknown;
  /** The answer's X-HubSpot-Correlation-Id, for bodies that carry it. */
  correlationId: string;
}

export interface Route {
  method: string;
  template: string;
  /** Search endpoints have their own per-second budget. */
  kind?: RequestKind;
  /** Needs no bearer and spends no API budget (the OAuth token endpoint). */
  open?: boolean;
  handle(ctx: RouteContext): Reply;
}

export type Match =
  | { route: Route; params: Record<string, string> }
  | { route?: undefined; allowed: string[] }
  | undefined;

interface Compiled {
  route: Route;
  segments: string[];
  literals: number;
}

const split = (path: string) => path.split('/').filter((s) => s !== '');
const isParam = (segment: string) => segment.startsWith('{') && segment.endsWith('}');

export interface Router {
  match(method: string, pathname: string): Match;
  /** Operation name for the request log: 'METHOD template'. */
  operation(route: Route): string;
}

export function createRouter(routes: readonly Route[]): Router {
  const compiled: Compiled[] = routes
    .map((route) => {
      const segments = split(route.template);
      return { route, segments, literals: segments.filter((s) => !isParam(s)).length };
    })
    .sort((a, b) => b.literals - a.literals);

  const bind = (segments: string[], parts: string[]): Record<string, string> | undefined => {
    if (segments.length !== parts.length) return undefined;
    const params: Record<string, string> = {};
    for (let i = 0; i < segments.length; i++) {
      const segment = segments[i]!;
      const part = parts[i]!;
      if (isParam(segment)) params[segment.slice(1, -1)] = part;
      else if (segment !== part) return undefined;
    }
    return params;
  };

  return {
    match(method, pathname) {
      let parts: string[];
      try {
        parts = split(pathname).map((p) => decodeURIComponent(p));
      } catch {
        return undefined;
      }
      const allowed: string[] = [];
      for (const c of compiled) {
        const params = bind(c.segments, parts);
        if (!params) continue;
        if (c.route.method === method) return { route: c.route, params };
        allowed.push(c.route.method);
      }
      return allowed.length > 0 ? { allowed } : undefined;
    },
    operation: (route) => `${route.method} ${route.template}`,
  };
}
