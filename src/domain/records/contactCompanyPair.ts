import { HubSpotError, InputError } from '../../hubspot/errors.js';
import type { HubSpot } from '../../hubspot/index.js';
import type { LabelCatalog } from '../labels/catalogue.js';
import { isUnknownType } from '../labels/rejection.js';
import type { RecordFinder } from './finder.js';
import {
  COMPANIES,
  CONTACTS,
  type FoundOrCreated,
  linkContactCompany,
  normalizeDomain,
  normalizeEmail,
} from './findOrCreate.js';

export interface ContactCompanyInput {
  contact: { email: string; firstname?: string; lastname?: string; properties?: Record<string, string> };
  company: { name: string; domain?: string; properties?: Record<string, string> };
  label?: string;
}

export interface ContactCompanyOutcome {
  contact: FoundOrCreated;
  company: FoundOrCreated & { matchedBy: 'domain' | 'name'; key: { propertyName: string; value: string } };
  association: { typeIds: number[]; labels: string[] };
}

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

/**
 * Finds or creates a contact (by e-mail) and a company (by domain, else name), each at most once,
 * then links them (the default association, or the label with the pair's other labels kept).
 */
export async function createContactCompanyPair(
  deps: { hubspot: Pick<HubSpot, 'associations'>; labels: LabelCatalog; records: RecordFinder },
  input: ContactCompanyInput,
): Promise<ContactCompanyOutcome> {
  const email = normalizeEmail(input.contact.email, 'contact.email');
  const domain =
    input.company.domain === undefined ? undefined : normalizeDomain(input.company.domain, 'company.domain');
  const name = input.company.name.trim();
  const type = input.label
    ? await deps.labels.resolve(CONTACTS, COMPANIES, { label: input.label }, 'label')
    : undefined;

  const contactProps = merge(
    {
      email,
      ...(input.contact.firstname ? { firstname: input.contact.firstname } : {}),
      ...(input.contact.lastname ? { lastname: input.contact.lastname } : {}),
    },
    input.contact.properties,
    'contact',
  );
  const companyProps = merge({ name, ...(domain ? { domain } : {}) }, input.company.properties, 'company');

  const contact = await deps.records.findOrCreate(
    CONTACTS,
    { propertyName: 'email', value: email },
    contactProps,
  );
  const key = domain ? { propertyName: 'domain', value: domain } : { propertyName: 'name', value: name };
  const company = await deps.records.findOrCreate(COMPANIES, key, companyProps);
  const bothFound = contact.status === 'found' && company.status === 'found';
  const pair = { contactId: contact.id, companyId: company.id, bothFound };
  const association = await linkContactCompany(deps, pair, type).catch(async (error: unknown) => {
    // HubSpot no longer knows the label's type (deleted, or deleted and made again, elsewhere
    // since the list was read): the label once more in a fresh list, or its choices.
    if (!type || !input.label || !(error instanceof HubSpotError) || !isUnknownType(error.message))
      throw error;
    const now = await deps.labels.resolveAgain(CONTACTS, COMPANIES, { label: input.label }, type, 'label');
    if (now.typeId === type.typeId && now.category === type.category) throw error;
    return linkContactCompany(deps, pair, now);
  });

  return {
    contact,
    company: { ...company, matchedBy: domain ? 'domain' : 'name', key },
    association,
  };
}
