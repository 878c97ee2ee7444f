/**
 * Every command-line flag and environment variable, defined once. The parser (flags.ts) takes its
 * flag tables from here, `--help` (src/help.ts), the README's option tables and manifest.json's
 * user_config are generated from here, and `npm run lint` (scripts/readme-tools.ts --check) fails
 * when any of them, or env.ts's list of variables, drifts from these definitions.
 */
import { DEFAULTS } from './types.js';

export const COMMANDS = [
  'serve',
  'sandbox',
  'export',
  'import',
  'changes',
  'undo',
  'audit',
  'repair',
] as const;
export type Command = (typeof COMMANDS)[number];

export interface FlagDef {
  name: string;
  type: 'boolean' | 'string';
  /** The value's placeholder in help text (string flags). */
  arg?: string;
  help: string;
  /** The environment variable with the same effect. */
  env?: string;
  /** Handled before parsing (--help, --version): printed, never parsed. */
  meta?: { short: string };
}

/** Flags that apply to every command of `commands`. */
export interface FlagSection {
  title: string;
  commands: readonly Command[];
  note?: string;
  flags: readonly FlagDef[];
}

/** A user_config field of manifest.json that sets this variable (the MCP bundle's settings UI). */
export interface ManifestField {
  key: string;
  type: 'string' | 'number' | 'boolean' | 'directory' | 'file';
  title: string;
  description: string;
  sensitive?: true;
  default?: string | number | boolean;
}

export interface EnvDef {
  name: string;
  help: string;
  /** The flag with the same effect (flags win). */
  flag?: string;
  manifest?: ManifestField;
}

/** `hubspot-associations-mcp …` forms, for the help's usage and the README's command table. */
export const USAGE: ReadonlyArray<{ form: string; does: string }> = [
  { form: '[options]', does: 'serve MCP over stdio (default)' },
  { form: '--http [options]', does: 'serve MCP over Streamable HTTP at /mcp (GET /healthz answers 200)' },
  { form: 'sandbox [options]', does: 'run the sandbox HubSpot portal alone' },
  { form: 'export --objects LIST [options]', does: 'export records and associations to CSV' },
  {
    form: 'import pairs FILE.csv [options]',
    does: 'find or create contacts + companies and link each row',
  },
  {
    form: 'import associations FILE.csv --from T --to T [options]',
    does: 'restore links from an edge list',
  },
  { form: 'changes [--limit N]', does: 'the change journal, newest first (JSON lines)' },
  { form: 'undo CHANGE_ID [--dry-run] [--confirm]', does: 'revert one change' },
  { form: 'audit --from T --to T [options]', does: 'find what is broken between two object types' },
  {
    form: 'repair link-by-domain|set-primary [options]',
    does: 'link orphan contacts by domain, or set missing Primaries',
  },
  {
    form: 'repair move --type T --from-record ID --to-record ID [options]',
    does: "move a record's associations to another",
  },
];

const sandboxFlag = (what: string): FlagDef => ({
  name: 'sandbox',
  type: 'boolean',
  help: `${what} the embedded sandbox portal instead of HubSpot`,
  env: 'HUBSPOT_SANDBOX',
});

