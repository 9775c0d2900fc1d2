// Reads the environment once into a frozen, typed Config; a bad value stops the process at boot.
import { z } from 'zod';

/** A whole number in [min, max], from an environment string or a flag, with the rule in its message. */
const whole = (min: number, max: number) => {
  const rule = `must be a whole number from ${min} to ${max}`;
  return z.coerce.number({ error: rule }).int({ error: rule }).min(min, { error: rule }).max(max, { error: rule });
};

const ZConfig = z.object({
  databaseUrl: z.string().url({ error: 'must be a URL such as postgres://user:password@host:5432/sandstone' }).optional(),
  dbPath: z.string().min(1).default('./data/sandstone.db'),
  port: whole(0, 65535).default(8080),
  host: z.string().min(1).default('0.0.0.0'),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { error: 'must be one of fatal, error, warn, info, debug, trace, silent' }).default('warn'),
  webDist: z.string().default('./dist/web'),
  bodyLimitBytes: whole(1024, 1024 ** 3).default(1_048_576),
  sessionIdleMinutes: whole(1, 24 * 60).default(30),
  sessionAbsoluteHours: whole(1, 24 * 30).default(12),
  trustProxy: z.enum(['true', 'false'], { error: 'must be true or false' }).default('false').transform((v) => v === 'true'),
  readCacheMB: z.coerce.number({ error: 'must be a number of megabytes from 0 to 65536' }).min(0, { error: 'must be a number of megabytes from 0 to 65536' }).max(65536, { error: 'must be a number of megabytes from 0 to 65536' }).default(32),
});

/** Where each setting comes from, for messages: its environment variable (and flag, when there is one). */
const SOURCES: Record<string, string> = {
  databaseUrl: 'DATABASE_URL / --database-url', dbPath: 'SANDSTONE_DB / --db', port: 'PORT / --port', host: 'HOST / --host', logLevel: 'LOG_LEVEL',
  webDist: 'SANDSTONE_WEB_DIST', bodyLimitBytes: 'SANDSTONE_BODY_LIMIT', sessionIdleMinutes: 'SANDSTONE_SESSION_IDLE_MINUTES',
  sessionAbsoluteHours: 'SANDSTONE_SESSION_ABSOLUTE_HOURS', trustProxy: 'SANDSTONE_TRUST_PROXY', readCacheMB: 'SANDSTONE_READ_CACHE_MB',
};

export type Config = Readonly<z.infer<typeof ZConfig>>;

/** Overrides from CLI flags win over the environment. */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  overrides: Partial<Record<keyof Config, unknown>> = {},
): Config {
  const raw = {
    databaseUrl: env.DATABASE_URL || undefined,
    dbPath: env.SANDSTONE_DB || undefined,
    port: env.PORT || undefined,
    host: env.HOST || undefined,
    logLevel: env.LOG_LEVEL || undefined,
    webDist: env.SANDSTONE_WEB_DIST || undefined,
    bodyLimitBytes: env.SANDSTONE_BODY_LIMIT || undefined,
    sessionIdleMinutes: env.SANDSTONE_SESSION_IDLE_MINUTES || undefined,
    sessionAbsoluteHours: env.SANDSTONE_SESSION_ABSOLUTE_HOURS || undefined,
    trustProxy: env.SANDSTONE_TRUST_PROXY || undefined,
    readCacheMB: env.SANDSTONE_READ_CACHE_MB || undefined,
  };
  for (const [k, v] of Object.entries(overrides)) if (v !== undefined) (raw as Record<string, unknown>)[k] = v;
  const parsed = ZConfig.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => {
      const key = String(i.path[0]);
      // A database URL may carry a password: it is never echoed back.
      const given = key === 'databaseUrl' ? '' : ` (given: ${JSON.stringify((raw as Record<string, unknown>)[key])})`;
      return `  ${SOURCES[key] ?? key} ${i.message}${given}`;
    });
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return Object.freeze(parsed.data);
}

/** The environment variables Sandstone reads, for --help and the README. */
export const CONFIG_VARIABLES = [
  ['DATABASE_URL', 'PostgreSQL connection string; when set, PostgreSQL is used instead of SQLite'],
  ['SANDSTONE_DB', 'SQLite database file (default ./data/sandstone.db)'],
  ['PORT', 'HTTP port (default 8080)'],
  ['HOST', 'HTTP bind address (default 0.0.0.0)'],
  ['LOG_LEVEL', 'fatal|error|warn|info|debug|trace|silent (default warn; info logs every request)'],
  ['SANDSTONE_WEB_DIST', 'folder of the built web app (default ./dist/web)'],
  ['SANDSTONE_BODY_LIMIT', 'largest request body in bytes (default 1048576)'],
  ['SANDSTONE_SESSION_IDLE_MINUTES', 'a session ends after this long without a request (default 30)'],
  ['SANDSTONE_SESSION_ABSOLUTE_HOURS', 'a session ends this long after login, whatever happens (default 12)'],
  ['SANDSTONE_READ_CACHE_MB', 'memory for answers kept between unchanged reads, checked against the database on every request (default 32; 0 = none)'],
  ['SANDSTONE_TRUST_PROXY', 'true when behind a TLS-terminating proxy that sets X-Forwarded-Proto/-For (default false)'],
] as const;
