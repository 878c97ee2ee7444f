import { ENV_VARS, FLAG_SECTIONS, type FlagDef, PROGRAM, USAGE } from './config.js';

/** Pads the left column so the explanations line up (long entries take their own line's width). */
function row(left: string, right: string, width: number): string {
  return `  ${left.padEnd(width)} ${right}`;
}

function flagText(f: FlagDef): string {
  const long = `--${f.name}${f.arg ? ` ${f.arg}` : ''}`;
  return f.meta ? `-${f.meta.short}, ${long}` : long;
}

function flagHelp(f: FlagDef): string {
  return f.env ? `${f.help} [${f.env}]` : f.help;
}

/** `--help`, generated from the option and environment definitions in src/config/ (never by hand). */
export function helpText(version: string): string {
  const lines = [`${PROGRAM} ${version} — MCP server for HubSpot CRM associations`, '', 'Usage:'];
  for (const u of USAGE) lines.push(row(`${PROGRAM} ${u.form}`, u.does, 56));
  for (const section of FLAG_SECTIONS) {
    lines.push('', `${section.title}:`);
    if (section.note) lines.push(`  ${section.note}`);
    for (const f of section.flags) lines.push(row(flagText(f), flagHelp(f), 22));
  }
  lines.push('', 'Environment (a flag wins over its variable):');
  for (const v of ENV_VARS) lines.push(row(v.name, v.flag ? `${v.help} (--${v.flag})` : v.help, 29));
  lines.push('', 'Logs are JSON lines on stderr; in stdio mode stdout carries MCP messages only.', '');
  return lines.join('\n');
}
