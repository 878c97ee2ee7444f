import { type JSONRPCMessage, RequestIdSchema } from '@modelcontextprotocol/sdk/types.js';

/** JSON-RPC 2.0 error codes. */
const INVALID_REQUEST = -32600;
const INVALID_PARAMS = -32602;

const REQUEST_KEYS = new Set(['jsonrpc', 'id', 'method', 'params']);

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * What is wrong with a parsed line that is not a valid JSON-RPC message, and, when it is a request
 * we can answer (it carries a usable id), the error answer with that id. The text names the first
 * problem only: no parser dump, no echo of the values sent.
 */
export function invalidMessageAnswer(value: unknown): { problem: string; reply?: JSONRPCMessage } {
  if (!isObject(value)) return { problem: 'not a JSON object' };
  const id = RequestIdSchema.safeParse(value.id);
  if (!id.success) return { problem: 'no usable id (a string or an integer), so it cannot be answered' };
  if (!('method' in value) && ('result' in value || 'error' in value))
    return { problem: 'a malformed response' };
  const [code, problem] = requestProblem(value);
  return {
    problem,
    reply: { jsonrpc: '2.0', id: id.data, error: { code, message: problem } },
  };
}

function requestProblem(request: Record<string, unknown>): [number, string] {
  if (request.jsonrpc !== '2.0') return [INVALID_REQUEST, 'Invalid Request: jsonrpc must be "2.0"'];
  if (typeof request.method !== 'string')
    return [INVALID_REQUEST, 'Invalid Request: method must be a string'];
  const extra = Object.keys(request).find((key) => !REQUEST_KEYS.has(key));
  if (extra !== undefined)
    return [INVALID_REQUEST, `Invalid Request: unexpected member ${JSON.stringify(extra.slice(0, 40))}`];
  if (request.params !== undefined && !isObject(request.params))
    return [INVALID_PARAMS, 'Invalid params: params must be an object'];
  return [INVALID_PARAMS, 'Invalid params: params._meta is not valid'];
}
