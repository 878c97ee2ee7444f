/** Property definitions per object type: which exist, which are read-only, defaults and search. */
import { CUSTOM_OBJECTS, customSchema } from './customObjects.js';
import { validationError } from './errors.js';

const CONTACTS = '0-1';
const COMPANIES = '0-2';
const DEALS = '0-3';
const TICKETS = '0-5';

/** Properties present on every record and written by the portal itself. */
const READ_ONLY: ReadonlySet<string> = new Set([
  'hs_object_id',
  'lastmodifieddate',
  'hs_lastmodifieddate',
  'hs_createdate',
]);

const COMMON = ['createdate', 'hubspot_owner_id', 'hs_object_id', 'hs_lastmodifieddate', 'hs_createdate'];

/** A generous subset of HubSpot's default properties; unknown names fail like PROPERTY_DOESNT_EXIST. */
const KNOWN: Record<string, string> = {
  [CONTACTS]: `email firstname lastname phone mobilephone fax company website jobtitle address city state
    zip country industry lifecyclestage hs_lead_status annualrevenue numemployees salutation date_of_birth
    twitterhandle message lastmodifieddate hs_persona hs_language associatedcompanyid notes_last_updated`,
  [COMPANIES]: `name domain website phone address address2 city state zip country industry description
    numberofemployees annualrevenue lifecyclestage type timezone linkedin_company_page founded_year
    is_public hs_lead_status about_us`,
  [DEALS]: `dealname amount dealstage pipeline closedate dealtype description hs_priority
    hs_forecast_amount hs_next_step`,
  [TICKETS]: `subject content hs_pipeline hs_pipeline_stage hs_ticket_priority hs_ticket_category
    source_type closed_date`,
};

/** What HubSpot returns when no `properties` are asked for. */
const DEFAULTS: Record<string, string> = {
  [CONTACTS]: 'createdate email firstname hs_object_id lastmodifieddate lastname',
  [COMPANIES]: 'createdate domain hs_lastmodifieddate hs_object_id name',
  [DEALS]: 'amount closedate createdate dealname dealstage hs_lastmodifieddate hs_object_id pipeline',
  [TICKETS]: `content createdate hs_lastmodifieddate hs_object_id hs_pipeline hs_pipeline_stage
    hs_ticket_category hs_ticket_priority subject`,
};

/** Searched by a free-text `query` (HubSpot's "default searchable properties"). */
const SEARCHABLE: Record<string, string> = {
  [CONTACTS]: 'firstname lastname email phone mobilephone company hs_object_id',
  [COMPANIES]: 'name domain website phone hs_object_id',
  [DEALS]: 'dealname pipeline dealstage description hs_object_id',
  [TICKETS]: 'subject content hs_pipeline hs_pipeline_stage hs_object_id',
};

const words = (list: string | undefined) => (list ? list.split(/\s+/).filter(Boolean) : undefined);

/** Every custom object has these besides its schema's own (hs_createdate, not createdate). */
const CUSTOM_COMMON = ['hs_object_id', 'hs_createdate', 'hs_lastmodifieddate', 'hubspot_owner_id'];

const known: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ...Object.entries(KNOWN).map(([type, names]) => [type, new Set([...COMMON, ...words(names)!])] as const),
  ...CUSTOM_OBJECTS.map(
    (s) => [s.objectTypeId, new Set([...CUSTOM_COMMON, ...s.properties.map((p) => p.name)])] as const,
  ),
]);

export const lastModifiedProperty = (typeId: string) =>
  typeId === CONTACTS ? 'lastmodifieddate' : 'hs_lastmodifieddate';

export const createdProperty = (typeId: string) => (customSchema(typeId) ? 'hs_createdate' : 'createdate');

/** Always returned, whatever was asked (HubSpot adds these three). */
export const baseProperties = (typeId: string) => [
  createdProperty(typeId),
  'hs_object_id',
  lastModifiedProperty(typeId),
];

export const defaultProperties = (typeId: string): readonly string[] =>
  words(DEFAULTS[typeId]) ?? baseProperties(typeId);

export const searchableProperties = (typeId: string): readonly string[] =>
  words(SEARCHABLE[typeId]) ?? [...(customSchema(typeId)?.searchableProperties ?? []), 'hs_object_id'];

/** Whether the type has the property (types without a catalogue have every property). */
export function propertyExists(typeId: string, name: string): boolean {
  return known.get(typeId)?.has(name) ?? true;
}

/** Properties unique per record that can serve as idProperty. */
export function isUniqueProperty(typeId: string, name: string): boolean {
  return name === 'hs_object_id' || (typeId === CONTACTS && name === 'email');
}

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

interface PropertyProblem {
  isValid: false;
  message: string;
  error: string;
  name: string;
  localizedErrorMessage: string;
}

const problem = (name: string, error: string, message: string): PropertyProblem => ({
  isValid: false,
  message,
  error,
  name,
  localizedErrorMessage: message,
});

/**
 * Checks a write and returns the values as HubSpot stores them (strings). Types without a
 * catalogue (engagements and other standard types) accept any property name; custom objects
 * accept their schema's properties.
 */
export function validateProperties(typeId: string, input: unknown): Record<string, string> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw validationError('Invalid input JSON: properties must be an object of property names to values');
  }
  const names = known.get(typeId);
  const out: Record<string, string> = {};
  const problems: PropertyProblem[] = [];
  for (const [name, raw] of Object.entries(input)) {
    if (names && !names.has(name)) {
      problems.push(problem(name, 'PROPERTY_DOESNT_EXIST', `Property "${name}" does not exist`));
      continue;
    }
    if (READ_ONLY.has(name)) {
      problems.push(
        problem(name, 'READ_ONLY_VALUE', `${name} is a read only property; its value cannot be set.`),
      );
      continue;
    }
    if (raw !== null && typeof raw === 'object') {
      problems.push(
        problem(name, 'INVALID_VALUE', `${JSON.stringify(raw)} is not a valid value for ${name}`),
      );
      continue;
    }
    const value = raw === null || raw === undefined ? '' : String(raw);
    if (typeId === CONTACTS && name === 'email' && value !== '') {
      if (!EMAIL.test(value.trim())) {
        problems.push(problem(name, 'INVALID_EMAIL', `Email address ${value} is invalid`));
        continue;
      }
      out[name] = normalizeEmail(value);
      continue;
    }
    out[name] = value;
  }
  if (problems.length > 0) {
    throw validationError(`Property values were not valid: ${JSON.stringify(problems)}`, {
      propertyName: problems.map((p) => p.name),
    });
  }
  return out;
}

/** A record's own value for a property: names such as `toString` or `__proto__` are never inherited members. */
export function ownValue(properties: Record<string, string>, name: string): string | undefined {
  return Object.hasOwn(properties, name) ? properties[name] : undefined;
}
