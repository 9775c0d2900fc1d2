// CLI adapter for the law search: `sandstone search WORDS… [--at D] [--title N] [--kind K] [--json]`.
import type { Command } from 'commander';
import type { CliHost } from '../../kernel/module.ts';
import { searchLaw, type SearchHit } from './search.ts';

/** The snippet with its hits in bold (ANSI), for a terminal. */
export function boldHits(hit: Pick<SearchHit, 'snippet' | 'highlights'>): string {
  let out = '';
  let at = 0;
  for (const [s, e] of hit.highlights) {
    out += hit.snippet.slice(at, s) + '\x1b[1m' + hit.snippet.slice(s, e) + '\x1b[22m';
    at = e;
  }
  return out + hit.snippet.slice(at);
}

export function searchCli(program: Command, host: CliHost) {
  program
    .command('search')
    .description('search the law: ranked statutes (and bills) with snippets; "quoted phrases", prefix*, -negation; a citation (14-203(2)) says where to go')
    .argument('<words...>', 'what to look for')
    .option('--at <date>', 'only statutes in force on this date, as they read then (YYYY-MM-DD)')
    .option('--title <n>', 'only this title')
    .option('--kind <kind>', 'statute or bill')
    .option('--limit <n>', 'how many to show', '20')
    .option('--offset <n>', 'skip this many', '0')
    .option('--json', 'print JSON instead of a list')
    .action(async (words: string[], opts, cmd: Command) => {
      await host.withContext(cmd, async (ctx) => {
        const res = await searchLaw(ctx, { q: words.join(' '), at: opts.at, title: opts.title, kind: opts.kind, limit: opts.limit, offset: opts.offset });
        if (opts.json) return void console.log(JSON.stringify(res, null, 2));
        const tty = process.stdout.isTTY;
        if (res.query.corrected) console.log(`showing results for: ${res.query.corrected}`);
        if (res.jump) console.log(`citation: ${res.jump.code} → ${res.jump.url}`);
        res.items.forEach((h, i) => {
          const status = h.status && h.status !== 'in_force' ? ` [${h.status.replace('_', ' ')}]` : '';
          console.log(`${String(Number(opts.offset) + i + 1).padStart(3)}. ${h.kind === 'bill' ? 'Bill ' : '§ '}${h.code}  ${h.heading}${status}`);
          console.log(`     ${tty ? boldHits(h) : h.snippet}`);
        });
        console.log(`\n${res.items.length} shown of ${res.totalExact ? "" : "more than "}${res.total} matching`);
      }, { readOnly: true });
    });
}
