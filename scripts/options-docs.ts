/**
 * The README's option, environment, tool-group and scope tables and manifest.json's user_config,
 * generated from src/config (options.ts, envVars.ts) and src/tools (toolsets.ts, scopes.ts); and
 * the drift checks between those definitions and what the code reads (env.ts, options.ts).
 */
import { ENV_NAMES } from '../src/config/env.js';
import { ENV_VARS } from '../src/config/envVars.js';
import { FLAG_SECTIONS, USAGE } from '../src/config/options.js';
import { PROGRAM } from '../src/config/types.js';
import { TOOL_NAMES } from '../src/tools/index.js';
import { TOOL_SCOPES } from '../src/tools/scopes.js';
import { TOOLSETS } from '../src/tools/toolsets.js';

const cell = (text: string) => text.replace(/\|/g, '\\|');

export function optionsTables(): string {
  const lines = ['| command | does |', '| --- | --- |'];
  for (const u of USAGE) lines.push(`| \`${PROGRAM} ${cell(u.form)}\` | ${cell(u.does)} |`);
  lines.push('', '| flag | commands | does | variable |', '| --- | --- | --- | --- |');
  for (const section of FLAG_SECTIONS) {
    const where = section.commands.length > 1 ? 'all' : section.commands[0];
    for (const f of section.flags) {
      const flag = `${f.meta ? `-${f.meta.short}, ` : ''}--${f.name}${f.arg ? ` ${f.arg}` : ''}`;
      lines.push(`| \`${cell(flag)}\` | ${where} | ${cell(f.help)} | ${f.env ? `\`${f.env}\`` : ''} |`);
    }
  }
  lines.push('', '| environment | meaning | flag |', '| --- | --- | --- |');
  for (const v of ENV_VARS)
    lines.push(`| \`${v.name}\` | ${cell(v.help)} | ${v.flag ? `\`--${v.flag}\`` : ''} |`);
  return lines.join('\n');
}

export function toolsetsTable(): string {
  const lines = ['| group | tools |', '| --- | --- |'];
  for (const [name, tools] of Object.entries(TOOLSETS)) {
    lines.push(`| \`${name}\` | ${tools.map((t) => `\`${t}\``).join(', ')} |`);
  }
  return lines.join('\n');
}

export function scopesTable(): string {
  const lines = ['| tool | HubSpot scopes |', '| --- | --- |'];
  for (const name of TOOL_NAMES) lines.push(`| \`${name}\` | ${cell(TOOL_SCOPES[name]?.scopes ?? '?')} |`);
  return lines.join('\n');
}

interface Manifest {
  server: { mcp_config: { env: Record<string, string> } };
  user_config: Record<string, unknown>;
}

/** manifest.json with user_config and the env it feeds generated from envVars.ts. */
export function withUserConfig<M extends Manifest>(manifest: M): M {
  const env: Record<string, string> = {};
  const userConfig: Record<string, unknown> = {};
  for (const v of ENV_VARS) {
    const m = v.manifest;
    if (!m) continue;
    env[v.name] = `\${user_config.${m.key}}`;
    userConfig[m.key] = {
      type: m.type,
      title: m.title,
      description: m.description,
      ...(m.sensitive ? { sensitive: true } : {}),
      ...(m.default === undefined ? {} : { default: m.default }),
      required: false,
    };
  }
  return {
    ...manifest,
    server: { ...manifest.server, mcp_config: { ...manifest.server.mcp_config, env } },
    user_config: userConfig,
  };
}

/** Where the definitions and the code disagree: one line each (empty = in step). */
export function drift(): string[] {
  const problems: string[] = [];
  const documented = ENV_VARS.map((v) => v.name);
  for (const name of ENV_NAMES)
    if (!documented.includes(name))
      problems.push(`${name} is read (env.ts) but not in src/config/envVars.ts`);
  for (const name of documented)
    if (!(ENV_NAMES as readonly string[]).includes(name))
      problems.push(`${name} is documented (envVars.ts) but not read (env.ts ENV_NAMES)`);
  for (const name of new Set(documented))
    if (documented.filter((n) => n === name).length > 1)
      problems.push(`${name} is defined more than once in src/config/envVars.ts`);
  const flags = new Set(FLAG_SECTIONS.flatMap((s) => s.flags.map((f) => f.name)));
  for (const v of ENV_VARS)
    if (v.flag && !flags.has(v.flag)) problems.push(`${v.name} names --${v.flag}, which is no flag`);
  const grouped = Object.values(TOOLSETS).flat() as string[];
  for (const name of TOOL_NAMES) {
    if (grouped.filter((t) => t === name).length !== 1)
      problems.push(`${name} must be in exactly one tool group`);
    if (!TOOL_SCOPES[name]) problems.push(`${name} has no entry in src/tools/scopes.ts`);
  }
  for (const name of grouped)
    if (!TOOL_NAMES.includes(name)) problems.push(`tool group member ${name} is no tool`);
  return problems;
}
