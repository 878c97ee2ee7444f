/** Fault injection: the next matching requests get a chosen failure instead of (or after) their answer. */
import { STATUS_CODES } from 'node:http';
import { AUTH_MESSAGE } from './errors.js';
import { type RateLimitPolicy, rateLimitBody } from './rateLimit.js';
import { textMatches } from './requestLog.js';

export interface Fault {
  /** HTTP status to answer; 0 resets the connection without an answer. */
  status: number;
  /** How many matching requests fail (default 1; with `chance`, unlimited until clear()). */
  times?: number;
  /**
   * Fail each matching request with this probability (0 < chance ≤ 1) instead of every one:
   * background noise for soak tests. Repeatable: drawn from the sandbox's seeded generator.
   */
  chance?: number;
  /** For 429: which budget the body names (default TEN_SECONDLY_ROLLING). */
  policyName?: RateLimitPolicy;
  /** Sent as Retry-After. */
  retryAfterSeconds?: number;
  /**
   * Which requests: a route template ('POST /crm/v3/objects/{objectType}') matches that operation
   * exactly, other text a substring of the operation or of "METHOD path"; default every request.
   */
  match?: string | ((method: string, path: string) => boolean);
  /** Apply the request, then answer the fault: "committed but the answer was lost". */
  commitThenFail?: boolean;
  /** Wait this long before answering (slow HubSpot, client timeouts). */
  delayMs?: number;
  /** Body to send instead of the HubSpot-shaped default for the status. */
  body?: Record<string, unknown>;
}

export interface Faults {
  inject(fault: Fault): void;
  clear(): void;
  /** Faults still armed (sum of remaining times). */
  pending(): number;
}

export interface ArmedFault {
  fault: Readonly<Fault>;
  /** Uses one of the fault's `times`. */
  consume(): void;
}

export interface FaultQueue extends Faults {
  /** The first armed fault matching the request, without using it. */
  next(method: string, path: string, operation: string): ArmedFault | undefined;
}

interface Slot {
  fault: Fault;
  left: number;
}

function matches(fault: Fault, method: string, path: string, operation: string): boolean {
  if (fault.match === undefined) return true;
  if (typeof fault.match === 'function') return fault.match(method, path);
  return textMatches(fault.match, method, path, operation);
}

/** mulberry32: a small seeded generator, so a soak run with faults can be replayed exactly. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export function createFaults(seed = 1): FaultQueue {
  let slots: Slot[] = [];
  const random = seeded(seed);
  return {
    inject(fault) {
      if (!Number.isInteger(fault.status) || fault.status < 0 || fault.status > 599) {
        throw new RangeError(`fault status must be 0 or an HTTP status, got ${fault.status}`);
      }
      const { chance } = fault;
      if (chance !== undefined && !(chance > 0 && chance <= 1))
        throw new RangeError(`fault chance must be in (0, 1], got ${chance}`);
      const times = fault.times ?? (chance === undefined ? 1 : Number.POSITIVE_INFINITY);
      if (times !== Number.POSITIVE_INFINITY && (!Number.isInteger(times) || times < 1))
        throw new RangeError(`fault times must be a positive integer, got ${times}`);
      slots.push({ fault: { ...fault }, left: times });
    },
    clear() {
      slots = [];
    },
    pending: () => slots.reduce((sum, s) => sum + s.left, 0),
    next(method, path, operation) {
      const slot = slots.find(
        (s) =>
          s.left > 0 &&
          matches(s.fault, method, path, operation) &&
          (s.fault.chance === undefined || random() < s.fault.chance),
      );
      if (!slot) return undefined;
      return {
        fault: slot.fault,
        consume() {
          slot.left--;
          if (slot.left <= 0) slots = slots.filter((s) => s !== slot);
        },
      };
    },
  };
}

const CATEGORIES: Record<number, string> = {
  401: 'INVALID_AUTHENTICATION',
  403: 'MISSING_SCOPES',
  404: 'OBJECT_NOT_FOUND',
  409: 'CONFLICT',
  423: 'LOCKED',
  477: 'MIGRATION_IN_PROGRESS',
};

/** The HubSpot-shaped answer of an injected fault. */
export function faultReply(
  fault: Fault,
  correlationId: string,
): { status: number; body: Record<string, unknown>; headers: Record<string, string> } {
  const headers: Record<string, string> =
    fault.retryAfterSeconds === undefined ? {} : { 'Retry-After': String(fault.retryAfterSeconds) };
  if (fault.body) return { status: fault.status, body: fault.body, headers };
  if (fault.status === 429) {
    return {
      status: 429,
      body: rateLimitBody(fault.policyName ?? 'TEN_SECONDLY_ROLLING', correlationId),
      headers,
    };
  }
  const category = CATEGORIES[fault.status] ?? (fault.status >= 500 ? 'INTERNAL_ERROR' : 'VALIDATION_ERROR');
  const message =
    fault.status === 401 ? AUTH_MESSAGE : `${STATUS_CODES[fault.status] ?? 'Error'} (injected sandbox fault)`;
  return { status: fault.status, body: { status: 'error', message, correlationId, category }, headers };
}
