// Reads the environment once into a frozen, typed Config; a bad value stops the process at boot.
import { z } from 'zod';

const ZConfig = z.object({
  databaseUrl: z.string().url().optional(),
  dbPath: z.string().min(1).default('./data/sandstone.db'),
  port: z.coerce.number().int().min(0).max(65535).default(8080),
  host: z.string().min(1).default('0.0.0.0'),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('warn'),
  webDist: z.string().default('./dist/web'),
  bodyLimitBytes: z.coerce.number().int().min(1024).default(1_048_576),
  sessionIdleMinutes: z.coerce.number().int().min(1).max(24 * 60).default(30),
  sessionAbsoluteHours: z.coerce.number().int().min(1).max(24 * 30).default(12),
  trustProxy: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  readCacheMB: z.coerce.number().min(0).max(65536).default(32),
});

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
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
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