export const FLAG_SECTIONS: readonly FlagSection[] = [
  {
    title: 'Serve options',
    commands: ['serve'],
    flags: [
      { name: 'http', type: 'boolean', help: 'Streamable HTTP at /mcp instead of stdio' },
      {
        name: 'host',
        type: 'string',
        arg: 'HOST',
        help: `bind address (default ${DEFAULTS.httpHost}; non-loopback needs MCP_HTTP_TOKEN)`,
      },
      {
        name: 'port',
        type: 'string',
        arg: 'N',
        help: `port (default ${DEFAULTS.httpPort}; 0 = any free port)`,
      },
      {
        name: 'stateless',
        type: 'boolean',
        help: 'no sessions: a fresh server per request (load balancers)',
      },
      {
        name: 'allowed-origins',
        type: 'string',
        arg: 'A,B',
        help: 'browser origins allowed besides localhost',
        env: 'MCP_ALLOWED_ORIGINS',
      },
      {
        name: 'allowed-hosts',
        type: 'string',
        arg: 'A,B',
        help: 'Host header names allowed besides the bind address',
        env: 'MCP_ALLOWED_HOSTS',
      },
      sandboxFlag('use'),
      {
        name: 'read-only',
        type: 'boolean',
        help: 'register read-only tools only',
        env: 'HUBSPOT_READ_ONLY',
      },
      {
        name: 'toolsets',
        type: 'string',
        arg: 'A,B',
        help: 'register these tool groups: labels, limits, records, import, journal, export, repair',
        env: 'HUBSPOT_TOOLSETS',
      },
      {
        name: 'tools',
        type: 'string',
        arg: 'A,B',
        help: 'register these tools (added to --toolsets)',
        env: 'HUBSPOT_TOOLS',
      },
    ],
  },
  {
    title: 'Sandbox options',
    commands: ['sandbox'],
    flags: [
      { name: 'port', type: 'string', arg: 'N', help: `port (default ${DEFAULTS.sandboxPort})` },
      {
        name: 'token',
        type: 'string',
        arg: 'T',
        help: `bearer token clients must send (default ${DEFAULTS.sandboxToken})`,
      },
      {
        name: 'rate-limit',
        type: 'string',
        arg: 'N',
        help: `requests per 10 s (default ${DEFAULTS.rateLimit})`,
      },
      {
        name: 'search-lag-ms',
        type: 'string',
        arg: 'N',
        help: `search sees writes N ms late, as HubSpot's (default ${DEFAULTS.sandboxSearchLagMs})`,
      },
      {
        name: 'scopes',
        type: 'string',
        arg: 'A,B',
        help: 'grant the token only these scopes (others get 403 MISSING_SCOPES)',
      },
      { name: 'users', type: 'string', arg: 'A,B', help: 'e-mails of users who can sign in with OAuth' },
      {
        name: 'client-id',
        type: 'string',
        arg: 'ID',
        help: "the OAuth app's client id (default sandbox-client-id)",
      },
      {
        name: 'client-secret',
        type: 'string',
        arg: 'S',
        help: "the OAuth app's client secret (default sandbox-client-secret)",
      },
      {
        name: 'redirect-uris',
        type: 'string',
        arg: 'A,B',
        help: 'the exact redirect URLs allowed (default any http URL on 127.0.0.1 or localhost)',
      },
      {
        name: 'token-ttl-s',
        type: 'string',
        arg: 'N',
        help: 'lifetime of OAuth access tokens in seconds (default 1800)',
      },
    ],
  },
  {
    title: 'Export options',
    commands: ['export'],
    flags: [
      {
        name: 'objects',
        type: 'string',
        arg: 'A,B',
        help: 'object types to export, e.g. contacts,companies (required)',
      },
      {
        name: 'associations',
        type: 'string',
        arg: 'F:T,..',
        help: 'association pairs, e.g. contacts:companies',
      },
      {
        name: 'out',
        type: 'string',
        arg: 'DIR',
        help: `output directory (default ${DEFAULTS.exportOut})`,
        env: 'HUBSPOT_EXPORT_DIR',
      },
      { name: 'properties', type: 'string', arg: 'A,B', help: 'properties to export' },
      { name: 'max', type: 'string', arg: 'N', help: 'at most N records per object type' },
      sandboxFlag('export from'),
    ],
  },
  {
    title: 'Import options',
    commands: ['import'],
    note: 'Progress on stderr, a JSON summary on stdout, exit 1 if a row failed. A report of every row is written beside FILE (FILE.report.csv); re-running FILE resumes.',
    flags: [
      { name: 'label', type: 'string', arg: 'L', help: 'pairs: label for rows without one (e.g. Primary)' },
      { name: 'from', type: 'string', arg: 'T', help: 'associations: the from object type of the edge list' },
      { name: 'to', type: 'string', arg: 'T', help: 'associations: the to object type of the edge list' },
      { name: 'dry-run', type: 'boolean', help: 'look up and plan; write nothing' },
      sandboxFlag('import into'),
    ],
  },
  {
    title: 'Audit options',
    commands: ['audit'],
    note: 'Progress on stderr, the findings as JSON on stdout; every item in a CSV in --out.',
    flags: [
      { name: 'from', type: 'string', arg: 'T', help: 'the object type scanned, e.g. contacts (required)' },
      { name: 'to', type: 'string', arg: 'T', help: 'the object type it should be linked to (required)' },
      {
        name: 'checks',
        type: 'string',
        arg: 'A,B',
        help: 'orphans, primary, domain, duplicates, limits (default: all that apply)',
      },
      { name: 'max', type: 'string', arg: 'N', help: 'scan at most N records' },
      { name: 'sample', type: 'string', arg: 'N', help: 'items shown per finding (default 10, at most 100)' },
      {
        name: 'out',
        type: 'string',
        arg: 'DIR',
        help: `where the CSV goes (default ${DEFAULTS.exportOut}/repair)`,
      },
      sandboxFlag('audit'),
    ],
  },
  {
    title: 'Repair options',
    commands: ['repair'],
    note: 'One journaled change (undo CHANGE_ID reverts it); exit 1 if an item failed. A report of every item goes to --out.',
    flags: [
      { name: 'label', type: 'string', arg: 'L', help: 'link-by-domain: also this label (e.g. Primary)' },
      {
        name: 'type',
        type: 'string',
        arg: 'T',
        help: 'set-primary: contacts (default), deals, tickets; move: both records',
      },
      { name: 'from-record', type: 'string', arg: 'ID', help: 'move: the record whose associations move' },
      { name: 'to-record', type: 'string', arg: 'ID', help: 'move: the record that receives them' },
      {
        name: 'types',
        type: 'string',
        arg: 'A,B',
        help: 'move: associated types (default contacts,companies,deals,tickets)',
      },
      { name: 'max', type: 'string', arg: 'N', help: 'at most N items (default 100000)' },
      {
        name: 'out',
        type: 'string',
        arg: 'DIR',
        help: `where the report goes (default ${DEFAULTS.exportOut}/repair)`,
      },
      { name: 'dry-run', type: 'boolean', help: 'plan and print; write nothing' },
      { name: 'confirm', type: 'boolean', help: 'write more items than HUBSPOT_CONFIRM_THRESHOLD' },
      sandboxFlag('repair'),
    ],
  },
  {
    title: 'Changes options',
    commands: ['changes'],
    flags: [{ name: 'limit', type: 'string', arg: 'N', help: 'at most N changes (default 20)' }],
  },
  {
    title: 'Undo options',
    commands: ['undo'],
    flags: [
      { name: 'dry-run', type: 'boolean', help: 'say what would be reverted; write nothing' },
      { name: 'confirm', type: 'boolean', help: 'revert more items than HUBSPOT_CONFIRM_THRESHOLD' },
    ],
  },
  {
    title: 'Common options',
    commands: COMMANDS,
    flags: [
      {
        name: 'log-level',
        type: 'string',
        arg: 'LEVEL',
        help: `debug | info | warning | error (default ${DEFAULTS.logLevel})`,
        env: 'LOG_LEVEL',
      },
      {
        name: 'env-file',
        type: 'string',
        arg: 'PATH',
        help: 'read variables from a .env file (the environment wins)',
      },
      { name: 'help', type: 'boolean', help: 'show this help', meta: { short: 'h' } },
      { name: 'version', type: 'boolean', help: 'show the version', meta: { short: 'v' } },
    ],
  },
];
