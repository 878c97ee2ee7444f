import { z } from 'zod';
import {
  COMPANIES,
  CONTACTS,
  findOrCreate,
  linkContactCompany,
  normalizeDomain,
  normalizeEmail,
} from '../associations/pairs.js';
import { InputError } from '../hubspot/errors.js';
import { label } from './schemas.js';
import { defineTool } from './types.js';

const extra = z
  .record(z.string().min(1).max(100), z.string().max(65_536))
  .optional()
  .describe('Other properties, used only when creating');

const status = z.enum(['created', 'found']);

/** Top-level fields win; a conflicting duplicate in `properties` is a mistake worth naming. */
function merge(base: Record<string, string>, extraProps: Record<string, string> | undefined, field: string) {
  for (const [key, value] of Object.entries(base)) {
    const other = extraProps?.[key];
    if (other !== undefined && other.trim().toLowerCase() !== value.toLowerCase()) {
      throw new InputError(
        `${field}.properties.${key}`,
        `conflicts with ${field}.${key}`,
        `set ${key} only once`,
      );
    }
  }
  return { ...extraProps, ...base };
}

export const createContactCompanyPair = defineTool({
  name: 'create_contact_company_pair',
  title: 'Create contact + company pair',
  description:
    'Finds or creates a contact (by email) and a company (by domain, else name), then associates them (default, or label e.g. "Primary"). Safe to retry: never duplicates.',
  inputSchema: {
    contact: z.object({
      email: z.string().min(3).max(254).describe('Contact e-mail (the match key)'),
      firstname: z.string().max(256).optional(),
      lastname: z.string().max(256).optional(),
      properties: extra,
    }),
    company: z.object({
      name: z.string().trim().min(1).max(256).describe('Company name (match key when no domain)'),
      domain: z.string().max(253).optional().describe('Bare domain, e.g. example.com (the match key)'),
      properties: extra,
    }),
    label: label.describe('Contact→company label, e.g. "Primary" (see list_association_labels)'),
  },
  outputSchema: {
    contact: z.object({ id: z.string(), status, email: z.string() }),
    company: z.object({
      id: z.string(),
      status,
      matchedBy: z.enum(['domain', 'name']),
      duplicateIds: z.array(z.string()).optional(),
    }),
    association: z.object({ typeIds: z.array(z.number()), labels: z.array(z.string()) }),
  },
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  async handler(deps, args) {
    const email = normalizeEmail(args.contact.email, 'contact.email');
    const domain =
      args.company.domain === undefined ? undefined : normalizeDomain(args.company.domain, 'company.domain');
    const name = args.company.name.trim();
    const type = args.label
      ? await deps.labels.resolve(CONTACTS, COMPANIES, { label: args.label }, 'label')
      : undefined;

    const contactProps = merge(
      {
        email,
        ...(args.contact.firstname ? { firstname: args.contact.firstname } : {}),
        ...(args.contact.lastname ? { lastname: args.contact.lastname } : {}),
      },
      args.contact.properties,
      'contact',
    );
    const companyProps = merge({ name, ...(domain ? { domain } : {}) }, args.company.properties, 'company');

    const contact = await findOrCreate(
      deps.hubspot,
      CONTACTS,
      { propertyName: 'email', value: email },
      contactProps,
    );
    const key = domain ? { propertyName: 'domain', value: domain } : { propertyName: 'name', value: name };
    const company = await findOrCreate(deps.hubspot, COMPANIES, key, companyProps);
    const association = await linkContactCompany(deps, contact.id, company.id, type);

    const dup =
      company.duplicates.length > 0
        ? ` ${company.duplicates.length + 1} companies match ${key.propertyName} ${JSON.stringify(key.value)}; used the oldest (${company.id}).`
        : '';
    const linked = association.labels.length > 0 ? ` as ${association.labels.join(', ')}` : '';
    return {
      data: {
        contact: { id: contact.id, status: contact.status, email },
        company: {
          id: company.id,
          status: company.status,
          matchedBy: domain ? ('domain' as const) : ('name' as const),
          ...(company.duplicates.length > 0 ? { duplicateIds: company.duplicates } : {}),
        },
        association,
      },
      summary: `Contact ${contact.id} (${contact.status}) linked to company ${company.id} (${company.status})${linked}.${dup}`,
    };
  },
});
