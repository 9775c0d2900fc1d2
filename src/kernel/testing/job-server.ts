// A server for the exactly-once test: `sandstone serve` as it is, plus the probe module, with a
// short lease and a quick poll so that servers killed mid-run are taken over within seconds.
// Usage: node --import tsx job-server.ts (--db FILE | --database-url URL)
import { openApp, buildHttp } from '../../app.ts';
import { MODULES } from '../../modules.ts';
import { probeModule } from './job-probe.ts';

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};

const app = await openApp({
  databaseUrl: arg('--database-url'), dbPath: arg('--db'), modules: [...MODULES, probeModule],
  jobs: { leaseMs: Number(process.env.PROBE_LEASE_MS ?? 3000), pollMs: 100, onError: (e) => console.error('jobs:', (e as Error).message) },
});
const server = await buildHttp(app, { logLevel: 'warn', webDist: '/nonexistent', bodyLimitBytes: 1_048_576 });
await server.listen({ port: 0, host: '127.0.0.1' });
app.jobs.start();
const addr = server.server.address();
console.log(`serving on http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0} (jobs as ${app.jobs.serverId})`);
const stop = async () => {
  await server.close();
  await app.close();
  process.exit(0);
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
