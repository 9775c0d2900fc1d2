// `sandstone jobs list|retry|cancel`: timed work from the console, through the same kernel functions as the API.
import type { Command } from 'commander';
import type { CliHost } from '../../kernel/module.ts';
import { listJobs, retryJob, cancelJob, JOB_VIEWS, viewOf, type JobView } from '../../kernel/jobs/index.ts';
import { AppError } from '../../kernel/errors.ts';

export function operationsCli(program: Command, host: CliHost) {
  const jobs = host.group('jobs', 'see and handle timed work (due, running, failed, dead jobs)');
  jobs
    .command('list')
    .description('list jobs, soonest first, with a count per view')
    .option('--view <view>', `one of ${JOB_VIEWS.join(', ')} (default: all)`)
    .option('--kind <kind>', 'only this kind, e.g. kernel.sessions.purge')
    .option('--limit <n>', 'at most this many', '50')
    .option('--json', 'print JSON instead of a table')
    .action(async (opts, cmd: Command) => {
      if (opts.view && !JOB_VIEWS.includes(opts.view)) throw new AppError('CLI_BAD_VIEW', 'bad_request', `--view must be one of ${JOB_VIEWS.join(', ')}.`);
      await host.withContext(cmd, async (ctx) => {
        const r = await listJobs(ctx, { view: opts.view as JobView | undefined, kind: opts.kind, limit: Number(opts.limit) });
        if (opts.json) return void console.log(JSON.stringify(r, null, 2));
        console.log(JOB_VIEWS.map((v) => `${v} ${r.counts[v]}`).join(' · '));
        const now = ctx.now();
        for (const j of r.items) {
          const label = j.label.classification === 'public' && !j.label.compartments.length ? '' : ` [${[j.label.classification, ...j.label.compartments].join('/')}]`;
          console.log(`${j.id}  ${viewOf(j, now).padEnd(9)} ${j.runAt}  ${j.kind} ${j.key}  attempts ${j.attempts}${label}${j.lastError ? `\n    last error: ${j.lastError}` : ''}`);
        }
        if (r.total > r.items.length) console.log(`… ${r.total - r.items.length} more (use --limit)`);
      }, { readOnly: true });
    });
  jobs
    .command('retry')
    .description('run a job again from its first attempt, now (a dead, cancelled or waiting one)')
    .argument('<id>')
    .action(async (id: string, _opts, cmd: Command) => {
      await host.withContext(cmd, async (ctx) => {
        const j = await retryJob(ctx, id);
        console.log(`Job ${j.id} (${j.kind}) will run again now; a running server picks it up.`);
      });
    });
  jobs
    .command('cancel')
    .description('cancel a job that has not run')
    .argument('<id>')
    .action(async (id: string, _opts, cmd: Command) => {
      await host.withContext(cmd, async (ctx) => {
        const j = await cancelJob(ctx, id);
        console.log(`Job ${j.id} (${j.kind}) is cancelled.`);
      });
    });
}
