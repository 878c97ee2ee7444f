/**
 * Web domains as the audit compares them: lower-cased, without a scheme, path, port or a leading
 * `www.`, then compared exactly (`acme.com` never matches `eu.acme.com`). Free-mail domains come
 * from the maintained list in src/data/free-email-domains.json (its PROVENANCE.md).
 */

/** A company's `domain` property (or a website) as compared; undefined when there is none. */
export function normalizeDomain(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  const host = value
    .trim()
    .toLowerCase()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
    .replace(/[/?#].*$/, '')
    .replace(/:\d+$/, '')
    .replace(/\.$/, '')
    .replace(/^www\./, '');
  return host.includes('.') && !/\s/.test(host) ? host : undefined;
}

/** The domain of an e-mail address (after its last `@`), as compared. */
export function emailDomain(email: string | null | undefined): string | undefined {
  if (!email) return undefined;
  const at = email.lastIndexOf('@');
  return at > 0 ? normalizeDomain(email.slice(at + 1)) : undefined;
}

export type FreeMail = (domain: string) => boolean;

/** The free-mail test, loading the list (14,000 domains) on first use only. */
export async function loadFreeMail(): Promise<FreeMail> {
  const { default: data } = await import('../../data/free-email-domains.json', { with: { type: 'json' } });
  const set = new Set(data.domains);
  return (domain) => set.has(domain);
}
