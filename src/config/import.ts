import type { Vars } from './env.js';
import { type Command, type Flags, flag, str } from './flags.js';
import { ConfigError, DEFAULTS, type ImportConfig, PROGRAM } from './types.js';

const USAGE = `${PROGRAM} import pairs FILE.csv [--label L] [--dry-run] [--sandbox] | import associations FILE.csv --from T --to T [--dry-run] [--sandbox]`;

/** The import directory, and for the `import` command its job: `pairs FILE` or `associations FILE --from --to`. */
export function buildImport(command: Command, flags: Flags, positionals: string[], vars: Vars): ImportConfig {
  const dir = vars.HUBSPOT_IMPORT_DIR ?? DEFAULTS.importDir;
  if (command !== 'import') return { dir };
  const [kind, file, ...rest] = positionals;
  if (kind !== 'pairs' && kind !== 'associations') {
    throw new ConfigError(
      `${kind === undefined ? 'say what to import' : `unknown import '${kind}'`}: ${USAGE}`,
    );
  }
  if (!file || file.trim() === '') throw new ConfigError(`import ${kind} needs a CSV file: ${USAGE}`);
  if (rest.length > 0) throw new ConfigError(`unexpected argument '${rest[0]}': import one file at a time`);
  const from = str(flags, 'from');
  const to = str(flags, 'to');
  const label = str(flags, 'label');
  if (kind === 'associations' && (!from || !to)) {
    throw new ConfigError(`import associations needs --from and --to, e.g. --from contacts --to companies`);
  }
  if (kind === 'pairs' && (from || to)) {
    throw new ConfigError(
      '--from and --to are for import associations; pairs are always contacts to companies',
    );
  }
  if (kind === 'associations' && label) {
    throw new ConfigError('--label is for import pairs; an edge list names its labels per row');
  }
  return {
    dir,
    job: {
      kind,
      file,
      dryRun: flag(flags, 'dry-run'),
      ...(label ? { label } : {}),
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
    },
  };
}
