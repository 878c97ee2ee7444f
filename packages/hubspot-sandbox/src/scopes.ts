/**
 * A token limited to some scopes (SandboxOptions.scopes): a request none of whose accepted scopes
 * is granted gets HubSpot's 403 MISSING_SCOPES (docs/hubspot-api.md §10, docs/hubspot-fidelity.md
 * §8). Accepted scopes follow the specs' `security` sections: a contacts or companies read or write
 * needs its own scope, object schemas crm.schemas.custom.read, and the association, label and limit
 * endpoints (and generic objects) any CRM object scope. Account details need none.
 */
import { SandboxError } from './errors.js';

const OBJECT_SCOPE: Record<string, string> = {
  contacts: 'contacts',
  contact: 'contacts',
  '0-1': 'contacts',
  companies: 'companies',
  company: 'companies',
  '0-2': 'companies',
  deals: 'deals',
  deal: 'deals',
  '0-3': 'deals',
  tickets: 'tickets',
  ticket: 'tickets',
  '0-5': 'tickets',
};

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** POSTs that only read. */
const READ_POSTS = /\/(search|batch\/read)$/;

/** The scopes any one of which admits the request; undefined = no scope needed. */
export function acceptedScopes(method: string, pathname: string): string[] | undefined {
  if (pathname.startsWith('/account-info/') || pathname.startsWith('/oauth/')) return undefined;
  const write = WRITE_METHODS.has(method) && !READ_POSTS.test(pathname);
  const access = write ? 'write' : 'read';
  if (/^\/crm(-object-schemas)?\/(v3|\d{4}-\d{2})\/schemas/.test(pathname))
    return [`crm.schemas.custom.${access}`];
  // /crm/v3/objects/{type}… and /crm/objects/{V}/{type}… but not a record's associations.
  const object = /^\/crm\/(?:v3\/objects|objects\/\d{4}-\d{2})\/([^/]+)(\/.*)?$/.exec(pathname);
  if (object && !object[2]?.includes('/associations')) {
    const name = OBJECT_SCOPE[object[1]!.toLowerCase()] ?? 'custom';
    return [`crm.objects.${name}.${access}`];
  }
  return ['crm.objects.*'];
}

/** undefined when `granted` admits the request, else HubSpot's 403 naming the scope to add. */
export function scopeRefusal(
  granted: ReadonlySet<string>,
  method: string,
  pathname: string,
): SandboxError | undefined {
  const accepted = acceptedScopes(method, pathname);
  if (!accepted) return undefined;
  const any = accepted[0] === 'crm.objects.*';
  if (any ? [...granted].some((s) => s.startsWith('crm.objects.')) : accepted.some((s) => granted.has(s)))
    return undefined;
  const required = any ? ['crm.objects.contacts.read'] : accepted;
  return new SandboxError(
    403,
    'MISSING_SCOPES',
    "This app hasn't been granted all required scopes to make this call. Read more about required scopes here: https://developers.hubspot.com/scopes.",
    undefined,
    [
      {
        message: 'One or more of the following scopes are required.',
        context: { requiredGranularScopes: required },
      },
    ],
  );
}
