/**
 * Bad input caught before any request is sent: names the field and the fix. A problem worded as a
 * predicate ("is required") reads as a sentence: `pairs is required; …`.
 */
export class InputError extends Error {
  override readonly name = 'InputError';
  constructor(
    readonly field: string,
    readonly problem: string,
    readonly fix: string,
  ) {
    super(`${field}${problem.startsWith('is ') ? ' ' : ': '}${problem}; ${fix}`);
  }
}

/**
 * A request refused because its call was cancelled (the client gave up, cancel_job, the server
 * stopping) while it waited for the budget: it was never sent, so nothing of it reached HubSpot.
 * Requests already sent finish: a call stops at the next batch boundary.
 */
export class CancelledError extends Error {
  override readonly name = 'CancelledError';
  constructor(readonly reason = 'the call was cancelled') {
    super(NOT_SENT);
  }
}

/** What a cancelled request says where an item's error is shown. */
export const NOT_SENT = 'cancelled before it was sent';

export type RateLimitPolicy = 'TEN_SECONDLY_ROLLING' | 'SECONDLY' | 'DAILY';

/** HubSpot's error body (spec `Error`); HubSpot says to treat every field as optional. */
export interface HubSpotErrorBody {
  status?: string;
  message?: string;
  correlationId?: string;
  category?: string;
  subCategory?: unknown;
  errors?: Array<{ message?: string; code?: string; context?: Record<string, string[]> }>;
  context?: Record<string, string[]>;
  policyName?: string;
  errorType?: string;
  /** RFC 6749 §5.2 fields, sent by the OAuth token endpoints beside `status` / `message`. */
  error?: string;
  error_description?: string;
}

const MAX_MESSAGE = 300;

