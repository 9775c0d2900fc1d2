// CLI adapter for the statute book: `sandstone statute CODE [--at D] [--json]`. The Akoma Ntoso
// import and export commands live in akn.cli.ts; the search command with the search.
import type { Command } from 'commander';
import type { CliHost } from '../../kernel/module.ts';
import { isoDate } from '../../kernel/validation.ts';
import { validationError } from '../../kernel/errors.ts';
import { subdivisionsOf } from './statute-text.ts';
import { statuteDocument } from './legislature.read.ts';
import type { TStatute } from './legislature.schema.ts';

const INDENT = { intro: '', subsection: '', paragraph: '    ', item: '        ' } as const;

/** A statute as a reader wants it in a terminal: what it is, which version, then the text. */
export function formatStatute(s: TStatute): string {
  const v = s.version;
  const of = s.timeline.filter((t) => t.kind === 'text').length;
  const label = s.classification !== 'public' || s.compartments.length ? `  [${[s.classification.toUpperCase().replace('_', ' '), ...s.compartments].join(' · ')}]` : '';
  const until = v.validTo ? `until ${v.validTo}` : s.repealedOn ? `until its repeal on ${s.repealedOn}` : 'still in force';
  return [
    `${s.code}  ${s.heading}${label}`,
    `Title ${s.titleNumber} — ${s.titleHeading}`,
    `As in force on ${s.at}: version ${v.seq} of ${of}, from ${v.validFrom} ${until}; made by ${v.madeBy.kind}: ${v.madeBy.reason}${v.madeBy.ref ? ` (${v.madeBy.ref})` : ''}`,
    '',
    ...subdivisionsOf(s.text).map((e) => `${INDENT[e.level]}${e.marker ? `${e.marker} ` : ''}${e.text}`.trimEnd()),
  ].join('\n');
}

export function legislatureCli(program: Command, host: CliHost) {
  program
    .command('statute')
    .description('show a statute as in force on a date (default today), with the version in force and what made it')
    .argument('<code>', 'statute code, e.g. 14-203')
    .option('--at <date>', 'the date to read the law on (YYYY-MM-DD)')
    .option('--json', 'print the API answer as JSON')
    .action(async (code: string, opts, cmd: Command) => {
      if (opts.at !== undefined && !isoDate.safeParse(opts.at).success) throw validationError([{ path: '--at', message: 'must be a real date written YYYY-MM-DD' }], `--at ${JSON.stringify(opts.at)} is not a date: write it YYYY-MM-DD.`);
      await host.withContext(cmd, async (ctx) => {
        const doc = await statuteDocument(ctx, code, opts.at);
        console.log(opts.json ? JSON.stringify(doc.value, null, 2) : formatStatute(doc.value));
      }, { readOnly: true });
    });
}
