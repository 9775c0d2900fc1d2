// CLI adapter for the registry: people search, Popolo import and export.
import fs from 'node:fs';
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import type { CliHost } from '../../kernel/module.ts';
import { searchPeople } from './registry.read.ts';
import { importPopoloFile, toPopolo } from './popolo.ts';
import { RANKS, STATUSES } from './registry.schema.ts';

export function registryCli(program: Command, host: CliHost) {
  program
    .command('people')
    .description('search people by name, village, rank, status or organization')
    .argument('[query...]', 'name prefix (case- and accent-insensitive)')
    .option('--village <code>', 'allegiance village id or code')
    .option('--rank <rank>', `one of ${RANKS.join(', ')}`)
    .option('--status <status>', `one of ${STATUSES.join(', ')}`)
    .option('--organization <code>', 'organization id or code (includes its sub-organizations)')
    .option('--as-of <date>', 'status and memberships as on this date (YYYY-MM-DD)')
    .option('--limit <n>', 'how many to show', '50')
    .option('--offset <n>', 'skip this many', '0')
    .option('--json', 'print JSON instead of a table')
    .action(async (words: string[], opts, cmd: Command) => {
      await host.withContext(cmd, async (ctx) => {
        const res = await searchPeople(ctx, {
          q: words.join(' ') || undefined, village: opts.village, rank: opts.rank, status: opts.status,
          organization: opts.organization, asOf: opts.asOf, limit: opts.limit, offset: opts.offset,
        });
        if (opts.json) return void console.log(JSON.stringify(res, null, 2));
        const rows = res.items.map((p) => [p.displayName, p.rankLabel, p.allegianceVillage?.name ?? '—', p.status?.label ?? '—', p.id]);
        const head = ['NAME', 'RANK', 'VILLAGE', 'STATUS', 'ID'];
        const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
        const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
        console.log(line(head));
        for (const r of rows) console.log(line(r));
        console.log(`\n${res.items.length} shown of ${res.total} matching`);
      }, { readOnly: true });
    });

  host.group('import', 'read data from other systems').command('popolo')
    .description('import a Popolo JSON file (persons, organizations, posts, memberships); importing twice changes nothing')
    .argument('<file>', 'Popolo JSON file')
    .option('--quiet', 'no progress bar')
    .action(async (file: string, opts, cmd: Command) => {
      await host.withContext(cmd, async (ctx) => {
        const bar = !opts.quiet && process.stderr.isTTY ? new cliProgress.SingleBar({ format: 'importing [{bar}] {value}/{total} entries', stream: process.stderr }, cliProgress.Presets.shades_classic) : null;
        let started = false;
        // Streamed from the file: memory stays bounded whatever its size.
        const report = await importPopoloFile(ctx, file, {
          onProgress: (done, total) => {
            if (!bar) return;
            if (!started) (bar.start(total, 0), (started = true));
            bar.update(done);
          },
        });
        bar?.stop();
        const kinds = ['persons', 'organizations', 'posts', 'memberships'] as const;
        console.log('            created  updated  skipped');
        for (const k of kinds) console.log(`${k.padEnd(13)}${String(report.created[k]).padStart(7)}  ${String(report.updated[k]).padStart(7)}  ${String(report.skipped[k]).padStart(7)}`);
        for (const w of report.warnings) console.log(`warning: ${w.message} (${w.count}), e.g. ${w.examples.slice(0, 3).join('; ')}`);
      });
    });

  host.group('export', 'write data for other systems').command('popolo')
    .description('export the registry as Popolo JSON')
    .option('-o, --out <file>', 'write to this file instead of standard output')
    .action(async (opts, cmd: Command) => {
      await host.withContext(cmd, async (ctx) => {
        const doc = await toPopolo(ctx);
        const text = JSON.stringify(doc, null, 2) + '\n';
        if (opts.out) {
          fs.writeFileSync(opts.out, text);
          console.error(`wrote ${doc.persons.length} persons, ${doc.organizations.length} organizations, ${doc.posts.length} posts, ${doc.memberships.length} memberships to ${opts.out}`);
        } else process.stdout.write(text);
      }, { readOnly: true });
    });
}