function clip(text: string): string {
  return text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE)}…` : text;
}

/** A non-2xx answer from HubSpot (or a network failure, status 0), with an agent-facing hint. */
export class HubSpotError extends Error {
  override readonly name = 'HubSpotError';
  readonly status: number;
  readonly category?: string;
  readonly subCategory?: unknown;
  readonly correlationId?: string;
  readonly context?: Record<string, string[]>;
  readonly policyName?: string;
  readonly body?: HubSpotErrorBody;
  /** Seconds the caller should wait before trying again, when HubSpot's answer says so. */
  readonly retryAfterSeconds?: number;
  /** X-HubSpot-RateLimit-Interval-Milliseconds of the answer, when present. */
  readonly intervalMs?: number;

  constructor(
    status: number,
    body: HubSpotErrorBody | undefined,
    readonly request: { method: string; path: string },
    meta: { retryAfterSeconds?: number; intervalMs?: number } = {},
  ) {
    super(clip(body?.message ?? (status === 0 ? 'network error' : `HTTP ${status}`)));
    this.status = status;
    this.body = body;
    this.category = body?.category ?? body?.errorType;
    this.subCategory = body?.subCategory;
    this.correlationId = body?.correlationId;
    this.context = body?.context;
    this.policyName = body?.policyName;
    this.retryAfterSeconds = meta.retryAfterSeconds;
    this.intervalMs = meta.intervalMs;
  }

  /** Short, actionable text for an agent. Never contains the token or the raw body. */
  get hint(): string {
    return hintFor(this);
  }
}

/**
 * What to do instead, for the association errors HubSpot words the same way every time. The
 * client speaks of HubSpot only; the tools layer names its own tools in these texts (the
 * client knows no tools).
 */
export const ADVICE = {
  invalidType: 'pick a type that exists for this object pair',
  labelInUse: 'remove the label from its associations first',
  limitReached: 'remove some associations, or raise the limit',
  invalidIds: 'check that each record id exists and belongs to its object type',
  objectType: "use an object type name such as 'contacts' or an id such as '0-1'",
  notFound: 'Check the object type and record ids',
  customObjects: "a custom object's id like '2-123'",
} as const;

const PATTERNS: Array<[RegExp, keyof typeof ADVICE]> = [
  [/not a valid association type|association ?type ?id/i, 'invalidType'],
  [/used to describe associated records|label is in use/i, 'labelInUse'],
  [/limit exceeded|maxToObjectIds|ASSOCIATION_USER_CONFIG_LIMIT_EXCEEDED/i, 'limitReached'],
  [/associations are invalid|is not valid|INVALID_OBJECT_IDS/i, 'invalidIds'],
  [/unable to infer object type/i, 'objectType'],
];

export function adviceFor(text: string): string | undefined {
  const kind = PATTERNS.find(([pattern]) => pattern.test(text))?.[1];
  return kind && ADVICE[kind];
}

function requiredScopes(error: HubSpotError): string[] {
  const scopes = error.body?.errors?.flatMap((e) => e.context?.requiredGranularScopes ?? []) ?? [];
  return [...new Set(scopes)];
}

function hintFor(error: HubSpotError): string {
  const ref = error.correlationId ? ` (HubSpot correlationId ${error.correlationId})` : '';
  // Refused by our own budget before anything was sent (sharedThrottle.ts): the message says it all.
  if (error.category === 'BUDGET') return error.message;
  // The OAuth token endpoint's refusals (docs/hubspot-api.md §12.2), by HubSpot's legacy `status`
  // or the RFC 6749 `error` beside it: retrying cannot help.
  const named = (...names: string[]) =>
    [error.category, error.body?.status, error.body?.error].some((n) => n && names.includes(n));
  if (named('BAD_REFRESH_TOKEN', 'invalid_grant'))
    return `re-authorise: the OAuth refresh token is invalid, expired or revoked (HUBSPOT_REFRESH_TOKEN)${ref}.`;
  if (named('BAD_CLIENT_ID', 'BAD_CLIENT_SECRET', 'invalid_client'))
    return `HubSpot does not know this OAuth app: check HUBSPOT_CLIENT_ID and HUBSPOT_CLIENT_SECRET (${error.message})${ref}.`;
  switch (error.status) {
    case 0:
      return `could not reach HubSpot: ${error.message}. Check the network or HUBSPOT_API_BASE_URL, then retry.`;
    case 401:
      return `HubSpot rejected the access token (invalid or expired). Set a valid HUBSPOT_ACCESS_TOKEN (or OAuth credentials)${ref}.`;
    case 403: {
      const scopes = requiredScopes(error);
      return scopes.length > 0
        ? `the token lacks the scope ${scopes.join(' or ')}; add it to the private app or service key${ref}.`
        : `HubSpot refused access: ${error.message}${ref}.`;
    }
    case 404:
      return `not found: ${error.message}. ${ADVICE.notFound}${ref}.`;
    case 429:
      if (error.policyName === 'DAILY') {
        return `daily API budget spent: HubSpot allows no more requests today (resets at midnight in the account's time zone). Stop for today${ref}.`;
      }
      return `rate limit exceeded (${error.policyName ?? 'burst'}). Retry after ${error.retryAfterSeconds ?? Math.ceil((error.intervalMs ?? 10_000) / 1000)}s${ref}.`;
    default:
      if (error.status >= 500)
        return `HubSpot failed (${error.status}): ${error.message}. Retry later${ref}.`;
      return `${error.message}${contextText(error.context)}${adviceText(error)}${ref}`;
  }
}

function adviceText(error: HubSpotError): string {
  const advice = adviceFor(`${error.message} ${JSON.stringify(error.context ?? {})}`);
  return advice ? `. Fix: ${advice}` : '';
}

function contextText(context?: Record<string, string[]>): string {
  if (!context) return '';
  const parts = Object.entries(context)
    .filter(([, v]) => Array.isArray(v) && v.length > 0)
    .map(([k, v]) => `${k}: ${v.slice(0, 5).join(', ')}`);
  return parts.length > 0 ? clip(` [${parts.join('; ')}]`) : '';
}
