// Load generation shared by the benchmarks: autocannon in this process, figures as medians of rounds.
import autocannon from 'autocannon';

const DURATION = Number(process.env.BENCH_SECONDS ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const WARMUP = Number(process.env.BENCH_WARMUP_SECONDS ?? 2);

export interface Load { rps: number; p99: number; errors: number; non2xx: number }
export interface Target { url: string; headers?: Record<string, string> }

async function load(t: Target, seconds = DURATION): Promise<Load> {
  // One URL per target, like the anchor: autocannon rebuilding a request per call would cost more than our route.
  const r = await autocannon({ url: t.url, headers: t.headers, connections: 16, duration: seconds, pipelining: 1 });
  return { rps: Math.round(r.requests.average), p99: r.latency.p99, errors: r.errors, non2xx: r.non2xx };
}

/**
 * Every target measured once per round, rounds one after another, and each figure the median of
 * its rounds: a slow moment of the machine then touches one round of every figure alike,
 * instead of one whole figure. Each target is first loaded for WARMUP seconds, not counted: what
 * is measured is a server that has run for a while, not its first seconds (code not yet
 * optimised, PostgreSQL's prepared statements not yet planned), which otherwise fell in the first
 * round of each figure alone and weighed on routes with more code far more than on a bare one
 * (the case page on PostgreSQL: 0.25 of its anchor in a first round, 0.33–0.40 in the next five).
 */
export async function measure(targets: (string | Target)[]): Promise<Load[]> {
  const ts = targets.map((t) => (typeof t === 'string' ? { url: t } : t));
  if (WARMUP > 0) for (const t of ts) await load(t, WARMUP);
  const rounds: Load[][] = ts.map(() => []);
  for (let r = 0; r < ROUNDS; r++) for (const [i, t] of ts.entries()) rounds[i]!.push(await load(t));
  return rounds.map((rs) => {
    const sorted = [...rs].sort((a, b) => a.rps - b.rps);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    return { ...median, errors: rs.reduce((n, x) => n + x.errors, 0), non2xx: rs.reduce((n, x) => n + x.non2xx, 0) };
  });
}
