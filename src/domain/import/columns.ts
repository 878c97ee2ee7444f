import { InputError } from '../../hubspot/errors.js';
import type { EdgeRowInput } from './edgeTypes.js';
import type { PairRowInput } from './rows.js';

export const PAIR_COLUMNS = ['email', 'firstname', 'lastname', 'company_name', 'company_domain', 'label'];
export const EDGE_INPUT_COLUMNS = ['fromId', 'toId', 'typeId', 'category', 'label'];
const PROPERTY = /^(contact|company)\.([A-Za-z0-9_]+)$/;

const listed = (header: string[]) => header.map((h) => JSON.stringify(h)).join(', ') || 'none';

function indexOf(
  header: string[],
  allowed: (name: string) => boolean,
  expected: string,
): Map<string, number> {
  const index = new Map<string, number>();
  header.forEach((raw, i) => {
    const name = raw.trim();
    if (name === '') return;
    if (!allowed(name)) {
      throw new InputError(
        'file',
        `has an unknown column ${JSON.stringify(name.slice(0, 60))}`,
        `use only ${expected}`,
      );
    }
    if (index.has(name))
      throw new InputError('file', `has the column ${JSON.stringify(name)} twice`, 'keep one');
    index.set(name, i);
  });
  return index;
}

function requireColumn(index: Map<string, number>, header: string[], names: string[], expected: string) {
  if (names.some((n) => index.has(n))) return;
  throw new InputError(
    'file',
    `has no ${names.join(' or ')} column (columns found: ${listed(header)})`,
    `the first line must name the columns: ${expected}`,
  );
}

/**
 * The pair import's columns: email, firstname, lastname, company_name, company_domain, label, and
 * `contact.<property>` / `company.<property>`. Column names are matched case-insensitively; an
 * unknown column is refused (a typo would otherwise drop data silently). Returns a row mapper.
 */
export function pairColumns(rawHeader: string[]): (cells: string[]) => PairRowInput {
  const header = rawHeader.map((h) => (PROPERTY.test(h.trim()) ? h.trim() : h.trim().toLowerCase()));
  const expected = `${PAIR_COLUMNS.join(', ')}, plus contact.<property> or company.<property>`;
  const index = indexOf(header, (n) => PAIR_COLUMNS.includes(n) || PROPERTY.test(n), expected);
  requireColumn(index, rawHeader, ['email'], expected);
  requireColumn(index, rawHeader, ['company_name', 'company_domain'], expected);
  const extra = [...index].flatMap(([name, i]) => {
    const m = PROPERTY.exec(name);
    return m ? [{ side: m[1] as 'contact' | 'company', property: m[2] as string, i }] : [];
  });
  return (cells) => {
    const cell = (name: string) => {
      const i = index.get(name);
      return i === undefined ? undefined : (cells[i] ?? '').trim();
    };
    const props = (side: 'contact' | 'company') =>
      Object.fromEntries(
        extra
          .filter((e) => e.side === side && (cells[e.i] ?? '').trim() !== '')
          .map((e) => [e.property, (cells[e.i] ?? '').trim()]),
      );
    return {
      contact: {
        email: cell('email') ?? '',
        firstname: cell('firstname'),
        lastname: cell('lastname'),
        properties: props('contact'),
      },
      company: { name: cell('company_name'), domain: cell('company_domain'), properties: props('company') },
      label: cell('label') || undefined,
    };
  };
}

/** An edge list exactly as export_crm_data writes it: fromId,toId,typeId,category,label. */
export function edgeColumns(header: string[]): (cells: string[]) => EdgeRowInput {
  const expected = EDGE_INPUT_COLUMNS.join(',');
  const index = indexOf(header, (n) => EDGE_INPUT_COLUMNS.includes(n), expected);
  requireColumn(index, header, ['fromId'], expected);
  requireColumn(index, header, ['toId'], expected);
  return (cells) => {
    const cell = (name: string) => {
      const i = index.get(name);
      return i === undefined ? '' : (cells[i] ?? '').trim();
    };
    const typeId = cell('typeId');
    return {
      fromId: cell('fromId'),
      toId: cell('toId'),
      ...(typeId ? { typeId } : {}),
      ...(cell('category') ? { category: cell('category') } : {}),
      ...(cell('label') ? { label: cell('label') } : {}),
    };
  };
}
