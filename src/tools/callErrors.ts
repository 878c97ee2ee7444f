// What a tools/call answer says when the call goes wrong: the field and the fix, a bounded echo of
// the client's text, and nothing from inside the server (no message, stack or path of a crash).
import { randomUUID } from 'node:crypto';
import {
  CallToolRequestParamsSchema,
  CallToolRequestSchema,
  type CallToolResult,
} from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { type CancelledError, type HubSpotError, InputError } from '../hubspot/errors.js';
import { nameTools } from './advice.js';
import type { ToolDeps } from './types.js';

/** The most of any client-supplied text an error message repeats. */
const ECHO = 80;
/** A bound on an error's text: choices lists can be long, a client's input must not make them longer. */
const MAX_TEXT = 4_000;

const clip = (text: string, max: number): string => {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  // Never split a surrogate pair: a lone half is not text.
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
};

/** Client text for an error message: quoted, control characters escaped, at most ~80 characters. */
export function quote(text: string, max = ECHO): string {
  return text.length <= max
    ? JSON.stringify(text)
    : `${JSON.stringify(clip(text, max))}… (${text.length} characters)`;
}

/** A tool error the agent can act on: the field (when known), what is wrong, and the fix. */
export function errorResult(error: InputError | HubSpotError, deps: ToolDeps, tool: string): CallToolResult {
  const detail =
    error instanceof InputError
      ? { field: clip(error.field, ECHO), message: nameTools(error.message) }
      : {
          status: error.status,
          category: error.category,
          correlationId: error.correlationId,
          message: nameTools(error.hint),
        };
  const full = `${tool} failed: ${detail.message}`;
  const text = deps.logger.redact(full.length > MAX_TEXT ? `${clip(full, MAX_TEXT)}…` : full);
  return {
    isError: true,
    content: [{ type: 'text', text: deps.sandbox ? `[sandbox] ${text}` : text }],
    structuredContent: { error: { ...detail, message: text }, ...(deps.sandbox ? { sandbox: true } : {}) },
  };
}

/** A call stopped because it was cancelled, with what that means for the work (it was not all sent). */
export function cancelledResult(error: CancelledError, deps: ToolDeps, tool: string): CallToolResult {
  const text = `${tool} stopped before it finished (${error.reason}): requests not yet sent were not sent. Run it again to finish: what is done is found, not repeated.`;
  return {
    isError: true,
    content: [{ type: 'text', text: deps.sandbox ? `[sandbox] ${text}` : text }],
    structuredContent: {
      error: { message: text, cancelled: true },
      ...(deps.sandbox ? { sandbox: true } : {}),
    },
  };
}

/**
 * An unexpected failure: the client learns that it happened and a reference, never the message,
 * stack or file paths; the server log has the details under the same reference.
 */
export function internalErrorResult(error: unknown, deps: ToolDeps, tool: string): CallToolResult {
  const ref = randomUUID().slice(0, 8);
  deps.logger.error(`${tool} crashed (ref ${ref})`, { ref, error });
  const text = `${tool} failed: internal error in ${tool}; the server logged the details (ref ${ref}).`;
  return {
    isError: true,
    content: [{ type: 'text', text: deps.sandbox ? `[sandbox] ${text}` : text }],
    structuredContent: { error: { message: text, ref }, ...(deps.sandbox ? { sandbox: true } : {}) },
  };
}

/** For safeParse: a missing field reads "is required" rather than "expected string, received undefined". */
export const missingAsRequired = (issue: { code?: string; input?: unknown }): string | undefined =>
  issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : undefined;

const pathText = (path: PropertyKey[]) =>
  path
    .map((p, i) =>
      typeof p === 'number' ? `[${p}]` : i === 0 ? clip(String(p), 40) : `.${clip(String(p), 40)}`,
    )
    .join('') || 'arguments';

const issueText = (issue: z.ZodError['issues'][number]) => {
  const message = clip(issue.message, 200);
  return `${pathText(issue.path)}${message.startsWith('is ') ? ' ' : ': '}${message}`;
};

/** The first few problems zod found, as one InputError that names the (first) field. */
export function invalidInput(error: z.ZodError): InputError {
  const [first, ...more] = error.issues.slice(0, 3);
  const rest = error.issues.length - 3;
  const problem = [
    clip(first?.message ?? 'is not valid', 200),
    ...more.map(issueText),
    ...(rest > 0 ? [`and ${rest} more`] : []),
  ].join('; ');
  const missing = error.issues.filter((i) => i.message === 'is required').length;
  const verb = missing < error.issues.length ? 'correct' : 'add';
  return new InputError(
    pathText(first?.path ?? []),
    problem,
    `${verb} ${error.issues.length > 1 ? 'them' : 'it'} as the tool's inputSchema describes`,
  );
}

const kind = (value: unknown) =>
  value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;

/** tools/call params as the handler reads them; `problem` marks a call whose shape is wrong. */
export interface Call {
  name: string;
  arguments?: Record<string, unknown>;
  /** Asked as an MCP task (tools/call with `task`). */
  task?: { ttl?: number };
  problem?: { field: string; problem: string };
}

function shapeProblem(params: Record<string, unknown>, error: z.ZodError): Call['problem'] {
  if (typeof params.name !== 'string') {
    const problem =
      params.name === undefined ? 'is required' : `must be a tool name, not ${kind(params.name)}`;
    return { field: 'name', problem };
  }
  const args = params.arguments;
  if (args !== undefined && (args === null || typeof args !== 'object' || Array.isArray(args))) {
    return { field: 'arguments', problem: `must be an object of the tool's fields, not ${kind(args)}` };
  }
  const [first] = error.issues;
  return {
    field: first ? pathText(first.path) : 'params',
    problem: clip(first?.message ?? 'is not valid', 200),
  };
}

/**
 * Reads tools/call params. The SDK checks them before any handler runs and answers a bad shape
 * (`arguments: 5`, a numeric name) with a dump of its schema errors; read here, the shape becomes
 * a tool error that names the field, and the SDK's own check then always passes.
 */
function readCall(raw: unknown): Call {
  const valid = CallToolRequestParamsSchema.safeParse(raw);
  if (valid.success) return valid.data;
  const params = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? raw : {};
  const { name } = params as { name?: unknown };
  return {
    name: typeof name === 'string' ? name : '',
    arguments: {},
    problem: shapeProblem(params as Record<string, unknown>, valid.error),
  };
}

/** tools/call as the SDK defines it, with params read by readCall. */
export const ToolCallRequest = CallToolRequestSchema.extend({
  params: z.unknown().optional().transform(readCall),
});
