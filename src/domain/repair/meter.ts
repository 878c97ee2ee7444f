import type { HubSpot } from '../../hubspot/index.js';

export type Apis = Pick<HubSpot, 'objects' | 'associations' | 'limits'>;

/**
 * The same API modules, counting each call (one HubSpot request; the client's retries aside), so an
 * audit or repair reports the requests it spent itself, whatever else the process sends meanwhile.
 */
export function metered(hubspot: Apis): { hubspot: Apis; requests: () => number } {
  let n = 0;
  const count = <T extends object>(api: T): T =>
    Object.fromEntries(
      Object.entries(api).map(([name, value]) => [
        name,
        typeof value === 'function'
          ? (...args: unknown[]) => {
              n++;
              return (value as (...a: unknown[]) => unknown).apply(api, args);
            }
          : value,
      ]),
    ) as T;
  return {
    hubspot: {
      objects: count(hubspot.objects),
      associations: count(hubspot.associations),
      limits: count(hubspot.limits),
    },
    requests: () => n,
  };
}
