/**
 * What the broker stores, and for how long (../shared/reference/http-oauth.md's key table): the
 * consent awaiting its POST, our authorization codes, access and refresh tokens (each keyed by the
 * sha256 of the value handed out), and what a verified request says about its person.
 */
export const TTL = {
  consentMs: 10 * 60_000,
  codeMs: 60_000,
  accessMs: 60 * 60_000,
  refreshMs: 30 * 86_400_000,
};

export interface Consent {
  clientId: string;
  redirectUri: string;
  state?: string;
  scopes: string[];
  codeChallenge: string;
  resource: string;
  /** sha256 of the browser nonce cookie set with the consent page. */
  browser: string;
}
export interface CodeRecord {
  grantId: string;
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  resource: string;
  scopes: string[];
}
export interface TokenRecord {
  grantId: string;
  clientId: string;
  scopes: string[];
  resource: string;
  /** ms. */
  exp?: number;
}

/** What a verified request carries in AuthInfo.extra. */
export interface Identity {
  grantId: string;
  hubId: number;
  userId: number;
  user?: string;
  clientId: string;
  /** hubId:userId:clientId — sessions belong to this. */
  owner: string;
}

export const sameResource = (a: string, b: string) => a.replace(/\/$/, '') === b.replace(/\/$/, '');
