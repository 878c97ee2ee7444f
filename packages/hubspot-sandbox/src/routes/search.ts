/** CRM search (docs/hubspot-api.md §6): its own per-second budget, offset paging, 10 000-result ceiling. */
import type { PortalState } from '../portal.js';
import type { Route } from '../router.js';
import { parseSearch, runSearch, SEARCH_LIMITS } from '../search.js';
import { objectTypeParam } from '../validate.js';
import { FAMILIES } from '../versions.js';
import { viewObject } from './objectView.js';

export function searchRoutes(state: PortalState): Route[] {
  return FAMILIES.map(
    (family): Route => ({
      method: 'POST',
      template: `${family.objects}/{objectType}/search`,
      kind: 'search',
      handle(ctx) {
        const type = objectTypeParam(ctx.params.objectType);
        const request = parseSearch(ctx.raw.trim() === '' ? {} : ctx.json(), ctx.raw);
        const matches = runSearch(type.id, state.search.view(type.id, state.objects.all(type.id)), request);
        const end = Math.min(request.after + request.limit, matches.length, SEARCH_LIMITS.results);
        const page = matches.slice(request.after, end);
        const options = { properties: request.properties };
        return {
          status: 200,
          body: {
            total: matches.length,
            results: page.map((o) => viewObject(state, type, o, options)),
            ...(end < Math.min(matches.length, SEARCH_LIMITS.results)
              ? { paging: { next: { after: String(end) } } }
              : {}),
          },
        };
      },
    }),
  );
}
