// A roll call of 30 members answering at once over HTTP: a real server on a port, 30 logged-in
// councillor accounts (each holding one of 31 council seats of the registry, on a database of its
// own; the 31st chairs and answers no roll call), and in each round a fresh vote that all 30
// answer with concurrent POSTs of their ballots.
// Reported: p50 and p99 of a ballot's answer time, beside the same 30 concurrent POSTs to a bare
// Fastify route in the same run. Checked in every round: every ballot answered 201 and counted
// exactly once (30 stored rows, one per member, and a closed tally of 31 present); a round that
// is not is a failed figure. On SQLite, and on PostgreSQL when SANDSTONE_BENCH_PG_URL (or
// SANDSTONE_TEST_PG_URL) names a cluster we may create a database in.
import Fastify from 'fastify';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openApp, buildHttp, type App } from '../src/app.ts';
import { withActor, type AppContext } from '../src/kernel/context.ts';
import { closeVote, createSession, moveMotion, openVote, secondMotion, setAttendance, setSessionStatus } from '../src/modules/legislature/index.ts';
import { villageToday } from '../src/modules/legislature/legislature.read.ts';
import { councillorAccount, seatCouncil } from '../src/modules/legislature/testing/council.ts';
import { postgresTarget } from './postgres-target.ts';

const MEMBERS = 30;
const ROUNDS = Number(process.env.SANDSTONE_BENCH_ROLLCALL_ROUNDS ?? 20);

const pct = (xs: number[], p: number) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))]!; };
const round2 = (x: number) => Math.round(x * 100) / 100;

interface Login { cookie: string; csrf: string }

async function logIn(base: string, username: string, password: string): Promise<Login> {
  const r = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (r.status !== 200) throw new Error(`login of ${username} failed: ${r.status} ${await r.text()}`);
  return { cookie: r.headers.get('set-cookie')!.split(';')[0]!, csrf: ((await r.json()) as { csrfToken: string }).csrfToken };
}

/** Sends every request at once; each one's time from its own start to its answer read. */
async function together(sends: (() => Promise<Response>)[]): Promise<{ ms: number[]; statuses: number[]; bodies: string[] }> {
  const out = await Promise.all(sends.map(async (send) => {
    const t = performance.now();
    const r = await send();
    const body = await r.text();
    return { ms: performance.now() - t, status: r.status, body };
  }));
  return { ms: out.map((o) => o.ms), statuses: out.map((o) => o.status), bodies: out.map((o) => o.body) };
}

