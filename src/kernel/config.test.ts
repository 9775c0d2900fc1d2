// Configuration errors stop the process with a message that names the setting, the rule and the
// value given — never a database password.
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

describe('configuration', () => {
  it('defaults when nothing is set', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 8080, host: '0.0.0.0', dbPath: './data/sandstone.db', readCacheMB: 32, trustProxy: false });
  });

  it('flags win over the environment', () => {
    expect(loadConfig({ PORT: '9000' }, { port: '9100' }).port).toBe(9100);
  });

  it('names each bad setting, its rule and what was given', () => {
    expect(() => loadConfig({ PORT: 'abc', LOG_LEVEL: 'loud', SANDSTONE_READ_CACHE_MB: '-1' })).toThrow(
      ['Invalid configuration:',
        '  PORT / --port must be a whole number from 0 to 65535 (given: "abc")',
        '  LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (given: "loud")',
        '  SANDSTONE_READ_CACHE_MB must be a number of megabytes from 0 to 65536 (given: "-1")'].join('\n'),
    );
  });

  it('never repeats a database URL, which may hold a password', () => {
    let message = '';
    try {
      loadConfig({ DATABASE_URL: 'not a url with secret-pw' });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/DATABASE_URL \/ --database-url must be a URL/);
    expect(message).not.toMatch(/secret-pw/);
  });
});
