/**
 * The API families the sandbox serves from one model (docs/hubspot-fidelity.md §7): the legacy
 * family (associations v4 with objects, limits and schemas v3) and the date-versioned ones. Each
 * route is defined once and expanded over these families; only the path prefixes and a few status
 * codes differ, and the handlers read them from here.
 */
import { envelope } from './batch.js';
import type { Reply } from './router.js';

/** HubSpot's dated versions (YYYY-MM, one each March and September). */
export const DATED_VERSIONS = ['2025-09', '2026-03', '2026-09'] as const;
export type DatedVersion = (typeof DATED_VERSIONS)[number];

/** `v4` is the legacy family: /crm/v4/…, /crm/associations/v4/…, /crm/v3/objects, limits, schemas. */
export type ApiVersion = 'v4' | DatedVersion;

export interface Family {
  version: ApiVersion;
  dated: boolean;
  /** Records API batch endpoints and the usage report: /crm/v4/associations, /crm/associations/{V}. */
  associations: string;
  /** Labels and limit configurations; v4 has two published prefixes (current spec, and the SDK's). */
  schema: readonly string[];
  /** One record's associations: /crm/v4/objects, /crm/objects/{V}. */
  records: string;
  /** CRM objects and search: /crm/v3/objects, /crm/objects/{V}. */
  objects: string;
  /** Limits tracking reads: /crm/v3/limits, /crm/limits/{V}. */
  limits: string;
  /** Object schemas; legacy has the old /crm/v3/schemas and /crm-object-schemas/v3/schemas. */
  schemas: readonly string[];
}

const LEGACY: Family = {
  version: 'v4',
  dated: false,
  associations: '/crm/v4/associations',
  schema: ['/crm/associations/v4', '/crm/v4/associations'],
  records: '/crm/v4/objects',
  objects: '/crm/v3/objects',
  limits: '/crm/v3/limits',
  schemas: ['/crm/v3/schemas', '/crm-object-schemas/v3/schemas'],
};

/**
 * 2026-09 follows 2026-03: its official associations spec file is a pre-GA snapshot (2026-03-19)
 * that lists only 200 for batch create/read and has no GET list, while the 2026-09-beta file keeps
 * 201/207 and the list (docs/hubspot-fidelity.md §7, §12.8). 2025-09 has the 2026-03 shapes.
 */
const dated = (version: DatedVersion): Family => ({
  version,
  dated: true,
  associations: `/crm/associations/${version}`,
  schema: [`/crm/associations/${version}`],
  records: `/crm/objects/${version}`,
  objects: `/crm/objects/${version}`,
  limits: `/crm/limits/${version}`,
  schemas: [`/crm-object-schemas/${version}/schemas`],
});

export const FAMILIES: readonly Family[] = [LEGACY, ...DATED_VERSIONS.map(dated)];

/**
 * The answer of batch/archive, batch/labels/archive and configurations batch/purge: 204 with no
 * body in v4, 200 with a BatchResponse in the dated versions (docs/hubspot-fidelity.md §7 table;
 * the 2026-03 guide text still says 204 for purge, the spec says 200).
 */
export function archiveReply(family: Family, startedAt: Date): Reply {
  return family.dated ? { status: 200, body: envelope(startedAt, []) } : { status: 204 };
}
