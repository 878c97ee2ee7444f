/** Talks to a started sandbox over real HTTP, as any HubSpot client would. */
import type { Sandbox } from 'hubspot-sandbox';

// biome-ignore lint/suspicious/noExplicitAny: bodies are arbitrary HubSpot JSON, asserted field by field.
export interface Answer<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

// biome-ignore lint/suspicious/noExplicitAny: as above.
export type Call = <T = any>(
  method: string,
  path: string,
  body?: unknown,
  token?: string | null,
) => Promise<Answer<T>>;

/** A caller bound to the sandbox; `token: null` sends no Authorization header. */
export function caller(sandbox: Sandbox): Call {
  return async (method, path, body, token) => {
    const headers: Record<string, string> = {};
    const bearer = token === undefined ? sandbox.token : token;
    if (bearer !== null) headers.authorization = `Bearer ${bearer}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${sandbox.url}${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: text === '' ? undefined : JSON.parse(text),
    };
  };
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
