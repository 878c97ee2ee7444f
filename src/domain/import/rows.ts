import { InputError } from '../../hubspot/errors.js';
import { normalizeDomain, normalizeEmail } from '../records/findOrCreate.js';

/** One spreadsheet row as the pair tool takes it (inline `rows`, or a CSV line mapped to it). */
export interface PairRowInput {
  contact: { email: string; firstname?: string; lastname?: string; properties?: Record<string, string> };
  company: { name?: string; domain?: string; properties?: Record<string, string> };
  label?: string;
}

export type Key = { propertyName: 'domain' | 'name'; value: string };

/** A row that passed the checks: its record keys and the properties to create them with. */
export interface PreparedRow {
  row: number;
  email: string;
  contactProps: Record<string, string>;
  companyKey: Key;
  companyProps: Record<string, string>;
  label?: string;
}

/** `new`: a dry run's record that would be created. */
export type Status = 'created' | 'found' | 'new';

/** What the import did with one row (the report's line). */
export interface PairRowResult {
  row: number;
  email: string;
  company: string;
  contactId?: string;
  contact?: Status;
  companyId?: string;
  companyStatus?: Status;
  linked?: 'associated' | 'unchanged';
  error?: string;
  fix?: string;
}

export interface RowFailure {
  error: string;
  fix: string;
}

/** The lookup key of a company key: the same record for any case of the value. */
export const companyKeyOf = (key: Key) => `${key.propertyName}|${key.value.toLowerCase()}`;

const nonEmpty = (values: Record<string, string | undefined>): Record<string, string> =>
  Object.fromEntries(
    Object.entries(values).filter((e): e is [string, string] => e[1] !== undefined && e[1].trim() !== ''),
  );

/** Named fields win; a different value for the same property in `properties` is the row's mistake. */
function merge(base: Record<string, string>, extra: Record<string, string> | undefined, side: string) {
  const more = nonEmpty(extra ?? {});
  for (const [key, value] of Object.entries(base)) {
    const other = more[key];
    if (other !== undefined && other.trim().toLowerCase() !== value.toLowerCase()) {
      throw new InputError(`${side}.${key}`, 'is given twice with different values', `set ${key} only once`);
    }
  }
  return { ...more, ...base };
}

/** Checks one row; a mistake becomes that row's failure (with the fix) and the other rows go on. */
export function prepareRow(row: number, input: PairRowInput): PreparedRow | RowFailure {
  try {
    const email = normalizeEmail(input.contact.email ?? '', 'email');
    const name = input.company.name?.trim() ?? '';
    const rawDomain = input.company.domain?.trim() ?? '';
    const domain = rawDomain === '' ? undefined : normalizeDomain(rawDomain, 'company_domain');
    if (!domain && name === '') {
      throw new InputError('company', 'is empty', 'give company_name or company_domain');
    }
    const contactProps = merge(
      nonEmpty({ email, firstname: input.contact.firstname, lastname: input.contact.lastname }),
      input.contact.properties,
      'contact',
    );
    const companyProps = merge(nonEmpty({ name, domain }), input.company.properties, 'company');
    const companyKey: Key = domain
      ? { propertyName: 'domain', value: domain }
      : { propertyName: 'name', value: name };
    const label = input.label?.trim() || undefined;
    return { row, email, contactProps, companyKey, companyProps, ...(label ? { label } : {}) };
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return { error: `${error.field}: ${error.problem}`, fix: error.fix };
  }
}

/** The row's identity as the report shows it, valid or not. */
export function rowIdentity(input: PairRowInput): { email: string; company: string } {
  return {
    email: (input.contact.email ?? '').trim().slice(0, 200),
    company: (input.company.domain?.trim() || input.company.name?.trim() || '').slice(0, 200),
  };
}
