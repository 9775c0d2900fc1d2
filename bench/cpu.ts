// CPU time spent, for benches whose figure is bound by it: this process's (process.cpuUsage, every
// thread) and, when it runs on this machine, the PostgreSQL server's (every process named
// postgres, read from /proc: its backends, WAL writer and the rest). A bench anchored to a
// database's commit rate on a machine where that rate is bound by CPU, not by the disk, can only
// reach a share of it as large as a bare commit's CPU over its own item's; these show both.
import fs from 'node:fs';

/**
 * Microseconds of CPU every postgres process on this machine has used so far; null where that
 * cannot be read. From each process's schedstat (nanoseconds run): its stat's ticks are whole
 * hundredths of a second each, and thirty-two backends that each ran a few milliseconds would
 * lose most of what they used to the rounding.
 */
export function databaseServerCpu(): number | null {
  let dirs: string[];
  try {
    dirs = fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return null;
  }
  let ns = 0;
  let found = false;
  for (const d of dirs) {
    try {
      if (fs.readFileSync(`/proc/${d}/comm`, 'utf8').trim() !== 'postgres') continue;
      ns += Number(fs.readFileSync(`/proc/${d}/schedstat`, 'utf8').split(' ')[0]);
      found = true;
    } catch {
      continue; // gone since the listing, or no schedstat
    }
  }
  return found ? ns / 1000 : null;
}

export interface CpuSpent { app: number; database: number | null }

/**
 * Starts counting; the function returned answers the CPU spent since, in microseconds. The
 * database server's only when asked for (PostgreSQL): SQLite's work is this process's own.
 */
export function cpuMeter(server: boolean): () => CpuSpent {
  const app0 = process.cpuUsage();
  const db0 = server ? databaseServerCpu() : null;
  return () => {
    const app = process.cpuUsage(app0);
    const db1 = server ? databaseServerCpu() : null;
    return { app: app.user + app.system, database: db0 === null || db1 === null ? null : db1 - db0 };
  };
}
