import { z } from 'zod';
import { pairToolChange } from '../domain/journal/recorded.js';
import { createContactCompanyPair as findOrCreatePair } from '../domain/records/contactCompanyPair.js';
import { COMPANIES, CONTACTS } from '../domain/records/findOrCreate.js';
import { label } from './schemas.js';
import { defineTool } from './types.js';

const extra = z.record(z.string(), z.string()).optional().describe('On create only');

const status = z.enum(['created', 'found']);

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
    const { contact, company, association } = await findOrCreatePair(deps, args);
    const change = await pairToolChange(deps, CONTACTS, COMPANIES, { contact, company, association });
    const { key } = company;
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
          matchedBy: company.matchedBy,
          ...(company.duplicates.length > 0 ? { duplicateIds: company.duplicates } : {}),
        },
        association,
      },
      summary: `Contact ${contact.id} (${contact.status}) linked to company ${company.id} (${company.status})${linked}.${dup}`,
      change,
    };
  },
});
