import { InputError } from '../../hubspot/errors.js';
import type { ObjectType } from '../../hubspot/objectTypes.js';
import type { LabelCatalog } from '../labels/catalogue.js';
import { COMPANIES, CONTACTS } from './companies.js';
import { type PrimaryType, primaryOf } from './primary.js';

export const CHECKS = ['orphans', 'primary', 'domain', 'duplicates', 'limits'] as const;
export type CheckName = (typeof CHECKS)[number];

/**
 * The checks that apply to a pair: orphans and limits always; `primary` where the from-record owns
 * a PRIMARY type to `to` (contacts, deals, tickets → companies); `domain` for contacts → companies;
 * `duplicates` (companies sharing a domain) for contacts ↔ companies. Asked-for checks that do not
 * apply are named in `notApplicable`; when none of them applies the call is refused, naming those that do.
 */
export async function resolveChecks(
  labels: LabelCatalog,
  from: ObjectType,
  to: ObjectType,
  asked: readonly CheckName[] | undefined,
): Promise<{ checks: CheckName[]; notApplicable: CheckName[]; primary?: PrimaryType }> {
  const primary = primaryOf(await labels.list(from, to));
  const ids = new Set([from.id, to.id]);
  const contactsCompanies = ids.has(CONTACTS.id) && ids.has(COMPANIES.id) && from.id !== to.id;
  const applies: Record<CheckName, boolean> = {
    orphans: true,
    primary: primary?.owner === 'from',
    domain: from.id === CONTACTS.id && to.id === COMPANIES.id,
    duplicates: contactsCompanies,
    limits: true,
  };
  const applicable = CHECKS.filter((c) => applies[c]);
  const wanted = asked && asked.length > 0 ? [...new Set(asked)] : applicable;
  const checks = wanted.filter((c) => applies[c]);
  if (checks.length === 0) {
    throw new InputError(
      'checks',
      `${wanted.join(', ')} ${wanted.length === 1 ? 'does' : 'do'} not apply to ${from.name}→${to.name}`,
      `ask for ${applicable.join(', ')} (or leave checks out for all of them)`,
    );
  }
  return {
    checks,
    notApplicable: wanted.filter((c) => !applies[c]),
    ...(primary?.owner === 'from' ? { primary } : {}),
  };
}
