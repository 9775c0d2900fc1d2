// `sandstone sar calc`: the search-theory core on a JSON problem from standard input, for planners
// checking numbers by hand (docs/SAR.md); it touches no database. `sandstone sar operations`: the
// operations as the console sees them (all of them), newest first.
import type { Command } from 'commander';
import type { CliHost } from '../../kernel/module.ts';
import { calcJson, CalcError } from './calc.ts';
import { sarTeamsCli } from './sar-teams.cli.ts';
import { listOperations } from './sar.read.ts';
import type { TOperation } from './sar.schema.ts';

const STATUS_WORDS: Record<TOperation['status'], string> = { active: 'active', found: 'found', called_off: 'called off' };

/** One line per operation: code, status, subject, last known point and time, label when not public. */
export function formatOperations(items: readonly TOperation[]): string {
  if (!items.length) return 'No search and rescue operations.';
  return items.map((o) => {
    const subject = 'withheld' in o.subject ? '(withheld)' : o.subject.name;
    const label = o.classification !== 'public' || o.compartments.length ? `  [${o.classification}${o.compartments.map((c) => `+${c}`).join('')}]` : '';
    const closed = o.closedAt ? ` ${o.closedAt.slice(0, 16).replace('T', ' ')}` : '';
    return `${o.code}  ${STATUS_WORDS[o.status]}${closed}  ${subject} — ${o.title}; last known (${o.lastKnown.x}, ${o.lastKnown.y}) km at ${o.lastKnown.at.slice(0, 16).replace('T', ' ')}Z${label}`;
  }).join('\n');
}

export function sarCli(program: Command, host: CliHost) {
  const sar = host.group('sar', 'search and rescue: probability maps, searches, sightings, effort plans');
  sar
    .command('calc')
    .description('read a search problem (JSON) on standard input and print the updated map, each search\'s probability of success and the optimal effort (JSON)')
    .addHelpText('after', `
Input:  {"cells":[p…], "steps":[{"search":{"pod":[…]}} | {"sighting":{"likelihood":[…]}} |
         {"sighting":{"cell":i,"hit":h,"falseAlarm":f}} | {"move":{"matrix":[[…]…]}}],
         "allocate"?: {"w":[…], "p"?:[…], "total":T}}
Output: {"cells":[p…], "pos":[…one per step], "allocation"?:[t…]}
Example: echo '{"cells":[1,1],"steps":[{"search":{"pod":[0.5,0]}}]}' | sandstone sar calc`)
    .action(() => {
      const input = host.standardInput();
      try {
        console.log(JSON.stringify(calcJson(input)));
      } catch (e) {
        if (!(e instanceof CalcError)) throw e;
        // One line saying what is wrong and where, as the issue asks of invalid problems.
        console.error(`error: ${e.message}`);
        process.exitCode = 1;
      }
    });
  sar
    .command('operations')
    .description('list search and rescue operations, newest first')
    .option('--status <status>', 'only active or closed ones')
    .option('--json', 'print the API answer as JSON')
    .action(async (opts, cmd: Command) => {
      if (opts.status !== undefined && opts.status !== 'active' && opts.status !== 'closed') {
        console.error(`error: --status must be active or closed, not ${JSON.stringify(String(opts.status).slice(0, 40))}`);
        process.exitCode = 1;
        return;
      }
      await host.withContext(cmd, async (ctx) => {
        const list = await listOperations(ctx, opts.status);
        console.log(opts.json ? JSON.stringify(list, null, 2) : formatOperations(list.items));
      }, { readOnly: true });
    });
  sarTeamsCli(sar, host);
}
