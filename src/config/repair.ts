import type { Vars } from './env.js';
import { type Command, type Flags, flag, str } from './flags.js';
import { optionalList } from './lists.js';
import { ConfigError, DEFAULTS, PROGRAM, type RepairConfig } from './types.js';
import { parsePositiveInt } from './values.js';

const FIXES = {
  'link-by-domain': 'link_by_domain',
  'set-primary': 'set_primary',
  move: 'move_associations',
} as const;
const USAGE = `${PROGRAM} repair link-by-domain|set-primary [--label L] [--type T] [--dry-run] [--confirm] | repair move --type T --from-record ID --to-record ID [--types A,B]`;
const RECORD_ID = /^\d{1,20}$/;
/** The audit's checks (the repair room's CHECKS; config imports no domain code). */
const CHECKS = ['orphans', 'primary', 'domain', 'duplicates', 'limits'];

/** `audit --from T --to T …` and `repair FIX …`: checked here, resolved against HubSpot by the command. */
export function buildRepair(command: Command, flags: Flags, positionals: string[], vars: Vars): RepairConfig {
  const out = str(flags, 'out') ?? `${vars.HUBSPOT_EXPORT_DIR ?? DEFAULTS.exportOut}/repair`;
  if (command === 'audit') {
    const from = str(flags, 'from');
    const to = str(flags, 'to');
    if (!from || !to)
      throw new ConfigError(
        `audit needs --from and --to, e.g. ${PROGRAM} audit --from contacts --to companies`,
      );
    const checks = optionalList(str(flags, 'checks'), '--checks');
    const unknown = checks?.filter((c) => !CHECKS.includes(c));
    if (unknown?.length)
      throw new ConfigError(
        `unknown check(s) in --checks: ${unknown.join(', ')}; valid: ${CHECKS.join(', ')}`,
      );
    const max = parsePositiveInt(str(flags, 'max'), '--max');
    const sample = parsePositiveInt(str(flags, 'sample'), '--sample');
    if (sample !== undefined && sample > 100) throw new ConfigError('--sample is at most 100');
    return {
      out,
      audit: {
        from,
        to,
        ...(checks ? { checks } : {}),
        ...(max ? { max } : {}),
        ...(sample ? { sample } : {}),
      },
    };
  }
  if (command !== 'repair') return { out };
  const [word, ...rest] = positionals;
  const fix = word && Object.hasOwn(FIXES, word) ? FIXES[word as keyof typeof FIXES] : undefined;
  if (!fix)
    throw new ConfigError(
      `${word === undefined ? 'say which repair' : `unknown repair '${word}'`}: ${USAGE}`,
    );
  if (rest.length > 0) throw new ConfigError(`unexpected argument '${rest[0]}': ${USAGE}`);
  const fromRecord = str(flags, 'from-record');
  const toRecord = str(flags, 'to-record');
  const types = optionalList(str(flags, 'types'), '--types');
  const label = str(flags, 'label');
  const type = str(flags, 'type');
  const max = parsePositiveInt(str(flags, 'max'), '--max');
  if (max !== undefined && max > 100_000) throw new ConfigError('--max is at most 100000');
  if (fix === 'move_associations') {
    if (!type || !fromRecord || !toRecord)
      throw new ConfigError(`repair move needs --type, --from-record and --to-record: ${USAGE}`);
    for (const [name, id] of [
      ['--from-record', fromRecord],
      ['--to-record', toRecord],
    ] as const)
      if (!RECORD_ID.test(id)) throw new ConfigError(`${name} must be a record id such as 12345`);
  } else if (fromRecord || toRecord || types)
    throw new ConfigError('--from-record, --to-record and --types are for repair move');
  if (label && fix !== 'link_by_domain') throw new ConfigError('--label is for repair link-by-domain');
  return {
    out,
    job: {
      fix,
      dryRun: flag(flags, 'dry-run'),
      confirm: flag(flags, 'confirm'),
      ...(label ? { label } : {}),
      ...(type ? { type } : {}),
      ...(fromRecord ? { fromRecord } : {}),
      ...(toRecord ? { toRecord } : {}),
      ...(types ? { types } : {}),
      ...(max ? { max } : {}),
    },
  };
}
