import { describe, expect, it } from 'vitest';
import { ConfigError, configSecrets, isLoopbackHost, loadConfig, metaRequest } from '../../src/config.js';

const TOKEN = { HUBSPOT_ACCESS_TOKEN: 'pat-na1-11111111-2222-3333-4444-555555555555' };

function configError(argv: string[], env: NodeJS.ProcessEnv = TOKEN): ConfigError {
  try {
    loadConfig(argv, env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    const err = error as ConfigError;
    expect(err.message).not.toContain('\n');
    return err;
  }
  throw new Error(`expected a ConfigError for ${argv.join(' ')}`);
}

describe('loadConfig: serve', () => {
  it('defaults to stdio with documented defaults', () => {
    const config = loadConfig([], TOKEN);
    expect(config).toMatchObject({
      command: 'serve',
      transport: 'stdio',
      http: {
        host: '127.0.0.1',
        port: 3000,
        stateless: false,
        allowedOrigins: [],
        allowedHosts: [],
        maxSessions: 100,
        sessionIdleTimeoutMs: 1_800_000,
      },
      sandbox: false,
      readOnly: false,
      hubspot: {
        baseUrl: 'https://api.hubapi.com',
        accessToken: TOKEN.HUBSPOT_ACCESS_TOKEN,
        rateLimit: 100,
        apiVersion: '2026-03',
      },
      sandboxServer: { port: 4010, token: 'sandbox-token', rateLimit: 100, searchLagMs: 2_000 },
      sandboxSearchLagMs: 0,
      logLevel: 'info',
    });
    expect(config.tools).toBeUndefined();
    expect(config.http.token).toBeUndefined();
    expect(config.hubspot.oauth).toBeUndefined();
  });

  it('reads HTTP, sandbox, read-only and tools flags', () => {
    const config = loadConfig(
      [
        '--http',
        '--host',
        'localhost',
        '--port=0',
        '--stateless',
        '--sandbox',
        '--read-only',
        '--tools',
        'list_associations, find_records',
        '--allowed-origins',
        'https://app.example.com/,http://tool.local:8080',
        '--log-level',
        'debug',
      ],
      {},
    );
    expect(config).toMatchObject({
      transport: 'http',
      http: {
        host: 'localhost',
        port: 0,
        stateless: true,
        allowedOrigins: ['https://app.example.com', 'http://tool.local:8080'],
      },
      sandbox: true,
      readOnly: true,
      tools: ['list_associations', 'find_records'],
      logLevel: 'debug',
    });
  });

  it('reads the environment', () => {
    const config = loadConfig([], {
      HUBSPOT_CLIENT_ID: 'client-id',
      HUBSPOT_CLIENT_SECRET: 'client-secret-value',
      HUBSPOT_REFRESH_TOKEN: 'refresh-token-value',
      HUBSPOT_API_BASE_URL: 'http://127.0.0.1:4010/',
      HUBSPOT_RATE_LIMIT: 'auto',
      HUBSPOT_API_VERSION: 'V4',
      REDIS_URL: 'redis://:hunter22@redis.internal:6379',
      MCP_HTTP_TOKEN: 'http-token-value',
      LOG_LEVEL: 'WARN',
      HUBSPOT_READ_ONLY: 'true',
    });
    expect(config.hubspot).toEqual({
      baseUrl: 'http://127.0.0.1:4010',
      oauth: {
        clientId: 'client-id',
        clientSecret: 'client-secret-value',
        refreshToken: 'refresh-token-value',
      },
      rateLimit: 'auto',
      apiVersion: 'v4',
      redisUrl: 'redis://:hunter22@redis.internal:6379',
      redisFailure: 'exit',
      redisCluster: false,
      rateWindowMs: 10_000,
    });
    expect(config.http.token).toBe('http-token-value');
    expect(config.logLevel).toBe('warning');
    expect(config.readOnly).toBe(true);
    expect(configSecrets(config).sort()).toEqual(
      ['client-secret-value', 'refresh-token-value', 'http-token-value', 'hunter22'].sort(),
    );
  });

  it('honours HUBSPOT_SANDBOX=true from an MCP bundle and ignores unfilled user_config placeholders', () => {
    const config = loadConfig([], {
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the literal placeholder a bundle host passes when unset
      HUBSPOT_ACCESS_TOKEN: '${user_config.hubspot_access_token}',
      HUBSPOT_SANDBOX: 'true',
      HUBSPOT_READ_ONLY: 'false',
      HUBSPOT_RATE_LIMIT: '190',
      HUBSPOT_API_BASE_URL: '',
    });
    expect(config.sandbox).toBe(true);
    expect(config.readOnly).toBe(false);
    expect(config.hubspot.accessToken).toBeUndefined();
    expect(config.hubspot.rateLimit).toBe(190);
    expect(config.hubspot.baseUrl).toBe('https://api.hubapi.com');
  });

  it('without credentials and without --sandbox names the variable and --sandbox', () => {
    const { message } = configError([], {});
    expect(message).toBe(
      'HUBSPOT_ACCESS_TOKEN is not set (nor PRIVATE_APP_ACCESS_TOKEN or HUBSPOT_SERVICE_KEY): create a service key or private app token, or run with --sandbox to try the embedded sandbox portal',
    );
    expect(configError(['export', '--objects', 'contacts'], {}).message).toContain('HUBSPOT_ACCESS_TOKEN');
    expect(loadConfig(['--sandbox'], {}).sandbox).toBe(true);
  });

  it('rejects half an OAuth configuration, naming what is missing', () => {
    const { message } = configError([], { HUBSPOT_CLIENT_ID: 'id', HUBSPOT_CLIENT_SECRET: 'secret' });
    expect(message).toContain('HUBSPOT_REFRESH_TOKEN');
    expect(message).not.toContain("secret'");
  });

  it('refuses HTTP on a non-loopback host without MCP_HTTP_TOKEN', () => {
    const { message } = configError(['--http', '--host', '0.0.0.0']);
    expect(message).toContain('MCP_HTTP_TOKEN');
    expect(message).toContain('0.0.0.0');
    const config = loadConfig(['--http', '--host', '0.0.0.0'], { ...TOKEN, MCP_HTTP_TOKEN: 'x'.repeat(32) });
    expect(config.http.token).toBe('x'.repeat(32));
    expect(loadConfig(['--http', '--host', '[::1]'], TOKEN).http.host).toBe('::1');
  });

  it('names unknown flags and commands', () => {
    expect(configError(['--bogus']).message).toContain('--bogus');
    expect(configError(['sandbox', '--http']).message).toContain('--http');
    expect(configError(['serve-me']).message).toContain("'serve-me'");
    expect(configError(['--http', 'extra']).message).toContain("'extra'");
    expect(configError(['--port']).message).toMatch(/^--port needs a value/);
  });

  it('rejects HTTP options without --http', () => {
    expect(configError(['--port', '3001']).message).toBe('--port applies only with --http');
    expect(configError(['--stateless']).message).toBe('--stateless applies only with --http');
  });

  it.each([
    [['--http', '--port', '65536'], '--port'],
    [['--http', '--port', '-1'], '--port'],
    [['--http', '--port', '80x'], '--port'],
    [['--tools', ','], '--tools'],
    [['--log-level', 'loud'], 'log level'],
    [['--http', '--allowed-origins', 'not a url'], '--allowed-origins'],
  ])('validates %j', (argv, needle) => {
    expect(configError(argv).message).toContain(needle);
  });

  it.each([
    ['0', 'HUBSPOT_RATE_LIMIT'],
    ['1.5', 'HUBSPOT_RATE_LIMIT'],
    ['fast', 'HUBSPOT_RATE_LIMIT'],
  ])('validates HUBSPOT_RATE_LIMIT=%s', (value, needle) => {
    expect(configError([], { ...TOKEN, HUBSPOT_RATE_LIMIT: value }).message).toContain(needle);
  });

  it('reads the HTTP session cap and idle expiry (seconds) from the environment', () => {
    const config = loadConfig(['--http'], {
      ...TOKEN,
      MCP_HTTP_MAX_SESSIONS: '2',
      MCP_HTTP_SESSION_IDLE_S: '1',
    });
    expect(config.http).toMatchObject({ maxSessions: 2, sessionIdleTimeoutMs: 1000 });
  });

  it.each([
    ['MCP_HTTP_MAX_SESSIONS', '0'],
    ['MCP_HTTP_MAX_SESSIONS', 'lots'],
    ['MCP_HTTP_SESSION_IDLE_S', '-5'],
    ['MCP_HTTP_SESSION_IDLE_S', '1.5'],
  ])('validates %s=%s', (name, value) => {
    expect(configError(['--http'], { ...TOKEN, [name]: value }).message).toBe(
      `${name} must be a positive integer, got '${value}'`,
    );
  });

  it('reads the replica settings: REDIS_FAILURE, HUBSPOT_REPLICAS, HUBSPOT_RATE_WINDOW_MS, REDIS_CLUSTER', () => {
    const config = loadConfig([], {
      ...TOKEN,
      REDIS_FAILURE: 'degrade',
      HUBSPOT_REPLICAS: '3',
      HUBSPOT_RATE_WINDOW_MS: '1000',
      REDIS_CLUSTER: 'true',
    });
    expect(config.hubspot).toMatchObject({
      redisFailure: 'degrade',
      replicas: 3,
      rateWindowMs: 1_000,
      redisCluster: true,
    });
    expect(configError([], { ...TOKEN, REDIS_CLUSTER: 'yes please' }).message).toContain('true or false');
    expect(configError([], { ...TOKEN, REDIS_FAILURE: 'degrade' }).message).toContain('HUBSPOT_REPLICAS');
    expect(configError([], { ...TOKEN, REDIS_FAILURE: 'retry' }).message).toContain('exit or degrade');
  });

  it('does not echo a malformed REDIS_URL (it may hold a password)', () => {
    const { message } = configError([], { ...TOKEN, REDIS_URL: 'http://:hunter22@x' });
    expect(message).toContain('REDIS_URL');
    expect(message).not.toContain('hunter22');
  });

  it('validates HUBSPOT_API_VERSION against the versions the client speaks', async () => {
    const { API_VERSIONS } = await import('../../src/hubspot/routes.js');
    const { API_VERSION_SETTINGS } = await import('../../src/config/types.js');
    expect([...API_VERSION_SETTINGS]).toEqual([...API_VERSIONS]);
    expect(loadConfig([], { ...TOKEN, HUBSPOT_API_VERSION: '2026-09' }).hubspot.apiVersion).toBe('2026-09');
    expect(configError([], { ...TOKEN, HUBSPOT_API_VERSION: 'v3' }).message).toMatch(
      /HUBSPOT_API_VERSION must be 2026-03, 2026-09, v4 \(default 2026-03\), got 'v3'/,
    );
  });

  it('reads the journal directory (HUBSPOT_STATE_DIR, else XDG_STATE_HOME) and the confirmation threshold', () => {
    expect(loadConfig([], { ...TOKEN, HUBSPOT_STATE_DIR: '/srv/state' }).stateDir).toBe('/srv/state');
    expect(loadConfig([], { ...TOKEN, XDG_STATE_HOME: '/home/a/.state' }).stateDir).toBe(
      '/home/a/.state/hubspot-associations-mcp',
    );
    expect(loadConfig([], TOKEN).stateDir).toBeUndefined();
    expect(loadConfig([], TOKEN).confirmThreshold).toBe(100);
    expect(loadConfig([], { ...TOKEN, HUBSPOT_CONFIRM_THRESHOLD: '10' }).confirmThreshold).toBe(10);
    expect(configError([], { ...TOKEN, HUBSPOT_CONFIRM_THRESHOLD: 'many' }).message).toContain(
      'HUBSPOT_CONFIRM_THRESHOLD',
    );
  });

  it('reads the label cache age (HUBSPOT_LABEL_CACHE_MS, default 60 s; 0 re-reads on every use)', () => {
    expect(loadConfig([], TOKEN).labelCacheMs).toBe(60_000);
    expect(loadConfig([], { ...TOKEN, HUBSPOT_LABEL_CACHE_MS: '5000' }).labelCacheMs).toBe(5_000);
    expect(loadConfig([], { ...TOKEN, HUBSPOT_LABEL_CACHE_MS: '0' }).labelCacheMs).toBe(0);
    expect(configError([], { ...TOKEN, HUBSPOT_LABEL_CACHE_MS: 'a minute' }).message).toContain(
      'HUBSPOT_LABEL_CACHE_MS',
    );
  });

  it('reads HUBSPOT_JOB_DETACH_S (default 20 s), a positive whole number of seconds', () => {
    expect(loadConfig([], TOKEN).jobDetachS).toBe(20);
    expect(loadConfig([], { ...TOKEN, HUBSPOT_JOB_DETACH_S: '5' }).jobDetachS).toBe(5);
    for (const bad of ['0', 'soon', '-3'])
      expect(configError([], { ...TOKEN, HUBSPOT_JOB_DETACH_S: bad }).message).toContain(
        'HUBSPOT_JOB_DETACH_S',
      );
  });

  it('rejects non-boolean HUBSPOT_SANDBOX', () => {
    expect(configError([], { HUBSPOT_SANDBOX: 'maybe' }).message).toContain('HUBSPOT_SANDBOX');
  });
});

describe('loadConfig: sandbox command', () => {
  it('needs no credentials and reads port, token and rate limit', () => {
    const config = loadConfig(
      ['sandbox', '--port', '0', '--token', 'demo-token', '--rate-limit', '50', '--search-lag-ms', '0'],
      {},
    );
    expect(config.command).toBe('sandbox');
    expect(config.sandboxServer).toEqual({ port: 0, token: 'demo-token', rateLimit: 50, searchLagMs: 0 });
  });

  it('defaults', () => {
    expect(loadConfig(['sandbox'], {}).sandboxServer).toEqual({
      port: 4010,
      token: 'sandbox-token',
      rateLimit: 100,
      searchLagMs: 2_000, // on by default: search lags writes like HubSpot's
    });
  });

  it('validates the rate limit and the search lag', () => {
    expect(configError(['sandbox', '--rate-limit', '0'], {}).message).toContain('--rate-limit');
    expect(configError(['sandbox', '--search-lag-ms', '-5'], {}).message).toContain('--search-lag-ms');
  });

  it('reads the embedded portal search lag from HUBSPOT_SANDBOX_SEARCH_LAG_MS', () => {
    expect(loadConfig(['--sandbox'], { HUBSPOT_SANDBOX_SEARCH_LAG_MS: '1500' }).sandboxSearchLagMs).toBe(
      1_500,
    );
    expect(configError(['--sandbox'], { HUBSPOT_SANDBOX_SEARCH_LAG_MS: 'soon' }).message).toContain(
      'HUBSPOT_SANDBOX_SEARCH_LAG_MS',
    );
  });
});

describe('loadConfig: export command', () => {
  it('reads objects, associations, out, properties and max', () => {
    const config = loadConfig(
      [
        'export',
        '--objects',
        'contacts,companies',
        '--associations',
        'contacts:companies,deals:companies',
        '--out',
        'out-dir',
        '--properties',
        'email,name',
        '--max',
        '500',
        '--sandbox',
      ],
      {},
    );
    expect(config.command).toBe('export');
    expect(config.sandbox).toBe(true);
    expect(config.export).toEqual({
      objects: ['contacts', 'companies'],
      associations: [
        { from: 'contacts', to: 'companies' },
        { from: 'deals', to: 'companies' },
      ],
      out: 'out-dir',
      properties: ['email', 'name'],
      max: 500,
    });
  });

  it('takes the output directory from HUBSPOT_EXPORT_DIR when --out is absent (and for the export tool)', () => {
    const env = { ...TOKEN, HUBSPOT_EXPORT_DIR: '/data/exports' };
    expect(loadConfig(['export', '--objects', 'contacts'], env).export.out).toBe('/data/exports');
    expect(loadConfig(['export', '--objects', 'contacts', '--out', 'here'], env).export.out).toBe('here');
    expect(loadConfig([], env).export).toEqual({ objects: [], associations: [], out: '/data/exports' });
  });

  it('defaults --out and requires --objects', () => {
    expect(loadConfig(['export', '--objects', 'contacts'], TOKEN).export).toEqual({
      objects: ['contacts'],
      associations: [],
      out: './export',
    });
    expect(configError(['export'], TOKEN).message).toContain('--objects');
  });

  it('rejects malformed association pairs and --max', () => {
    expect(configError(['export', '--objects', 'contacts', '--associations', 'contacts']).message).toContain(
      'from:to',
    );
    expect(configError(['export', '--objects', 'contacts', '--max', '0']).message).toContain('--max');
  });
});

describe('metaRequest and helpers', () => {
  it('spots --help and --version before anything else', () => {
    expect(metaRequest(['--help'])).toBe('help');
    expect(metaRequest(['export', '-h'])).toBe('help');
    expect(metaRequest(['--version'])).toBe('version');
    expect(metaRequest(['--http'])).toBeUndefined();
  });

  it('knows loopback hosts', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]'])
      expect(isLoopbackHost(host)).toBe(true);
    for (const host of ['0.0.0.0', '::', '192.168.1.2', 'example.com'])
      expect(isLoopbackHost(host)).toBe(false);
  });
});
