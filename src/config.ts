/** Public face of src/config/: the one place flags and environment become a validated Config. */
export { ENV_VARS } from './config/envVars.js';
export { metaRequest } from './config/flags.js';
export { isLoopbackHost } from './config/hosts.js';
export { loadConfig } from './config/load.js';
export { FLAG_SECTIONS, type FlagDef, USAGE } from './config/options.js';
export { configSecrets } from './config/secrets.js';
export { type Config, ConfigError, DEFAULTS, type LogLevel, PROGRAM } from './config/types.js';