/** The roll calls on one database: ballot latencies, and whether every round counted each ballot once. */
async function rollCalls(app: App, anchorBase: string): Promise<{ ms: number[]; anchorMs: number[]; problems: string[] }> {
  const http = await buildHttp(app, { logLevel: 'silent', webDist: '/nonexistent', bodyLimitBytes: 1_048_576 });
  await http.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(http.server.address() as { port: number }).port}`;
  try {
    // One seat more than the members answering: its holder chairs the sitting and, as the rules
    // say, answers no roll call (the chair votes only to break a tie) but counts as present.
    const council = await seatCouncil(app.ctx, MEMBERS + 1);
    const [chair, ...members] = council.seats as [string, ...string[]];
    const logins: Login[] = [];
    for (const person of members) {
      const a = await councillorAccount(app.ctx, person);
      logins.push(await logIn(base, a.username, a.password));
    }
    const clerk: AppContext = withActor(app.ctx, { kind: 'user', role: 'clerk', username: 'bench-clerk', clearance: { level: 'top_secret', compartments: [] } });
    const s = await createSession(clerk, { title: 'Roll-call bench sitting', date: villageToday(app.ctx), startsAt: '09:00', place: 'Bench hall', chair });
    await setSessionStatus(clerk, s.code, { status: 'sitting' });
    for (const p of council.seats) await setAttendance(clerk, s.code, p, { status: 'present' });

    const ms: number[] = [];
    const anchorMs: number[] = [];
    const problems: string[] = [];
    const options = ['yes', 'no', 'abstain'] as const;
    for (let round = 1; round <= ROUNDS; round++) {
      const { number } = await moveMotion(clerk, s.code, { text: `That question ${round} be put.`, mover: members[round % MEMBERS]! });
      await secondMotion(clerk, s.code, number, { seconder: members[(round + 1) % MEMBERS]! });
      const vote = await openVote(clerk, s.code, { motion: number });
      const bodyOf = (i: number) => JSON.stringify({ option: options[(i + round) % 3] });
      // The anchor first, then the ballots: the same 30 concurrent POSTs, to a route that does nothing.
      anchorMs.push(...(await together(logins.map((_, i) => () => fetch(`${anchorBase}/ballot`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: bodyOf(i) })))).ms);
      const answers = await together(logins.map((l, i) => () => fetch(`${base}/api/legislature/votes/${vote.id}/ballots`, {
        method: 'POST', headers: { 'content-type': 'application/json', cookie: l.cookie, 'x-csrf-token': l.csrf }, body: bodyOf(i),
      })));
      ms.push(...answers.ms);
      const refused = answers.statuses.flatMap((st, i) => (st === 201 ? [] : [`${st} ${answers.bodies[i]!.slice(0, 200)}`]));
      if (refused.length) problems.push(`round ${round}: ${refused.length} ballots refused (${refused[0]})`);
      const rows = await app.ctx.db.selectFrom('legislature_ballot').select('member_id').where('vote_id', '=', vote.id).execute();
      const distinct = new Set(rows.map((r) => r.member_id as string));
      if (rows.length !== MEMBERS || distinct.size !== MEMBERS || members.some((p) => !distinct.has(p))) {
        problems.push(`round ${round}: ${rows.length} ballot rows for ${distinct.size} members, ${MEMBERS} expected`);
      }
      const closed = await closeVote(clerk, vote.id);
      const t = closed.result!.tally;
      const want = (o: number) => Array.from({ length: MEMBERS }, (_, i) => (i + round) % 3).filter((x) => x === o).length;
      if (t.present !== MEMBERS + 1 || t.absent !== 0 || t.yes !== want(0) || t.no !== want(1) || t.abstain !== want(2)) {
        problems.push(`round ${round}: tally ${JSON.stringify(t)}, expected ${want(0)} yes, ${want(1)} no, ${want(2)} abstaining of ${MEMBERS}, and the chair present`);
      }
    }
    return { ms, anchorMs, problems };
  } finally {
    await http.close();
  }
}

export async function rollCallBench() {
  const bare = Fastify();
  bare.post('/ballot', async (req, reply) => reply.code(201).send({ option: (req.body as { option: string }).option }));
  await bare.listen({ port: 0, host: '127.0.0.1' });
  const anchorBase = `http://127.0.0.1:${(bare.server.address() as { port: number }).port}`;
  const figures: Array<Record<string, unknown>> = [];
  const figure = (where: string, r: Awaited<ReturnType<typeof rollCalls>>) => ({
    name: `roll call, ${MEMBERS} members answering at once over HTTP, ${ROUNDS} votes (${where})`, unit: 'ms p50', value: round2(pct(r.ms, 0.5)),
    anchor: round2(pct(r.anchorMs, 0.5)), anchorName: `bare Fastify POST, ${MEMBERS} at once`, ratio: round2(pct(r.ms, 0.5) / pct(r.anchorMs, 0.5)),
    goal: `every ballot counted exactly once (${MEMBERS} rows, tally ${MEMBERS} and the chair present) in every vote; p99 reported`, pass: r.problems.length === 0,
    p99ms: round2(pct(r.ms, 0.99)), anchorP99ms: round2(pct(r.anchorMs, 0.99)), ballots: r.ms.length, problems: r.problems.slice(0, 5),
  });
  try {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandstone-bench-rollcall-'));
    const app = await openApp({ dbPath: path.join(dir, 'bench.db') });
    try {
      figures.push(figure('SQLite', await rollCalls(app, anchorBase)));
    } finally {
      await app.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
    const target = await postgresTarget('rollcall', process.env.SANDSTONE_BENCH_PG_URL ?? process.env.SANDSTONE_TEST_PG_URL).catch((e) => {
      console.error(`bench: PostgreSQL roll call skipped: ${String(e?.message ?? e)}`);
      return null;
    });
    if (target) {
      try {
        const pgApp = await openApp({ databaseUrl: target.databaseUrl });
        try {
          figures.push(figure('PostgreSQL', await rollCalls(pgApp, anchorBase)));
        } finally {
          await pgApp.close();
        }
      } finally {
        await target.drop();
      }
    }
  } finally {
    await bare.close();
  }
  for (const f of figures) if ((f.problems as string[]).length) console.error(`bench: ${f.name}: ${(f.problems as string[]).join('; ')}`);
  return figures;
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await rollCallBench(), null, 2));
