import { z } from 'zod';
import {
  COMPANIES,
  CONTACTS,
  linkContactCompany,
  normalizeDomain,
  normalizeEmail,
} from '../associations/pairs.js';
import { InputError } from '../hubspot/errors.js';
import { label } from './schemas.js';
import { defineTool } from './types.js';

const extra = z.record(z.string(), z.string()).optional().describe('On create only');

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
    'Find or create a contact (by email) and company (by domain, else name) and link them, optionally labeled. Safe to retry.',
  inputSchema: {
    contact: z.object({
      email: z.string(),
      firstname: z.string().optional(),
      lastname: z.string().optional(),
      properties: extra,
    }),
    company: z.object({
      name: z.string().trim().min(1).describe('Used if no domain'),
      domain: z.string().optional().describe('e.g. example.com'),
      properties: extra,
    }),
    label: label.describe('e.g. Primary'),
  },
  outputSchema: {
    contact: z.object({ id: z.string(), status }),
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

    const contact = await deps.records.findOrCreate(
      CONTACTS,
      { propertyName: 'email', value: email },
      contactProps,
    );
    const key = domain ? { propertyName: 'domain', value: domain } : { propertyName: 'name', value: name };
    const company = await deps.records.findOrCreate(COMPANIES, key, companyProps);
    const bothFound = contact.status === 'found' && company.status === 'found';
    const association = await linkContactCompany(
      deps,
      { contactId: contact.id, companyId: company.id, bothFound },
      type,
    );

    const dup =
      company.duplicates.length > 0
        ? ` ${company.duplicates.length + 1} companies match ${key.propertyName} ${JSON.stringify(key.value)}; used the oldest (${company.id}).`
        : '';
    const linked = association.labels.length > 0 ? ` as ${association.labels.join(', ')}` : '';
    return {
      data: {
        contact: { id: contact.id, status: contact.status },
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
