// CLI adapter for Akoma Ntoso: `sandstone import akn FILE…` and `sandstone export akn CODE`.
import fs from 'node:fs';
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import type { CliHost } from '../../kernel/module.ts';
import { AppError } from '../../kernel/errors.ts';
import { importAknFiles, type AknImportReport } from './akn-import.ts';
import { statuteToAkn } from './akn.ts';
import { statuteForAkn, villageToday } from './legislature.read.ts';

/** Below this many sections an import is over before a bar would be worth drawing. */
const BAR_FROM_SECTIONS = 200;
const WARNINGS_SHOWN = 10;

export function formatAknReport(r: AknImportReport): string {
  const n = (v: number, w: number) => String(v).padStart(w);
  const lines = [
    `${r.files} file${r.files === 1 ? '' : 's'}, ${r.sections} sections`,
    '          created  updated  unchanged',
    `statutes  ${n(r.statutes.created, 7)}  ${n(r.statutes.updated, 7)}  ${n(r.statutes.unchanged, 9)}`,
    `bills     ${n(r.bills.created, 7)}  (${r.bills.existing} already recorded: updated where they differ)`,
  ];
  for (const w of r.warnings.slice(0, WARNINGS_SHOWN)) lines.push(`warning: ${w.file}: ${w.message}`);
  if (r.warnings.length > WARNINGS_SHOWN) lines.push(`… and ${r.warnings.length - WARNINGS_SHOWN} more warnings`);
  return lines.join('\n');
}

export function aknCli(program: Command, host: CliHost) {
  host.group('import', 'read data from other systems').command('akn')
    .description('import Akoma Ntoso 3.0 files: acts as statutes with their versions, bills as bill texts; all files or nothing, and importing twice changes nothing')
    .argument('<files...>', 'Akoma Ntoso XML files')
    .option('--quiet', 'no progress bar')
    .action(async (files: string[], opts, cmd: Command) => {
      await host.withContext(cmd, async (ctx) => {
        const bar = !opts.quiet && process.stderr.isTTY
          ? new cliProgress.SingleBar({ format: 'importing [{bar}] {value}/{total} sections', stream: process.stderr }, cliProgress.Presets.shades_classic)
          : null;
        let started = false;
        const report = await importAknFiles(ctx, files, {
          onProgress: (p) => {
            // Only the writing is counted in sections; a small import gets no bar.
            if (!bar || p.phase !== 'write' || p.total <= BAR_FROM_SECTIONS) return;
            if (!started) (bar.start(p.total, 0), (started = true));
            bar.update(p.done);
          },
        });
        if (started) bar!.stop();
        console.log(formatAknReport(report));
      });
    });

  host.group('export', 'write data for other systems').command('akn')
    .description('export a statute with its whole history as an Akoma Ntoso 3.0 act')
    .argument('<code>', 'statute code, e.g. 14-203')
    .option('--at <date>', 'the act body holds the version in force on this date (YYYY-MM-DD; default: the latest)')
    .option('-o, --out <file>', 'write to this file instead of standard output')
    .action(async (code: string, opts, cmd: Command) => {
      if (opts.at !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(opts.at)) {
        throw new AppError('VALIDATION_FAILED', 'bad_request', `--at must be a date YYYY-MM-DD, not "${opts.at}"`, [{ path: 'at', message: 'not a date' }]);
      }
      await host.withContext(cmd, async (ctx) => {
        const statute = await statuteForAkn(ctx, code, opts.at);
        const xml = statuteToAkn(statute, { at: opts.at, generatedOn: villageToday(ctx) });
        const text = xml.endsWith('\n') ? xml : `${xml}\n`;
        if (opts.out) {
          fs.writeFileSync(opts.out, text);
          console.error(`wrote statute ${statute.code} (${statute.versions.length} version${statute.versions.length === 1 ? '' : 's'}${statute.repealed ? `, repealed on ${statute.repealed.on}` : ''}) to ${opts.out}`);
        } else process.stdout.write(text);
      }, { readOnly: true });
    });
}
