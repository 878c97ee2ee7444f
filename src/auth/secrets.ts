/**
 * Opaque 256-bit tokens, their sha256 (the only form any store or log sees), and AES-256-GCM for
 * the HubSpot tokens a grant holds at rest (key MCP_OAUTH_KEY, the grant id as additional data, so
 * a sealed value copied onto another grant does not open).
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const newToken = (): string => randomBytes(32).toString('base64url');
export const hashOf = (token: string): string => createHash('sha256').update(token).digest('hex');
export const s256 = (verifier: string): string => createHash('sha256').update(verifier).digest('base64url');

export function sameText(a: string, b: string): boolean {
  const x = createHash('sha256').update(a).digest();
  const y = createHash('sha256').update(b).digest();
  return timingSafeEqual(x, y);
}

/** base64url(iv | tag | ciphertext). */
export function seal(key: Buffer, aad: string, plain: unknown): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad));
  const body = Buffer.concat([cipher.update(JSON.stringify(plain), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

/** Throws when the key, the additional data or the text is not the one sealed. */
export function unseal<T>(key: Buffer, aad: string, sealed: string): T {
  const raw = Buffer.from(sealed, 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  decipher.setAAD(Buffer.from(aad));
  decipher.setAuthTag(raw.subarray(12, 28));
  return JSON.parse(Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8'));
}
