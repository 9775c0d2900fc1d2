// `sandstone sar calc`: the search-theory core on a JSON problem from standard input, for planners
// checking numbers by hand (docs/SAR.md). It touches no database.
import fs from 'node:fs';
import type { Command } from 'commander';
import type { CliHost } from '../../kernel/module.ts';
import { calcJson, CalcError } from './calc.ts';
import { sarTeamsCli } from './sar-teams.cli.ts';

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
      const input = fs.readFileSync(0, 'utf8');
      try {
        console.log(JSON.stringify(calcJson(input)));
      } catch (e) {
        if (!(e instanceof CalcError)) throw e;
        // One line saying what is wrong and where, as the issue asks of invalid problems.
        console.error(`error: ${e.message}`);
        process.exitCode = 1;
      }
    });
  sarTeamsCli(sar, host);
}
