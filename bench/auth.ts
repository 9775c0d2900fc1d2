// Security figures: the cost of a login (argon2id as configured) and of label filtering on a search.
import autocannon from 'autocannon';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openApp, buildHttp } from '../src/app.ts';
import { loadDemoWorld } from '../src/world/demo.ts';
import { createAccount } from '../src/kernel/auth/accounts.ts';
import { hashPassword, verifyPassword, ARGON2 } from '../src/kernel/auth/passwords.ts';
import { measure } from './load.ts';


export async function authBench() {
  // Login cost: one argon2id verification, which is what an attacker pays per guess too.
  const stored = await hashPassword('a long quiet password');
  const n = 20;
  let t = performance.now();
  for (let i = 0; i < n; i++) await verifyPassword(stored, 'a long quiet password');
  const verifyMs = (performance.now() - t) / n;

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandstone-bench-auth-'));
  const app = await openApp({ dbPath: path.join(dir, 'bench.db') });
  await loadDemoWorld(app.ctx);
  await createAccount(app.ctx, { username: 'bench', personId: 'bench', displayName: 'Bench', role: 'kazekage', clearance: 'top_secret', compartments: ['ANBU', 'BREACH'], password: 'a long quiet password' });
  const http = await buildHttp(app, { logLevel: 'silent', webDist: '/nonexistent', bodyLimitBytes: 1_048_576 });
  await http.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(http.server.address() as { port: number }).port}`;

  const started = performance.now();
  const login = await autocannon({
    url: `${base}/api/auth/login`, method: 'POST', connections: 4, amount: 40,
    headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'bench', password: 'a long quiet password' }),
  });
  const loginSeconds = (performance.now() - started) / 1000;
  // Throttling counts failures only, so 40 good logins pass.
  const r = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'bench', password: 'a long quiet password' }) });
  const cookie = r.headers.get('set-cookie')!.split(';')[0]!;
  // Same search, anonymous (label filter on, lowest clearance) and cleared (label filter on, highest clearance).
  const url = `${base}/api/registry/people?q=ka&limit=25`;
  const [anonymous, cleared] = await measure([{ url }, { url, headers: { cookie } }]);
  await http.close();
  await app.close();
  fs.rmSync(dir, { recursive: true, force: true });
  const overhead = 1 - cleared!.rps / anonymous!.rps;
  return [
    {
      name: `login over HTTP (argon2id m=${ARGON2.memoryCost} KiB, t=${ARGON2.timeCost}, p=${ARGON2.parallelism})`, unit: 'logins/s', value: Math.round(40 / loginSeconds),
      anchor: Math.round(1000 / verifyMs), anchorName: 'argon2id verifications alone, one at a time', ratio: 40 / loginSeconds / (1000 / verifyMs),
      goal: 'deliberately slow: each guess costs an attacker the same', pass: login.non2xx === 0, verifyMs: Number(verifyMs.toFixed(1)),
    },
    {
      name: 'people search, logged-in Kazekage vs anonymous', unit: 'req/s', value: cleared!.rps, anchor: anonymous!.rps,
      anchorName: 'same search, anonymous', ratio: cleared!.rps / anonymous!.rps, goal: 'label filtering and session lookup add ≤ 20 %', pass: overhead <= 0.2,
      overheadPct: Number((overhead * 100).toFixed(1)),
    },
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await authBench(), null, 2));
