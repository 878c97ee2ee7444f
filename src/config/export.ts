import type { Vars } from './env.js';
import { type Command, type Flags, str } from './flags.js';
import { optionalList, parseAssociationPairs } from './lists.js';
import { type Config, ConfigError, DEFAULTS, PROGRAM } from './types.js';
import { parsePositiveInt } from './values.js';

/** `out` is also where the export_crm_data tool writes when serving (HUBSPOT_EXPORT_DIR). */
export function buildExport(command: Command, flags: Flags, vars: Vars): Config['export'] {
  const defaultOut = vars.HUBSPOT_EXPORT_DIR ?? DEFAULTS.exportOut;
  if (command !== 'export') return { objects: [], associations: [], out: defaultOut };
  const objects = optionalList(str(flags, 'objects'), '--objects');
  if (!objects) {
    throw new ConfigError(
      `--objects is required for ${PROGRAM} export: e.g. --objects contacts,companies --associations contacts:companies`,
    );
  }
  const properties = optionalList(str(flags, 'properties'), '--properties');
  const max = parsePositiveInt(str(flags, 'max'), '--max');
  const out = str(flags, 'out') ?? defaultOut;
  if (out.trim() === '') throw new ConfigError('--out must name a directory, e.g. --out ./export');
  return {
    objects,
    associations: parseAssociationPairs(str(flags, 'associations')),
    out,
    ...(properties ? { properties } : {}),
    ...(max !== undefined ? { max } : {}),
  };
}
