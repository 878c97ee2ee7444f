/**
 * The browser binding: a random nonce in an HttpOnly cookie set with the consent page; the consent
 * POST and HubSpot's callback must come from the browser holding it (the check FastMCP's proxy
 * lacked, CVE-2026-27124). Only its sha256 is stored.
 */
import { newToken } from './secrets.js';

export const BROWSER_COOKIE = 'hsmcp_browser';

export const newBrowser = (): string => newToken();

export function browserCookie(value: string, secure: boolean, maxAgeMs: number): string {
  return `${BROWSER_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${Math.floor(maxAgeMs / 1000)}${secure ? '; Secure' : ''}`;
}

export function browserOf(cookieHeader: string | undefined): string | undefined {
  for (const part of (cookieHeader ?? '').split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === BROWSER_COOKIE) return rest.join('=');
  }
  return undefined;
}
