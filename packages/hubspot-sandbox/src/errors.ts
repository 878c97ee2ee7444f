/** HubSpot-shaped errors: the thrown type, the whole-request body, and the per-input batch item. */
import { randomUUID } from 'node:crypto';

export interface ErrorDetail {
  message: string;
  code?: string;
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
    ...(error.context ? { context: error.context } : {}),
    ...(error.errors ? { errors: error.errors } : {}),
  };
}

/** Spec `StandardError`: the item of `errors[]` in 207 and default-association answers. */
export function standardError(error: SandboxError): Record<string, unknown> {
  return {
    status: 'error',
    category: error.category,
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
