import type { Vars } from './env.js';
import { type Command, type Flags, flag, str } from './flags.js';
import { isLoopbackHost, stripBrackets } from './hosts.js';
import { buildHttpAuth } from './httpAuth.js';
import { optionalList, parseOrigins } from './lists.js';
import { type Config, ConfigError, DEFAULTS } from './types.js';
import { parsePort, parsePositiveInt } from './values.js';

/** HTTP transport settings; refuses an unauthenticated listener on a non-loopback interface. */
export function buildHttp(command: Command, flags: Flags, vars: Vars, baseUrl: string): Config['http'] {
  const useHttp = flag(flags, 'http');
  if (command === 'serve' && !useHttp) {
    const stray = ['host', 'port', 'stateless', 'allowed-origins', 'allowed-hosts'].find(
      (name) => flags[name] !== undefined,
    );
    if (stray) throw new ConfigError(`--${stray} applies only with --http`);
  }
  const host = stripBrackets(str(flags, 'host') ?? DEFAULTS.httpHost);
  if (host === '')
    throw new ConfigError('--host must not be empty: use 127.0.0.1 (default) or an interface address');
  const token = vars.MCP_HTTP_TOKEN;
  const oauth = useHttp ? buildHttpAuth(vars, baseUrl) : undefined;
  if (useHttp && !token && !oauth && !isLoopbackHost(host)) {
    throw new ConfigError(
      `refusing to serve HTTP on non-loopback host ${host} without MCP_HTTP_TOKEN: set MCP_HTTP_TOKEN to a long random secret, or use --host 127.0.0.1`,
    );
  }
  return {
    host,
    port: command === 'serve' ? parsePort(str(flags, 'port'), DEFAULTS.httpPort) : DEFAULTS.httpPort,
    stateless: flag(flags, 'stateless'),
    ...(token && !oauth ? { token } : {}),
    ...(oauth ? { oauth } : {}),
    allowedOrigins: parseOrigins(str(flags, 'allowed-origins') ?? vars.MCP_ALLOWED_ORIGINS),
    allowedHosts: (
      optionalList(str(flags, 'allowed-hosts') ?? vars.MCP_ALLOWED_HOSTS, '--allowed-hosts') ?? []
    ).map((h) => h.toLowerCase()),
    maxSessions:
      parsePositiveInt(vars.MCP_HTTP_MAX_SESSIONS, 'MCP_HTTP_MAX_SESSIONS') ?? DEFAULTS.httpMaxSessions,
    sessionIdleTimeoutMs:
      (parsePositiveInt(vars.MCP_HTTP_SESSION_IDLE_S, 'MCP_HTTP_SESSION_IDLE_S') ??
        DEFAULTS.httpSessionIdleS) * 1000,
  };
}
