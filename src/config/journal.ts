import { type Flags, flag, str } from './flags.js';
import { type Config, ConfigError, PROGRAM } from './types.js';
import { parsePositiveInt } from './values.js';

/** `changes [--limit N]` and `undo CHANGE_ID [--dry-run] [--confirm]`. */
export function buildJournalCommand(command: string, flags: Flags, positionals: string[]): Config['journal'] {
  const base = { dryRun: flag(flags, 'dry-run'), confirm: flag(flags, 'confirm') };
  if (command === 'changes')
    return { ...base, limit: parsePositiveInt(str(flags, 'limit'), '--limit') ?? 20 };
  if (command !== 'undo') return base;
  const [changeId, ...rest] = positionals;
  if (!changeId || rest.length > 0 || !/^chg_[0-9a-z]{1,40}$/.test(changeId)) {
    throw new ConfigError(
      `usage: ${PROGRAM} undo CHANGE_ID [--dry-run] [--confirm] (ids come from ${PROGRAM} changes)`,
    );
  }
  return { ...base, changeId };
}
