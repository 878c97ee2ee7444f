/**
 * Where the bearer token comes from. A static private-app token or service key today; an OAuth
 * refresh provider plugs in here later. Refreshing must happen outside the request throttle, so
 * a refresh never waits behind the very requests that need the new token.
 */
export interface TokenProvider {
  token(): Promise<string>;
  /** Called after a 401 so a refreshing provider can fetch a new token; static tokens ignore it. */
  invalidate?(): void;
}

export function staticToken(token: string): TokenProvider {
  return { token: async () => token };
}
