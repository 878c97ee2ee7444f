/** Public face of src/config/: the one place flags and environment become a validated Config. */
export { metaRequest } from './config/flags.js';
export { isLoopbackHost } from './config/hosts.js';
export { loadConfig } from './config/load.js';
export { configSecrets } from './config/secrets.js';
export { type Config, ConfigError, DEFAULTS, type LogLevel, PROGRAM } from './config/types.js';
