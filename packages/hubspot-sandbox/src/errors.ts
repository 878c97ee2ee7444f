/** HubSpot-shaped errors: the thrown type, the whole-request body, and the per-input batch item. */
import { randomUUID } from 'node:crypto';

export interface ErrorDetail {
  message: string;
  code?: string;
  subCategory?: string;
  in?: string;
  context?: Record<string, string[]>;
}

/** Thrown by handlers and domain code; the server turns it into HubSpot's error body. */
export class SandboxError extends Error {
  override readonly name = 'SandboxError';
  constructor(
    readonly status: number,
    readonly category: string,
    message: string,
    readonly context?: Record<string, string[]>,
    readonly errors?: ErrorDetail[],
    readonly subCategory?: string,
  ) {
    super(message);
  }
}

export const validationError = (message: string, context?: Record<string, string[]>) =>
  new SandboxError(400, 'VALIDATION_ERROR', message, context);

export const notFound = (message = 'resource not found', context?: Record<string, string[]>) =>
  new SandboxError(404, 'OBJECT_NOT_FOUND', message, context);

export const conflict = (message: string, context?: Record<string, string[]>) =>
  new SandboxError(409, 'CONFLICT', message, context);

export const newCorrelationId = (): string => randomUUID();

/** Spec `Error` plus the `status: "error"` real bodies carry. */
export function errorBody(error: SandboxError, correlationId: string): Record<string, unknown> {
  return {
    status: 'error',
    message: error.message,
    correlationId,
    category: error.category,
    ...(error.subCategory ? { subCategory: error.subCategory } : {}),
    ...(error.context ? { context: error.context } : {}),
    ...(error.errors ? { errors: error.errors } : {}),
  };
}

/** Spec `StandardError`: the item of `errors[]` in 207 and default-association answers. */
export function standardError(error: SandboxError): Record<string, unknown> {
  return {
    status: 'error',
    category: error.category,
    ...(error.subCategory ? { subCategory: error.subCategory } : {}),
    message: error.message,
    errors: error.errors ?? [],
    context: error.context ?? {},
    links: {},
  };
}

/** Anything thrown that is not a SandboxError is a sandbox bug: answer 500 like HubSpot would. */
export function asSandboxError(error: unknown): SandboxError {
  if (error instanceof SandboxError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new SandboxError(500, 'INTERNAL_ERROR', `internal error: ${message}`);
}

export const AUTH_MESSAGE =
  'Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview';

export const unauthorized = () => new SandboxError(401, 'INVALID_AUTHENTICATION', AUTH_MESSAGE);

/**
 * "expired N unit(s) ago". Observed: "0 second(s)", "75 second(s)", "92 minute(s)", "5 hour(s)",
 * "19884 day(s)" (docs/hubspot-fidelity.md §6), so a unit is used until the count reaches two of
 * the next one: seconds under 120 s, minutes under 120 min, hours under 48 h, then days (the
 * sandbox's reading of those five bodies; HubSpot documents no rule).
 */
export function expiredAgo(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 120) return `${seconds} second(s)`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 120) return `${minutes} minute(s)`;
  const hours = Math.floor(minutes / 60);
  return hours < 48 ? `${hours} hour(s)` : `${Math.floor(hours / 24)} day(s)`;
}

/** HubSpot's 401 for an OAuth access token past its expiry (docs/hubspot-fidelity.md §6). */
export const expiredAuthentication = (expiresAt: number, now: number) =>
  new SandboxError(
    401,
    'EXPIRED_AUTHENTICATION',
    `The OAuth token used to make this call expired ${expiredAgo(now - expiresAt)} ago.`,
    { 'expire time': [new Date(expiresAt).toISOString()] },
  );
