import { readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { ConfigError } from './types.js';

/**
 * `--env-file PATH`: the variables of a .env file, parsed by Node's own parser (the one behind
 * `node --env-file`), under the real environment: a variable already set wins, as with Node's flag.
 */
export function withEnvFile(path: string | undefined, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  if (path === undefined) return env;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new ConfigError(`--env-file ${path}: cannot read the file (${code})`);
  }
  return { ...parseEnv(text), ...env };
}
