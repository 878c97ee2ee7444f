import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { Sandbox } from 'hubspot-sandbox';
import { useStarted } from '../helpers/sandbox.js';

/** A temporary import directory (HUBSPOT_IMPORT_DIR), made before each test and removed after. */
export function useImportDir(each = true): { readonly dir: string } {
  return useStarted(
    each,
    async () => ({ dir: await mkdtemp(join(tmpdir(), 'hsmcp-import-')) }),
    ({ dir }) => rm(dir, { recursive: true, force: true }),
  );
}

export async function writeCsv(dir: string, name: string, rows: unknown[][]): Promise<string> {
  await writeFile(join(dir, name), stringify(rows));
  return name;
}

/** A spreadsheet of `n` people at `companies` companies (row i works at company i mod companies). */
export function peopleRows(n: number, companies: number, prefix = 'p', label?: (i: number) => string) {
  const header = ['email', 'firstname', 'lastname', 'company_name', 'company_domain', 'label'];
  const rows = Array.from({ length: n }, (_, i) => [
    `${prefix}${i}@c${i % companies}.example.com`,
    `First${i}`,
    `Last${i}`,
    `Company ${i % companies}`,
    `c${i % companies}.example.com`,
    label?.(i) ?? '',
  ]);
  return [header, ...rows];
}

/** The portal's contacts by e-mail, companies by domain and contact→company links. */
export function portalState(sandbox: Sandbox) {
  const contacts = sandbox.portal.findObjects('contacts');
  const companies = sandbox.portal.findObjects('companies');
  const byEmail = new Map<string, string[]>();
  for (const c of contacts)
    byEmail.set(c.properties.email ?? '', [...(byEmail.get(c.properties.email ?? '') ?? []), c.id]);
  const byDomain = new Map<string, string[]>();
  for (const c of companies)
    byDomain.set(c.properties.domain ?? '', [...(byDomain.get(c.properties.domain ?? '') ?? []), c.id]);
  return { contacts, companies, byEmail, byDomain };
}
