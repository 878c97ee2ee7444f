import { parseArgs } from 'node:util';
import { COMMANDS, type Command, FLAG_SECTIONS } from './options.js';
import { ConfigError, PROGRAM } from './types.js';

export type { Command } from './options.js';

/** parseArgs' option table of one command: its sections' flags (options.ts), meta flags excluded. */
function optionsFor(command: Command): Record<string, { type: 'boolean' | 'string' }> {
  const options: Record<string, { type: 'boolean' | 'string' }> = {};
  for (const section of FLAG_SECTIONS) {
    if (!section.commands.includes(command)) continue;
    for (const f of section.flags) if (!f.meta) options[f.name] = { type: f.type };
  }
  return options;
}

export type Flags = Partial<Record<string, string | boolean>>;

/** `--help` / `--version` short-circuit everything else (no credentials needed to read the help). */
export function metaRequest(argv: readonly string[]): 'help' | 'version' | undefined {
  const flags = argv.slice(0, endOfFlags(argv));
  if (flags.some((a) => a === '--help' || a === '-h')) return 'help';
  if (flags.some((a) => a === '--version' || a === '-v')) return 'version';
  return undefined;
}

/** The command (serve when argv starts with a flag) and its flags, checked against that command's options. */
export function parseCommandLine(argv: string[]): { command: Command; flags: Flags; positionals: string[] } {
  const first = argv[0];
  const named = first !== undefined && !first.startsWith('-');
  if (named && !(COMMANDS as readonly string[]).includes(first)) {
    throw new ConfigError(
      `unknown command '${first}': expected sandbox, export, import, changes, undo, audit, repair or flags; run ${PROGRAM} --help`,
    );
  }
  const command: Command = named ? (first as Command) : 'serve';
  const options = optionsFor(command);
  try {
    const { values, positionals } = parseArgs({
      args: named ? argv.slice(1) : argv,
      options,
      strict: true,
      // `import pairs FILE.csv`: the job and the file are words, not flags.
      allowPositionals: command === 'import' || command === 'undo' || command === 'repair',
    });
    return { command, flags: values as Flags, positionals };
  } catch (err) {
    throw new ConfigError(describeArgError(err, command));
  }
}

function describeArgError(err: unknown, command: Command): string {
  const code = (err as { code?: string }).code;
  const message = err instanceof Error ? err.message : String(err);
  const quoted = /'([^']+)'/.exec(message)?.[1] ?? '';
  const where = command === 'serve' ? PROGRAM : `${PROGRAM} ${command}`;
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${quoted} for ${where}: run ${where} --help`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument '${quoted}' for ${where}: run ${where} --help`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      // "Option '--port <value>' argument missing" or "... is ambiguous" (the next word is a flag)
      return `${quoted.split(' ')[0]} needs a value: run ${where} --help`;
    default:
      return `${message.split('\n')[0]}: run ${where} --help`;
  }
}

function endOfFlags(argv: readonly string[]): number {
  const i = argv.indexOf('--');
  return i === -1 ? argv.length : i;
}

export function flag(flags: Flags, name: string): boolean {
  return flags[name] === true;
}

export function str(flags: Flags, name: string): string | undefined {
  const v = flags[name];
  return typeof v === 'string' ? v : undefined;
}
