import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Sandbox } from 'hubspot-sandbox';

const TYPES = ['contacts', 'companies', 'deals', 'tickets'];

/** Every link of the portal, both directions, with its sorted typeIds: what "equal" means for undo. */
export function linkSnapshot(sandbox: Sandbox): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const from of TYPES)
    for (const record of sandbox.portal.findObjects(from))
      for (const to of TYPES)
        for (const r of sandbox.portal.associations(from, record.id, to))
          out[`${from}:${record.id}>${to}:${r.toObjectId}`] = r.types
            .map((t) => t.typeId)
            .sort((a, b) => a - b);
  return out;
}

/** The typeIds one pair holds now (sorted; [] when not linked). */
export function typesOf(sandbox: Sandbox, from: string, fromId: string, to: string, toId: string): number[] {
  const r = sandbox.portal.associations(from, fromId, to).find((a) => a.toObjectId === toId);
  return (r?.types ?? []).map((t) => t.typeId).sort((a, b) => a - b);
}

/** Requests that write associations (any batch create, default, archive or PUT). */
export const writes = (sandbox: Sandbox) =>
  sandbox.log.entries.filter(
    (e) =>
      e.method !== 'GET' &&
      /batch\/(create|associate\/default|archive|labels\/archive)|\/associations\/.+\/.+/.test(e.path) &&
      !/batch\/read/.test(e.path),
  ).length;

/** The rows of a report CSV in the export directory's repair folder (header dropped). */
export async function csvRows(exportDir: string, file: string): Promise<string[][]> {
  const text = await readFile(join(exportDir, file), 'utf8');
  return text
    .trimEnd()
    .split('\n')
    .slice(1)
    .map((line) => line.split(','));
}

export const repairFiles = (exportDir: string) =>
  readdir(join(exportDir, 'repair')).catch(() => [] as string[]);

/**
 * A small portal whose truth the tests know: companies A, B (beta.example), C and C2 sharing
 * gamma.example (one written as a website), G claiming gmail.com; contacts linked with a Primary,
 * linked without one, and orphans of every kind; a "Decision maker" label held twice against a
 * limit of 1, and (unless `companyLimit: false`) company A over a limit of 2 contacts.
 */
export function buildMessyPortal(sandbox: Sandbox, options: { companyLimit?: boolean } = {}) {
  const p = sandbox.portal;
  const company = (name: string, domain?: string) =>
    p.createObject('companies', { name, ...(domain ? { domain } : {}) }).id;
  const contact = (email?: string) =>
    p.createObject('contacts', email ? { email } : { firstname: 'No mail' }).id;
  const A = company('Acme', 'acme.example');
  const B = company('Beta', 'beta.example');
  const C = company('Gamma', 'https://www.Gamma.example/');
  const C2 = company('Gamma GmbH', 'gamma.example');
  const G = company('Gmail fan club', 'gmail.com');
  company('Nameless');
  const linked = {
    c1: contact('c1@acme.example'),
    c3: contact('c3@gamma.example'),
    c4: contact('c4@gamma.example'),
    c5: contact('c5@gamma.example'),
  };
  p.associate('contacts', linked.c1, 'companies', A, [1]);
  p.associate('contacts', linked.c3, 'companies', C, [1]);
  p.associate('contacts', linked.c4, 'companies', C2, [1]);
  p.associate('contacts', linked.c5, 'companies', C2, [1]);
  const noPrimary = {
    c6: contact('c6@beta.example'),
    c7: contact('c7@yahoo.com'),
    c9: contact('c9@unknown.example'),
  };
  p.associate('contacts', noPrimary.c6, 'companies', A);
  p.associate('contacts', noPrimary.c6, 'companies', B);
  p.associate('contacts', noPrimary.c7, 'companies', A);
  p.associate('contacts', noPrimary.c9, 'companies', B);
  p.associate('contacts', noPrimary.c9, 'companies', C);
  const orphans = {
    match: contact('o1@acme.example'),
    match2: contact('o8@beta.example'),
    sub: contact('o3@sub.acme.example'),
    ambiguous: contact('o4@gamma.example'),
    free: contact('o5@gmail.com'),
    none: contact(),
    unknown: contact('o7@unknown.example'),
  };
  const [decides] = p.createLabel('contacts', 'companies', {
    label: 'Decision maker',
    name: 'decision_maker',
  });
  p.associate('contacts', noPrimary.c6, 'companies', A, [decides!.typeId]);
  p.associate('contacts', noPrimary.c6, 'companies', B, [decides!.typeId]);
  p.setLimit('contacts', 'companies', decides!.typeId, 1);
  if (options.companyLimit !== false) p.setLimit('companies', 'contacts', 280, 2);
  return { A, B, C, C2, G, linked, noPrimary, orphans, decides: decides!.typeId };
}
